/**
 * Output shapes of procedures the lead is adding to `packages/api` (notification, report, admin).
 * They are called through the untyped client (`pending.ts`) so this app builds before and after
 * they land; once `AppRouter` has them, switch the screens to `useTRPC()` and delete this file.
 */
export interface NotificationItem {
  id: string;
  kind: 'task.overdue' | 'task.arrived' | string;
  taskId: string | null;
  caseId: string | null;
  caseNumber?: string | null;
  caseTitle?: string | null;
  positionKey?: string;
  data: Record<string, unknown>;
  createdAt: string;
  read: boolean;
}

export interface EvaluationStep {
  nodeId: string;
  rowNo: number;
  kegiatan: string;
  lane: string;
  positionKey: string;
  standard: string;
  standardMinutes: number | null;
  completed: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  onTimeShare: number | null;
  open: number;
  overdue: number;
  avgWaitMinutes: number | null;
}

export interface EvaluationSop {
  sopId: string;
  name: string;
  cases: number;
  completedCases: number;
  openTasks: number;
  overdueTasks: number;
  steps: EvaluationStep[];
}

export interface EvaluationPosition {
  positionKey: string;
  completed: number;
  onTimeShare: number | null;
  open: number;
  overdue: number;
  medianMinutes: number | null;
}

export interface EvaluationReport {
  sops: EvaluationSop[];
  positions: EvaluationPosition[];
}

export type Permission = 'staff' | 'leader' | 'admin' | 'designer';

export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  active: boolean;
  permissions: Permission[];
  positions: string[];
}

export interface AdminPosition {
  key: string;
  name: string;
  supervisorKey: string | null;
}

export interface DayHours {
  start: string;
  end: string;
}

export interface AgencyCalendar {
  timeZone: string;
  /** ISO weekday 1 (Monday) … 7 (Sunday); null = closed. */
  hours: Record<string, DayHours | null>;
  holidays: { date: string; name: string; source: string }[];
}

export interface MigrationPreview {
  ok: boolean;
  missingNodeIds?: string[];
}

/** Short unit labels, taken from the i18n resources by the caller. */
export interface DurationUnits {
  day: string;
  hour: string;
  minute: string;
}

/**
 * Formats a number of minutes as at most two units ("2 h 5 m", "3 d 4 h"); days are 24-hour days.
 * Negative values are formatted by magnitude; the caller says "late" or "left".
 */
export function formatMinutes(totalMinutes: number, units: DurationUnits): string {
  const m = Math.round(Math.abs(totalMinutes));
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const minutes = m % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(`${days} ${units.day}`);
  if (hours > 0) parts.push(`${hours} ${units.hour}`);
  if (minutes > 0 && days === 0) parts.push(`${minutes} ${units.minute}`);
  if (parts.length === 0) return `0 ${units.minute}`;
  return parts.slice(0, 2).join(' ');
}

export type Remaining =
  | { kind: 'none' }
  | { kind: 'left'; minutes: number }
  | { kind: 'overdue'; minutes: number };

/**
 * Time left as working minutes from the server (office hours and holidays of the agency); past
 * the due date — by the clock, which may tick between refreshes — it is late.
 */
export function computeWorkingRemaining(
  dueAt: string | null,
  now: Date,
  workingMinutes: number | null,
): Remaining {
  if (!dueAt || workingMinutes === null) return { kind: 'none' };
  const late = new Date(dueAt).getTime() <= now.getTime() || workingMinutes < 0;
  return late
    ? { kind: 'overdue', minutes: Math.abs(workingMinutes) }
    : { kind: 'left', minutes: workingMinutes };
}

/** Median of a list (null when empty). */
export function computeMedian(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

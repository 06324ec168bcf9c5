import {
  type CriticalPath,
  computeCriticalPath,
  type SopDocument,
  sumWaktu,
  type ValidationIssue,
  validateSop,
  type WaktuTotal,
} from '@alur/schema';

/** What the validation panel shows for one document: its issues, total waktu and critical path. */
export interface ValidationReport {
  issues: ValidationIssue[];
  total: WaktuTotal;
  critical: CriticalPath;
}

/** Checks a document (in the validation worker, or on the page where no worker can run). */
export function buildValidationReport(doc: SopDocument): ValidationReport {
  return { issues: validateSop(doc), total: sumWaktu(doc), critical: computeCriticalPath(doc) };
}

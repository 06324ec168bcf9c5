import type { ElementName, ValidationIssue } from '@alur/schema';

/** The issues of one element (a step, a lane), or one issue about the document or an arrow. */
export interface IssueGroup {
  key: string;
  issue: ValidationIssue;
  /** The element's readable name; null for issues that are not about one named element. */
  subject: ElementName | null;
  /** Every issue of the element, in validation order (errors before warnings). */
  issues: ValidationIssue[];
  severity: ValidationIssue['severity'];
}

/**
 * Groups validation issues by the element they are about, so a half-drawn step shows one entry
 * with its problems listed under its name instead of four separate lines.
 */
export function groupIssues(issues: ValidationIssue[]): IssueGroup[] {
  const groups = new Map<string, IssueGroup>();
  issues.forEach((issue, index) => {
    const named = issue.subject && issue.element.id !== undefined;
    const key = named ? `${issue.element.kind}:${issue.element.id}` : `single:${index}`;
    const group = groups.get(key);
    if (group) {
      group.issues.push(issue);
      if (issue.severity === 'error') group.severity = 'error';
      return;
    }
    groups.set(key, {
      key,
      issue,
      subject: named ? issue.subject! : null,
      issues: [issue],
      severity: issue.severity,
    });
  });
  for (const g of groups.values()) g.issues.sort((a, b) => rank(a) - rank(b));
  return [...groups.values()];
}

const rank = (i: ValidationIssue) => (i.severity === 'error' ? 0 : 1);

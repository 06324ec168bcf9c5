import { validateSop } from '@alur/schema';
import { describe, expect, it } from 'vitest';
import { createSampleDocument } from '../model/fixtures.ts';
import { groupIssues } from './group-issues.ts';

describe('groupIssues', () => {
  it('shows a half-drawn step once, with all its problems under its name', () => {
    const doc = createSampleDocument();
    const step = doc.nodes.find((n) => n.type === 'activity')!;
    step.kegiatan = '';
    doc.edges = doc.edges.filter((e) => e.source !== step.id && e.target !== step.id);
    const issues = validateSop(doc);
    const groups = groupIssues(issues);
    const ofStep = groups.filter((g) => g.issue.element.id === step.id);
    expect(ofStep).toHaveLength(1);
    expect(ofStep[0]!.issues.length).toBeGreaterThanOrEqual(3);
    expect(ofStep[0]!.subject?.id).toMatch(/^Langkah \d+ tanpa kegiatan/);
    expect(groups.length).toBeLessThan(issues.length);
  });

  it('keeps document-wide issues as single entries', () => {
    const doc = createSampleDocument();
    doc.nodes = doc.nodes.filter((n) => n.type !== 'start' && n.type !== 'end');
    const groups = groupIssues(validateSop(doc)).filter((g) => g.subject === null);
    expect(groups.map((g) => g.issue.code)).toEqual(expect.arrayContaining(['NO_START', 'NO_END']));
  });
});

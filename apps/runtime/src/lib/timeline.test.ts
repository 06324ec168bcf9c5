import { describe, expect, it } from 'vitest';
import { buildTimeline } from './timeline.ts';

const ev = (id: number, action: string, actorId: string, at: string, data: unknown = {}) => ({
  id,
  action,
  actorId,
  at,
  data,
});

describe('buildTimeline', () => {
  it('folds one action’s data changes into one line, keeps the rest, leaves downloads out', () => {
    const t0 = '2026-12-02T00:00:00.000Z';
    const t1 = '2026-12-02T01:00:00.000Z';
    const items = buildTimeline([
      ev(1, 'case.started', 'peksos', t0),
      ev(2, 'data.changed', 'peksos', t0, { key: 'nama', label: 'Nama pemohon' }),
      ev(3, 'data.changed', 'peksos', t0, { key: 'nik', label: 'NIK pemohon' }),
      ev(4, 'file.downloaded', 'staf', t1),
      ev(5, 'data.changed', 'staf', t1, { key: 'terdata' }),
      ev(6, 'data.changed', 'peksos', t1, { key: 'x', label: 'X' }),
      ev(7, 'task.completed', 'staf', t1),
    ]);
    expect(items.map((i) => [i.kind, i.event.id, i.kind === 'data' ? i.labels : null])).toEqual([
      ['event', 1, null],
      ['data', 2, ['Nama pemohon', 'NIK pemohon']],
      ['data', 5, ['terdata']],
      ['data', 6, ['X']],
      ['event', 7, null],
    ]);
  });
});

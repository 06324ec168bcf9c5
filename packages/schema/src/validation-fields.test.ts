import { describe, expect, it } from 'vitest';
import type { DataField, NodeField } from './data-fields.ts';
import type { SopDocument } from './document.ts';
import { caseFileDoc } from './testing/case-file.ts';
import { type ValidationCode, validateSop } from './validation.ts';

const issuesOf = (doc: SopDocument) =>
  validateSop(doc).map((i) => ({ code: i.code, id: i.element.id, field: i.field }));
const withFields = (doc: SopDocument, dataFields: DataField[]) => ({ ...doc, dataFields });

/* The graph of caseFileDoc:  (s) → [a] → <d> —ya→ (e), d —tidak→ a */
describe('validateSop: the case file', () => {
  it('accepts forms that fill before they read, with the KTP listed where it is checked', () => {
    const doc = caseFileDoc({
      s: [
        { key: 'nama_pemohon', mode: 'require' },
        { key: 'ktp', mode: 'edit' },
      ],
      a: [
        { key: 'nama_pemohon', mode: 'read' },
        { key: 'ktp', mode: 'require' },
      ],
      d: [{ key: 'layak', mode: 'require' }],
    });
    expect(validateSop(doc)).toEqual([]);
  });

  const cases: [string, () => SopDocument, ValidationCode, string | undefined, string][] = [
    [
      'a node using a key that is not a data field',
      () => caseFileDoc({ a: [{ key: 'hilang', mode: 'edit' }] }),
      'FIELD_UNKNOWN',
      'a',
      'fields.hilang',
    ],
    [
      'a data key defined twice',
      () => {
        const d = caseFileDoc();
        return withFields(d, [...d.dataFields, { key: 'nik', label: 'NIK lagi', type: 'text' }]);
      },
      'FIELD_KEY_DUPLICATE',
      undefined,
      'dataFields.nik',
    ],
    [
      'a key placed twice on one form',
      () =>
        caseFileDoc({
          s: [
            { key: 'nik', mode: 'edit' },
            { key: 'nik', mode: 'require' },
          ],
        }),
      'FIELD_KEY_DUPLICATE',
      's',
      'fields.nik',
    ],
    [
      'a choice without options',
      () => {
        const d = caseFileDoc();
        return withFields(d, [{ key: 'status', label: 'Status', type: 'choice', options: [' '] }]);
      },
      'FIELD_CHOICE_NO_OPTIONS',
      undefined,
      'dataFields.status',
    ],
    [
      'a field without a label',
      () => withFields(caseFileDoc(), [{ key: 'x', label: ' ', type: 'text' }]),
      'FIELD_LABEL_EMPTY',
      undefined,
      'dataFields.x',
    ],
    [
      'a file field for a kelengkapan item the step does not list',
      () => caseFileDoc({ d: [{ key: 'ktp', mode: 'require' }] }),
      'FIELD_KELENGKAPAN_NOT_LISTED',
      'd',
      'fields.ktp',
    ],
    [
      'a start form file whose kelengkapan item no step lists',
      () => {
        const d = caseFileDoc({ s: [{ key: 'ktp', mode: 'edit' }] });
        return { ...d, nodes: d.nodes.map((n) => ({ ...n, mutuBaku: { ...n.mutuBaku, kelengkapan: [] } })) };
      },
      'FIELD_KELENGKAPAN_NOT_LISTED',
      's',
      'fields.ktp',
    ],
    [
      'a step reading a field no earlier step fills',
      () => caseFileDoc({ s: [{ key: 'nik', mode: 'edit' }], d: [{ key: 'email', mode: 'read' }] }),
      'FIELD_READ_NEVER_FILLED',
      'd',
      'fields.email',
    ],
    [
      'the start form reading a field',
      () => caseFileDoc({ s: [{ key: 'nik', mode: 'read' }] }),
      'FIELD_READ_NEVER_FILLED',
      's',
      'fields.nik',
    ],
  ];
  it.each(cases)('reports %s', (_name, build, code, id, field) => {
    expect(issuesOf(build())).toContainEqual({ code, id, field });
    const issue = validateSop(build()).find((i) => i.code === code)!;
    expect(issue.severity).toBe('error');
    expect(issue.message.id.length).toBeGreaterThan(10);
    expect(issue.message.en.length).toBeGreaterThan(10);
  });

  it('counts a fill on the way back of a loop as earlier: a reads what d decided before "tidak"', () => {
    const loop = caseFileDoc({ a: [{ key: 'layak', mode: 'read' }], d: [{ key: 'layak', mode: 'edit' }] });
    expect(issuesOf(loop)).toEqual([]);
    // Without the return arrow nothing before a fills it.
    const straight = { ...loop, edges: loop.edges.filter((e) => e.label !== 'tidak') };
    expect(issuesOf(straight)).toContainEqual({
      code: 'FIELD_READ_NEVER_FILLED',
      id: 'a',
      field: 'fields.layak',
    });
  });

  it('matches kelengkapan items regardless of case, spacing and a final dot', () => {
    const doc = caseFileDoc({ a: [{ key: 'ktp', mode: 'require' }] });
    const a = doc.nodes.find((n) => n.id === 'a')!;
    a.mutuBaku.kelengkapan = ['  fotokopi   ktp.'];
    expect(validateSop(doc)).toEqual([]);
  });

  it('warns about fields on an end node (they are ignored)', () => {
    const fields: NodeField[] = [{ key: 'nik', mode: 'edit' }];
    const doc = caseFileDoc();
    const withEnd = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'e' ? { ...n, fields } : n)) };
    expect(validateSop(withEnd)).toMatchObject([{ code: 'FIELD_ON_NON_FORM_NODE', severity: 'warning' }]);
  });
});

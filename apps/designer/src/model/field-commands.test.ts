import type { SopDocument } from '@alur/schema';
import { validateSop } from '@alur/schema';
import { describe, expect, it } from 'vitest';
import { applyCommand, applyCommands } from './commands.ts';
import { findFieldUses, makeFieldKey } from './field-commands.ts';
import { createSampleDocument } from './fixtures.ts';

/** The sample SOP with an applicant: nama and a KTP scan on the start form, a1 checks the KTP. */
function withCaseFile(): SopDocument {
  return applyCommands(createSampleDocument(), [
    { type: 'field.add', payload: { field: { key: 'nama', label: 'Nama pemohon', type: 'text' } } },
    {
      type: 'field.add',
      payload: { field: { key: 'ktp', label: 'Scan KTP', type: 'file', kelengkapan: 'KTP' } },
    },
    { type: 'node.setFieldMode', payload: { nodeId: 's', key: 'nama', mode: 'require' } },
    { type: 'node.setFieldMode', payload: { nodeId: 's', key: 'ktp', mode: 'edit' } },
    { type: 'node.setFieldMode', payload: { nodeId: 'a1', key: 'nama', mode: 'read' } },
    { type: 'node.setFieldMode', payload: { nodeId: 'a1', key: 'ktp', mode: 'require' } },
  ]);
}

describe('case file commands', () => {
  it('build a valid case file: fields in order, forms per node', () => {
    const doc = withCaseFile();
    expect(doc.dataFields.map((f) => f.key)).toEqual(['nama', 'ktp']);
    expect(doc.nodes.find((n) => n.id === 's')!.fields).toEqual([
      { key: 'nama', mode: 'require' },
      { key: 'ktp', mode: 'edit' },
    ]);
    expect(validateSop(doc)).toEqual([]);
  });

  it('field.add refuses a key already defined; field.add at an index inserts there', () => {
    const doc = withCaseFile();
    expect(
      applyCommand(doc, {
        type: 'field.add',
        payload: { field: { key: 'nama', label: 'Lagi', type: 'text' } },
      }),
    ).toBe(doc);
    const next = applyCommand(doc, {
      type: 'field.add',
      payload: { field: { key: 'nik', label: 'NIK', type: 'nik' }, index: 1 },
    });
    expect(next.dataFields.map((f) => f.key)).toEqual(['nama', 'nik', 'ktp']);
  });

  it('field.update changes label, type and options but never the key; undefined returns to the default', () => {
    const doc = withCaseFile();
    const next = applyCommand(doc, {
      type: 'field.update',
      payload: { key: 'nama', patch: { label: 'Status', type: 'choice', options: ['Baru'], personal: true } },
    });
    expect(next.dataFields[0]).toEqual({
      key: 'nama',
      label: 'Status',
      type: 'choice',
      options: ['Baru'],
      personal: true,
    });
    const back = applyCommand(next, {
      type: 'field.update',
      payload: { key: 'nama', patch: { personal: undefined } },
    });
    expect(back.dataFields[0]).not.toHaveProperty('personal');
    expect(applyCommand(doc, { type: 'field.update', payload: { key: 'nope', patch: { label: 'x' } } })).toBe(
      doc,
    );
  });

  it('field.move reorders and ignores a move to the same place', () => {
    const doc = withCaseFile();
    expect(
      applyCommand(doc, { type: 'field.move', payload: { key: 'ktp', toIndex: 0 } }).dataFields.map(
        (f) => f.key,
      ),
    ).toEqual(['ktp', 'nama']);
    expect(applyCommand(doc, { type: 'field.move', payload: { key: 'nama', toIndex: 0 } })).toBe(doc);
  });

  it('field.remove takes the field off every form, so validation stays clean', () => {
    const doc = withCaseFile();
    expect(findFieldUses(doc, 'ktp')).toEqual([
      { nodeId: 's', mode: 'edit' },
      { nodeId: 'a1', mode: 'require' },
    ]);
    const next = applyCommand(doc, { type: 'field.remove', payload: { key: 'ktp' } });
    expect(next.dataFields.map((f) => f.key)).toEqual(['nama']);
    expect(findFieldUses(next, 'ktp')).toEqual([]);
    expect(validateSop(next)).toEqual([]);
  });

  it('node.setFieldMode changes a mode in place, hides with null, and refuses an unknown field', () => {
    const doc = withCaseFile();
    const edited = applyCommand(doc, {
      type: 'node.setFieldMode',
      payload: { nodeId: 's', key: 'nama', mode: 'edit' },
    });
    expect(edited.nodes.find((n) => n.id === 's')!.fields[0]).toEqual({ key: 'nama', mode: 'edit' });
    const hidden = applyCommand(edited, {
      type: 'node.setFieldMode',
      payload: { nodeId: 's', key: 'nama', mode: null },
    });
    expect(hidden.nodes.find((n) => n.id === 's')!.fields).toEqual([{ key: 'ktp', mode: 'edit' }]);
    expect(
      applyCommand(doc, {
        type: 'node.setFieldMode',
        payload: { nodeId: 's', key: 'nama', mode: 'require' },
      }),
    ).toBe(doc);
    expect(
      applyCommand(doc, { type: 'node.setFieldMode', payload: { nodeId: 's', key: 'zzz', mode: 'edit' } }),
    ).toBe(doc);
  });

  it('makeFieldKey turns a label into a unique key', () => {
    const doc = withCaseFile();
    expect(makeFieldKey(doc, 'Nomor KK')).toBe('nomor_kk');
    expect(makeFieldKey(doc, 'Nama')).toBe('nama_2');
    expect(makeFieldKey(doc, '123 Alamat Lengkap!')).toBe('alamat_lengkap');
    expect(makeFieldKey(doc, '!!!')).toBe('data');
  });
});

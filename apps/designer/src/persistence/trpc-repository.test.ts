import { SCHEMA_VERSION, type SopDocument } from '@alur/schema';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../api/client.ts';
import { createSampleDocument } from '../model/fixtures.ts';
import { createTrpcDraftRepository } from './trpc-repository.ts';

function serving(document: unknown): ApiClient {
  const sop = { id: 's1', name: 'SOP', document, revision: 3, updatedAt: null, updatedByName: null };
  return { sop: { get: { query: async () => sop } } } as unknown as ApiClient;
}

describe('loading a draft from the server', () => {
  it('uses a draft of this schema version as the server sent it', async () => {
    const document = createSampleDocument();
    const loaded = await createTrpcDraftRepository(serving(document)).load('s1');
    expect(loaded.document).toBe(document);
    expect(loaded.revision).toBe(3);
  });

  it('migrates a draft of an older schema version', async () => {
    const { dataFields: _fields, ...rest } = createSampleDocument();
    const old = { ...rest, schemaVersion: 1, nodes: rest.nodes.map(({ fields: _f, ...n }) => n) };
    const loaded = await createTrpcDraftRepository(serving(old)).load('s1');
    expect(loaded.document.schemaVersion).toBe(SCHEMA_VERSION);
    expect(loaded.document.dataFields).toEqual([]);
  });

  it('refuses a draft from a newer Alur with the reason', async () => {
    const newer = { ...createSampleDocument(), schemaVersion: SCHEMA_VERSION + 1 } as unknown as SopDocument;
    await expect(createTrpcDraftRepository(serving(newer)).load('s1')).rejects.toThrow(/lebih baru/);
  });
});

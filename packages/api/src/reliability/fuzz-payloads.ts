import type { SopDocument } from '@alur/schema';
import fc from 'fast-check';
import { buildChainDoc } from './fixtures.ts';

/** Field names the procedures read, so random values land on real keys, not only unknown ones. */
const FIELDS = [
  'sopId',
  'caseId',
  'taskId',
  'versionId',
  'userId',
  'toUserId',
  'toVersionId',
  'title',
  'name',
  'note',
  'document',
  'baseRevision',
  'idempotencyKey',
  'outcome',
  'username',
  'password',
  'displayName',
  'permissions',
  'positions',
  'key',
  'supervisorKey',
  'year',
  'date',
  'kind',
  'timeZone',
  'hours',
  'limit',
  'offset',
  'status',
  'ids',
  'format',
  'content',
  'signer',
  'effectiveDate',
  'from',
  'to',
  'positionKey',
  'overdue',
  'dueToday',
  'claimedByMe',
  'active',
];

const HUGE = 'x'.repeat(1_000_000);

/** Hostile values: wrong types, extremes, unicode (lone surrogates, RTL, NUL), huge strings. */
function buildValueArbitrary(ids: string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.constantFrom('', ' ', '\u0000', '\ud800', '\u202e\u0627\u0644', '🙂'.repeat(500), HUGE, 'ya', 'tidak'),
    fc.constantFrom(...ids),
    fc.uuid(),
    fc.constantFrom(0, -1, 1e308, Number.MAX_SAFE_INTEGER, 2.5, true, false, null),
    fc.array(fc.constantFrom(...ids, 'admin', 'kasi', '__proto__'), { maxLength: 30 }),
    fc.constant({ __proto__: { admin: true }, constructor: { prototype: {} } }),
  );
}

/** A payload: any JSON, or an object with the procedures' field names holding hostile values. */
export function buildPayloadArbitrary(ids: string[]): fc.Arbitrary<unknown> {
  const value = buildValueArbitrary(ids);
  return fc.oneof(
    value,
    fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 6 }),
    fc.dictionary(fc.string({ unit: 'binary', maxLength: 20 }), value, { maxKeys: 4 }),
  );
}

/** A linear SOP of `steps` activities; with `cycle` the last activity also flows back to the first. */
export function buildGraphDoc(steps: number, cycle: boolean): SopDocument {
  const doc = buildChainDoc(steps);
  if (cycle) {
    doc.edges.push({ id: 'cycle', source: `a${steps}`, target: 'a1' } as SopDocument['edges'][number]);
  }
  return doc;
}

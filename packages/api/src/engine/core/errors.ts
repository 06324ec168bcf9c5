import type { DecideResult, EngineErrorCode } from './types.ts';

export type EngineFailure = Extract<DecideResult, { ok: false }>;

/** Builds a refusal: errors are data with an Indonesian and an English message. */
export function failWith(code: EngineErrorCode, id: string, en: string): EngineFailure {
  return { ok: false, error: { code, message: { id, en } } };
}

/** The document cannot be run at this point (validation should have refused it). */
export function failDocumentInvalid(nodeId: string, id: string, en: string): EngineFailure {
  return failWith(
    'DOCUMENT_INVALID',
    `Dokumen SOP tidak dapat dijalankan di langkah "${nodeId}": ${id}`,
    `The SOP document cannot run at step "${nodeId}": ${en}`,
  );
}

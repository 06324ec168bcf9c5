import type { AppDeps } from '../../deps.ts';
import { fileServiceOf } from '../files/file-service.ts';

const cache = new Map<string, Uint8Array>();
const CACHE_ENTRIES = 32;

/**
 * The bytes of a stored blob (a template, a letter), read whole: letters are small. Templates are
 * content-addressed and never change, so the last few read are kept in memory.
 */
export async function readTemplateBytes(
  deps: AppDeps,
  blob: { sha256: string; size: number },
): Promise<Uint8Array> {
  const hit = cache.get(blob.sha256);
  if (hit) return hit;
  const chunks: Buffer[] = [];
  for await (const chunk of fileServiceOf(deps).store.read(blob.sha256, blob.size))
    chunks.push(chunk as Buffer);
  const bytes = new Uint8Array(Buffer.concat(chunks));
  if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(blob.sha256, bytes);
  return bytes;
}

/** The bytes of any stored blob, read whole (a letter's DOCX for its PDF), not kept. */
export async function readBlobBytes(
  deps: AppDeps,
  blob: { sha256: string; size: number },
): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of fileServiceOf(deps).store.read(blob.sha256, blob.size))
    chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

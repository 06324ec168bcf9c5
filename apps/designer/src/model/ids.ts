/** A fresh element id matching the schema's id pattern; impure, so only UI code calls it. */
export function createId(prefix: string): string {
  const random = globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 10);
  return `${prefix}-${random}`;
}

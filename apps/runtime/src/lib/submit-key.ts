/**
 * Idempotency keys for one form: the same submission (same signature) reuses its key, so a double
 * click or a retry after a lost answer cannot act twice; a different submission, or one after
 * `settle()`, gets a fresh key.
 */
export function createSubmitKeys(generate: () => string) {
  let current: { signature: string; key: string } | null = null;
  return {
    keyFor(signature: string): string {
      if (!current || current.signature !== signature) current = { signature, key: generate() };
      return current.key;
    },
    /** Call after a success: the next submission is a new action. */
    settle() {
      current = null;
    },
  };
}

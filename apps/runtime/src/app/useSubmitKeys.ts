import { useState } from 'react';
import { createSubmitKeys } from '../lib/submit-key.ts';

/** One idempotency-key keeper per mounted form. */
export function useSubmitKeys() {
  const [keys] = useState(() => createSubmitKeys(() => crypto.randomUUID()));
  return keys;
}

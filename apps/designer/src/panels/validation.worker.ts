/// <reference lib="webworker" />
// The validation panel's checks, off the page's main thread: at 2,000 symbols validateSop and the
// critical path take ~150–450 ms, which on the main thread held up the first click after opening
// and every edit's next frame (see use-validation.ts).
import type { SopDocument } from '@alur/schema';
import { buildValidationReport } from './validation-report.ts';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<{ id: number; doc: SopDocument }>) => {
  const { id, doc } = event.data;
  self.postMessage({ id, report: buildValidationReport(doc) });
};

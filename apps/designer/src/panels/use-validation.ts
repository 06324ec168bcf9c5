import type { SopDocument } from '@alur/schema';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { buildValidationReport, type ValidationReport } from './validation-report.ts';

/** A document to check; `deliver` gets its report, or null when the worker failed. */
interface Job {
  id: number;
  doc: SopDocument;
  deliver: (report: ValidationReport | null) => void;
}

/**
 * One worker for the page, started when the editor's code loads (so its script arrives while the
 * document does). It checks one document at a time; while it works, each panel keeps only its
 * newest document waiting, so fast edits never pile up checks of documents already replaced.
 */
let worker: Worker | null = null;
let workerFailed = typeof Worker === 'undefined';
let running: Job | null = null;
const waiting = new Map<object, Job>();
let nextId = 1;

function getWorker(): Worker | null {
  if (workerFailed) return null;
  if (worker) return worker;
  try {
    worker = new Worker(new URL('./validation.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    workerFailed = true;
    return null;
  }
  worker.onmessage = (event: MessageEvent<{ id: number; report: ValidationReport }>) => {
    const job = running;
    if (!job || job.id !== event.data.id) return;
    running = null;
    postNext();
    job.deliver(event.data.report);
  };
  worker.onerror = () => {
    // The page checks for itself from now on (see useValidationReport).
    workerFailed = true;
    worker?.terminate();
    worker = null;
    const orphans = [running, ...waiting.values()];
    running = null;
    waiting.clear();
    for (const job of orphans) job?.deliver(null);
  };
  return worker;
}

function postNext() {
  const w = getWorker();
  const [owner, job] = waiting.entries().next().value ?? [];
  if (!w || !owner || !job) return;
  waiting.delete(owner);
  running = job;
  w.postMessage({ id: job.id, doc: job.doc });
}

function submit(owner: object, job: Job) {
  waiting.set(owner, job);
  if (!running) postNext();
}

/** Starts the worker ahead of the first document (called when the editor's code is evaluated). */
export function warmUpValidation(): void {
  getWorker();
}

/**
 * The validation report of `doc`, computed in a worker: opening a long SOP draws the canvas and
 * accepts clicks while the panel says "Memeriksa…" (2,000 symbols take ~150–450 ms to check), and
 * an edit never waits for the check. Null until the first answer; afterwards the last answer stays
 * until the next arrives. Where no worker runs, the page checks the document itself, after the
 * canvas (a deferred value).
 */
export function useValidationReport(doc: SopDocument): ValidationReport | null {
  const [owner] = useState(() => ({}));
  const [inWorker, setInWorker] = useState(() => getWorker() !== null);
  const [report, setReport] = useState<ValidationReport | null>(null);
  useEffect(() => {
    if (!inWorker) return;
    let live = true;
    submit(owner, {
      id: nextId++,
      doc,
      deliver: (answer) => {
        if (!live) return;
        if (answer) setReport(answer);
        else setInWorker(false);
      },
    });
    return () => {
      live = false;
      waiting.delete(owner);
    };
  }, [doc, inWorker, owner]);
  const deferred = useDeferredValue(inWorker ? null : doc, null);
  const onPage = useMemo(() => (deferred ? buildValidationReport(deferred) : null), [deferred]);
  return inWorker ? report : onPage;
}

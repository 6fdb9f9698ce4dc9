/**
 * Worker threads that normalize and analyze documents for an ingest, so that a batch uses every
 * core while the ingesting thread keeps the store's one connection and writes. Each worker loads the
 * models once and takes one document at a time; the pool hands the next queued document to whichever
 * worker is free. A worker that dies (an uncaught error, out of memory) fails only the document it
 * held, and a fresh worker takes its place; a worker that cannot start at all fails the batch's
 * remaining documents with the reason, rather than being restarted forever.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Prepared, PrepareOptions } from "./prepare.js";
import type { WorkerRequest } from "./worker.js";

interface Job {
  id: number;
  request: WorkerRequest;
  resolve: (r: Prepared) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
}

/** How many analysis workers an ingest uses unless told: one per core. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

export class AnalysisPool {
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private nextId = 1;
  private broken: string | null = null;
  private closed = false;

  constructor(readonly size: number = defaultWorkers()) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /** Normalizes and analyzes one source in a worker; never rejects (a failure is a reason). */
  run(source: string, bytes: Uint8Array, opts: PrepareOptions = {}): Promise<Prepared> {
    if (this.broken) return Promise.resolve({ ok: false, reason: this.broken });
    if (this.closed) return Promise.resolve({ ok: false, reason: "internal error: analysis pool closed" });
    return new Promise((resolve) => {
      const id = this.nextId++;
      this.queue.push({ id, request: { id, source, bytes, opts }, resolve });
      this.dispatch();
    });
  }

  /** Resolves when every worker has loaded the models. */
  async ready(): Promise<void> {
    while (!this.broken && this.slots.some((s) => !s.ready)) await new Promise((r) => setTimeout(r, 20));
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots;
    this.slots = [];
    await Promise.all(slots.map((s) => s.worker.terminate()));
    for (const job of this.queue.splice(0))
      job.resolve({ ok: false, reason: "internal error: analysis pool closed" });
  }

  private spawn(): Slot {
    const worker = new Worker(bootstrap(), { eval: true });
    const slot: Slot = { worker, ready: false, job: null };
    worker.on("message", (msg: { ready?: boolean; id?: number; result?: Prepared }) => {
      if (msg.ready) {
        slot.ready = true;
      } else if (slot.job && msg.id === slot.job.id && msg.result) {
        const job = slot.job;
        slot.job = null;
        job.resolve(msg.result);
      }
      this.dispatch();
    });
    let failure: Error | null = null;
    worker.on("error", (err) => {
      failure = err;
    });
    worker.on("exit", (code) => {
      if (this.closed) return;
      const reason = failure?.message ?? `exit code ${code}`;
      const job = slot.job;
      slot.job = null;
      const at = this.slots.indexOf(slot);
      if (!slot.ready) {
        // It never loaded the models: a fresh worker would fail the same way.
        this.broken = `internal error: analysis worker could not start: ${reason}`;
        if (at >= 0) this.slots.splice(at, 1);
        for (const j of [...(job ? [job] : []), ...this.queue.splice(0)])
          j.resolve({ ok: false, reason: this.broken });
        return;
      }
      job?.resolve({ ok: false, reason: `internal error: analysis worker stopped: ${reason}` });
      if (at >= 0) this.slots[at] = this.spawn();
    });
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.ready || slot.job) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.postMessage(job.request);
    }
  }
}

/**
 * The worker's entry, as code evaluated in the new thread: it imports worker.js from the compiled
 * dist/, or worker.ts when Dossier runs from source under tsx, whose loader the thread registers first.
 */
function bootstrap(): string {
  const fromSource = import.meta.url.endsWith(".ts");
  const entry = JSON.stringify(new URL(fromSource ? "./worker.ts" : "./worker.js", import.meta.url).href);
  if (!fromSource) return `import(${entry});`;
  const tsx = JSON.stringify(import.meta.resolve("tsx/esm/api"));
  return `import(${tsx}).then((tsx) => { tsx.register(); return import(${entry}); });`;
}

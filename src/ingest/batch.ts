/**
 * Ingests a batch of sources into the store, one transaction per document. A failing document is
 * recorded with its reason and the batch goes on; the store keeps whatever was whole before.
 *
 * With more than one worker, worker threads normalize and analyze the documents ahead (pool.ts)
 * while this thread writes them, one transaction each, in the order given: the store, the outcomes
 * and their order are those of an ingest in one thread.
 */
import type { Stages } from "../pipeline/stages.js";
import type { Repository } from "../store/repository.js";
import { type ResolutionSummary, runResolution } from "../store/resolution.js";
import { AnalysisPool, defaultWorkers } from "./pool.js";
import { failureReason, type Prepared, type PrepareOptions, prepareDocument } from "./prepare.js";
import type { FailedItem, SourceItem } from "./sources.js";

export interface IngestOptions extends PrepareOptions {
  /** Entity stages to run instead of the default ones (in this thread: functions cannot go to workers). */
  stages?: Stages;
  /** Run cross-document resolution after the batch (default true). */
  resolve?: boolean;
  /**
   * Worker threads that analyze documents while this thread writes (default: one per core; 1 or a
   * one-document batch analyzes in this thread).
   */
  workers?: number;
  /** Workers to use instead of starting (and stopping) a pool for this batch. */
  pool?: AnalysisPool;
}

export interface IngestOutcome {
  source: string;
  status: "ingested" | "unchanged" | "failed";
  id?: string;
  title?: string | null;
  /** Tokens of the document's text (when it was read and analyzed). */
  tokens?: number;
  reason?: string;
}

export interface IngestSummary {
  ingested: number;
  unchanged: number;
  failed: number;
  outcomes: IngestOutcome[];
  resolution?: ResolutionSummary;
}

export async function ingestOne(
  repo: Repository,
  item: SourceItem,
  opts: IngestOptions = {},
): Promise<IngestOutcome> {
  let prepared: Prepared;
  try {
    prepared = prepareDocument(item.source, await item.read(), prepareOptions(opts), opts.stages);
  } catch (err) {
    prepared = { ok: false, reason: failureReason(err) };
  }
  return write(repo, item.source, prepared);
}

/** Writes an analyzed document (one transaction), or reports why it could not be analyzed. */
async function write(repo: Repository, source: string, prepared: Prepared): Promise<IngestOutcome> {
  if (!prepared.ok) return { source, status: "failed", reason: prepared.reason };
  try {
    const saved = await repo.savePlan(prepared.plan);
    return {
      source,
      status: saved.status,
      id: saved.id,
      title: prepared.title,
      tokens: prepared.plan.tokens,
    };
  } catch (err) {
    return { source, status: "failed", reason: failureReason(err) };
  }
}

function prepareOptions(opts: IngestOptions): PrepareOptions {
  return {
    published: opts.published,
    publisher: opts.publisher,
    sourceName: opts.sourceName,
    maxBytes: opts.maxBytes,
  };
}

export async function ingestBatch(
  repo: Repository,
  items: SourceItem[],
  preFailed: FailedItem[],
  opts: IngestOptions = {},
  onProgress?: (done: number, total: number, outcome: IngestOutcome) => void,
): Promise<IngestSummary> {
  const outcomes: IngestOutcome[] = preFailed.map((f) => ({
    source: f.source,
    status: "failed",
    reason: f.reason,
  }));
  let done = 0;
  const record = (outcome: IngestOutcome) => {
    outcomes.push(outcome);
    onProgress?.(++done, items.length, outcome);
  };
  const workers = opts.stages ? 1 : Math.min(opts.workers ?? defaultWorkers(), items.length);
  if (!opts.pool && workers <= 1) {
    for (const item of items) record(await ingestOne(repo, item, opts));
  } else {
    const pool = opts.pool ?? new AnalysisPool(workers);
    try {
      await ingestWithPool(repo, items, pool, prepareOptions(opts), record);
    } finally {
      if (!opts.pool) await pool.close();
    }
  }
  const ingested = outcomes.filter((o) => o.status === "ingested").length;
  // New documents can name entities already stored under other spellings: resolve once per batch.
  const resolution = ingested > 0 && opts.resolve !== false ? await runResolution(repo.db) : undefined;
  return {
    ingested,
    unchanged: outcomes.filter((o) => o.status === "unchanged").length,
    failed: outcomes.filter((o) => o.status === "failed").length,
    outcomes,
    ...(resolution ? { resolution } : {}),
  };
}

/**
 * Workers analyze up to a few documents per worker ahead of the writes, so neither side waits for
 * the other and memory stays bounded whatever the batch's size. Sources are read in order.
 */
async function ingestWithPool(
  repo: Repository,
  items: SourceItem[],
  pool: AnalysisPool,
  opts: PrepareOptions,
  record: (o: IngestOutcome) => void,
): Promise<void> {
  const ahead = Math.max(2, pool.size * 4);
  const pending: (Promise<Prepared> | undefined)[] = new Array(items.length);
  let next = 0;
  const analyzeItem = async (item: SourceItem): Promise<Prepared> => {
    let bytes: Uint8Array;
    try {
      bytes = await item.read();
    } catch (err) {
      return { ok: false, reason: failureReason(err) };
    }
    return pool.run(item.source, bytes, opts);
  };
  for (let i = 0; i < items.length; i++) {
    for (; next < items.length && next <= i + ahead; next++) pending[next] = analyzeItem(items[next]!);
    const prepared = await pending[i]!;
    pending[i] = undefined;
    record(await write(repo, items[i]!.source, prepared));
  }
}

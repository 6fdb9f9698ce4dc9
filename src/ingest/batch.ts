/**
 * Ingests a batch of sources into the store, one transaction per document. A failing document is
 * recorded with its reason and the batch goes on; the store keeps whatever was whole before.
 */

import { InputError, normalizeInput } from "../normalize/index.js";
import { analyze } from "../pipeline/analyze.js";
import type { Stages } from "../pipeline/stages.js";
import type { Repository } from "../store/repository.js";
import { type ResolutionSummary, runResolution } from "../store/resolution.js";
import type { FailedItem, SourceItem } from "./sources.js";

export interface IngestOptions {
  published?: string;
  publisher?: string;
  /** Replaces the path or URL as the document's recorded source. */
  sourceName?: string;
  maxBytes?: number;
  stages?: Stages;
  /** Run cross-document resolution after the batch (default true). */
  resolve?: boolean;
}

export interface IngestOutcome {
  source: string;
  status: "ingested" | "unchanged" | "failed";
  id?: string;
  title?: string | null;
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
  try {
    const bytes = await item.read();
    const normalized = normalizeInput({
      source: opts.sourceName ?? item.source,
      bytes,
      published: opts.published,
      publisher: opts.publisher,
      maxBytes: opts.maxBytes,
    });
    const analyzed = analyze(normalized, opts.stages);
    const saved = await repo.saveDocument(analyzed);
    return { source: item.source, status: saved.status, id: saved.id, title: normalized.meta.title };
  } catch (err) {
    // Input errors are the user's to fix; anything else is ours, and its message still names the file.
    const reason = err instanceof InputError ? err.message : `internal error: ${(err as Error).message}`;
    return { source: item.source, status: "failed", reason };
  }
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
  for (const item of items) {
    const outcome = await ingestOne(repo, item, opts);
    outcomes.push(outcome);
    onProgress?.(++done, items.length, outcome);
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

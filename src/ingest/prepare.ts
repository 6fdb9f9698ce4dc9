/**
 * The part of ingest that needs no store: bytes → normalized text → analysis → the rows to write
 * (a DocumentPlan). It runs in the ingesting thread or in a worker thread (worker.ts); either way a
 * failure comes back as a reason that names what went wrong, never as an exception.
 */
import { InputError, normalizeInput } from "../normalize/index.js";
import { analyze } from "../pipeline/analyze.js";
import type { Stages } from "../pipeline/stages.js";
import { type DocumentPlan, planDocument } from "../store/repository.js";

/** What the analysis of one source needs besides its bytes (all of it plain data, for workers). */
export interface PrepareOptions {
  published?: string;
  publisher?: string;
  /** Replaces the path or URL as the document's recorded source. */
  sourceName?: string;
  maxBytes?: number;
}

export type Prepared = { ok: true; plan: DocumentPlan; title: string | null } | { ok: false; reason: string };

export function prepareDocument(
  source: string,
  bytes: Uint8Array,
  opts: PrepareOptions = {},
  stages?: Stages,
): Prepared {
  try {
    const normalized = normalizeInput({
      source: opts.sourceName ?? source,
      bytes,
      published: opts.published,
      publisher: opts.publisher,
      maxBytes: opts.maxBytes,
    });
    const plan = planDocument(analyze(normalized, stages));
    return { ok: true, plan, title: normalized.meta.title };
  } catch (err) {
    return { ok: false, reason: failureReason(err) };
  }
}

/** Input errors are the user's to fix; anything else is ours, and the outcome still names the file. */
export function failureReason(err: unknown): string {
  return err instanceof InputError
    ? err.message
    : `internal error: ${err instanceof Error ? err.message : String(err)}`;
}

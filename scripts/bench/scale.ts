/**
 * The ingest, query and growth part of the benchmark, run in its own process so its peak RSS is the
 * store's and not the extraction benchmark's. It ingests generated documents (corpus.ts) into a fresh
 * SQLite store through the product's ingest path (ingestBatch: normalize → analyze in worker threads,
 * one per core unless `--workers N`, while this thread writes one transaction per document), up to
 * each step in turn. After each step it reports one JSON line and, unless
 * `--no-serve`, serves the store (serve() on 127.0.0.1, port 0) and waits for a "next" line on stdin
 * while the parent process loads the API with autocannon, so load generator and server do not share
 * an event loop.
 *
 *   node --import tsx scripts/bench/scale.ts --steps 1000,10000 --db FILE [--workers N] [--resolve] [--no-serve]
 */
import { existsSync, rmSync, statSync } from "node:fs";
import { createInterface } from "node:readline";
import { sql } from "kysely";
import { serve } from "../../src/cli/commands/serve.js";
import { ingestBatch } from "../../src/ingest/batch.js";
import { AnalysisPool, defaultWorkers } from "../../src/ingest/pool.js";
import { normalizeInput } from "../../src/normalize/index.js";
import { analyze } from "../../src/pipeline/analyze.js";
import { openDb } from "../../src/store/connect.js";
import { Repository } from "../../src/store/repository.js";
import { runResolution } from "../../src/store/resolution.js";
import { composeDocument, loadCorpora, paragraphPool, prng } from "./corpus.js";

export interface StepReport {
  event: "step";
  docs: number;
  ingested: number;
  failed: number;
  /** Analysis worker threads (1: analysis in the writing thread). */
  workers: number;
  /** Tokens of this step's documents (Dossier's tokenizer), per document and per second. */
  stepTokensPerDoc: number;
  stepTokensPerSecond: number;
  /** Seconds spent ingesting the documents of this step (since the previous step). */
  stepSeconds: number;
  stepDocsPerSecond: number;
  totalSeconds: number;
  resolutionSeconds?: number;
  dbBytes: number;
  dbBytesPerDoc: number;
  rssBytes: number;
  /** The ingest thread's own heap and buffers (process.memoryUsage()); workers hold their own. */
  mainThreadMemory: NodeJS.MemoryUsage;
  maxRssBytes: number;
  notes: string[];
}

export interface ServingReport {
  event: "serving";
  docs: number;
  url: string;
  entity: string | null;
  claimsEntity: string | null;
  search: string;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function emit(o: unknown): void {
  process.stdout.write(`${JSON.stringify(o)}\n`);
}

function dbSize(path: string): number {
  let n = 0;
  for (const suffix of ["", "-wal", "-shm"]) if (existsSync(path + suffix)) n += statSync(path + suffix).size;
  return n;
}

async function main(): Promise<void> {
  const steps = (arg("--steps") ?? "1000")
    .split(",")
    .map(Number)
    .filter((n) => n > 0)
    .sort((a, b) => a - b);
  const dbPath = arg("--db") ?? ".tmp/bench.db";
  const resolve = process.argv.includes("--resolve");
  const doServe = !process.argv.includes("--no-serve");
  const workers = Number(arg("--workers") ?? defaultWorkers());
  for (const suffix of ["", "-wal", "-shm"]) rmSync(dbPath + suffix, { force: true });

  const corpora = loadCorpora();
  const pool = paragraphPool(corpora);
  const rand = prng(20261124);
  const repo = new Repository(await openDb(dbPath));
  const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  const encoder = new TextEncoder();

  // Model, gazetteers and JIT warm before the clock starts: a throwaway document per thread, not stored.
  const warmUp = encoder.encode(composeDocument(pool, prng(1), 0));
  const workerPool = workers > 1 ? new AnalysisPool(workers) : undefined;
  if (workerPool) {
    await workerPool.ready();
    await Promise.all(Array.from({ length: workers * 2 }, () => workerPool.run("warm-up.txt", warmUp)));
  } else {
    analyze(normalizeInput({ source: "warm-up.txt", bytes: warmUp }));
  }

  let done = 0;
  let ingested = 0;
  let failed = 0;
  let total = 0;
  for (const step of steps) {
    // Generated as the ingest reads them, in order, so a step's texts are never all in memory.
    const base = done;
    const items = Array.from({ length: step - base }, (_, k) => ({
      source: `gen-${base + k + 1}.txt`,
      read: async () => encoder.encode(composeDocument(pool, rand, base + k)),
    }));
    const t0 = performance.now();
    const summary = await ingestBatch(repo, items, [], { resolve: false, workers, pool: workerPool });
    const stepSeconds = (performance.now() - t0) / 1000;
    ingested += summary.ingested;
    failed += summary.failed;
    done = step;
    const tokens = summary.outcomes.reduce((n, o) => n + (o.tokens ?? 0), 0);
    total += stepSeconds;
    let resolutionSeconds: number | undefined;
    if (resolve) {
      const r0 = performance.now();
      await runResolution(repo.db);
      resolutionSeconds = (performance.now() - r0) / 1000;
    }
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(repo.db);
    const bytes = dbSize(dbPath);
    const prev = steps[steps.indexOf(step) - 1] ?? 0;
    const report: StepReport = {
      event: "step",
      docs: step,
      ingested,
      failed,
      workers,
      stepTokensPerDoc: tokens / items.length,
      stepTokensPerSecond: tokens / stepSeconds,
      stepSeconds,
      stepDocsPerSecond: (step - prev) / stepSeconds,
      totalSeconds: total,
      ...(resolutionSeconds !== undefined ? { resolutionSeconds } : {}),
      dbBytes: bytes,
      dbBytesPerDoc: bytes / step,
      rssBytes: process.memoryUsage().rss,
      mainThreadMemory: process.memoryUsage(),
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      notes: corpora.notes,
    };
    emit(report);
    if (!doServe) continue;

    const top = await repo.db
      .selectFrom("mentions")
      .select(["entity_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("entity_id", "is not", null)
      .groupBy("entity_id")
      .orderBy("n", "desc")
      .limit(1)
      .executeTakeFirst();
    const topClaims = await repo.db
      .selectFrom("claims")
      .select(["subject_id", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("subject_id")
      .orderBy("n", "desc")
      .limit(1)
      .executeTakeFirst();
    // The server reads through its own connection, as `dossier serve` beside an ingest would.
    const server = await serve(new Repository(await openDb(dbPath)), { port: 0, host: "127.0.0.1" });
    const serving: ServingReport = {
      event: "serving",
      docs: step,
      url: server.url,
      entity: top?.entity_id ?? null,
      claimsEntity: topClaims?.subject_id ?? top?.entity_id ?? null,
      search: "government",
    };
    emit(serving);
    await lines.next();
    await server.close();
  }
  await workerPool?.close();
  await repo.close();
  emit({ event: "done" });
  process.exit(0);
}

main().catch((err: unknown) => {
  emit({ event: "error", message: (err as Error).stack ?? String(err) });
  process.exit(1);
});

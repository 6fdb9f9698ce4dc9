/**
 * `npm run bench`: Dossier's throughput, ingest, query latency and growth, each figure beside its
 * target, with compromise and wink-nlp as reference lines in the same run. Prints a table and writes
 * the figures as JSON to bench/results/<timestamp>.json. See bench/README.md.
 *
 *   npm run bench                        extraction + ingest/queries/growth at 300 and 1k documents
 *   npm run bench -- --steps 1000,10000  the 1k→10k growth (about 5 minutes here)
 *   npm run bench -- --full              steps 1k, 10k, 100k (about 45 minutes on a 2-core machine)
 *   npm run bench -- --runs 5 --duration 10 --resolve --no-extract --no-scale --keep-db --workers N
 */
import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { Piscina } from "piscina";
import { REPO_ROOT } from "./corpus.js";
import { prepareExtractionCorpus, runWorkload, type Workload, warm } from "./extract.js";
import type { ServingReport, StepReport } from "./scale.js";

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const opt = (name: string, def: string) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : def;
};
const FULL = flag("--full");
const RUNS = Math.max(3, Number(opt("--runs", "3")));
const DURATION = Number(opt("--duration", "5"));
/**
 * Claims and conflicts are read a page at a time, as the workbench reads them (an entity's claims
 * 100 at a time with their total; the conflicts page shows the first 200): at 100k documents the
 * busiest entity has thousands of claims and the store thousands of conflicts, and an unpaged list
 * measures JSON serialization of megabytes rather than the query.
 */
const CLAIMS_PAGE = 100;
const CONFLICTS_PAGE = 200;
const STEPS = opt("--steps", FULL ? "1000,10000,100000" : "300,1000")
  .split(",")
  .map(Number);
const THREADS = availableParallelism();

interface Row {
  section: string;
  what: string;
  value: number | null;
  unit: string;
  target?: string;
  ok?: boolean;
  note?: string;
}
const rows: Row[] = [];
const results: Record<string, unknown> = {
  startedAt: new Date().toISOString(),
  node: process.version,
  threads: THREADS,
  runs: RUNS,
  argv,
  // The machine is shared: its load average says how much the figures were disturbed.
  loadavgAtStart: loadavg(),
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function log(msg: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

// ---------------------------------------------------------------- 1. extraction throughput

async function extraction(): Promise<void> {
  const p = prepareExtractionCorpus();
  const all = p.docs.map((_, i) => i);
  log(`extraction corpus: ${p.docs.length} documents, ${p.tokens} tokens`);
  const out: Record<string, unknown> = { docs: p.docs.length, tokens: p.tokens };
  const single: Record<string, number> = {};
  const workloads: Workload[] = ["ner", "full", "compromise", "wink"];
  for (const w of workloads) {
    warm(w);
    runWorkload(w, p, all); // a whole untimed pass: JIT, lazy tables and caches warm
    const times: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      runWorkload(w, p, all);
      times.push((performance.now() - t0) / 1000);
    }
    const s = median(times);
    single[w] = p.tokens / s;
    out[`${w}.single`] = { seconds: times, tokensPerSecond: p.tokens / s, docsPerSecond: p.docs.length / s };
    log(`${w} single thread: ${Math.round(p.tokens / s)} tokens/s`);
  }

  const pool = new Piscina({
    filename: fileURLToPath(new URL("./extract-worker.ts", import.meta.url)),
    minThreads: THREADS,
    maxThreads: THREADS,
    execArgv: ["--import", "tsx"],
  });
  const chunks: number[][] = [];
  for (let i = 0; i < all.length; i += 8) chunks.push(all.slice(i, i + 8));
  const multi: Record<string, number> = {};
  const busyRate: Record<string, number> = {};
  for (const w of ["ner", "full"] as Workload[]) {
    // An untimed pass first: every thread loads the corpus and the model, and its JIT warms.
    await Promise.all(chunks.map((indices) => pool.run({ workload: w, indices })));
    const times: number[] = [];
    const busy: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      const done = await Promise.all(chunks.map((indices) => pool.run({ workload: w, indices })));
      times.push((performance.now() - t0) / 1000);
      busy.push(done.reduce((n, d: { ms: number }) => n + d.ms, 0) / 1000);
    }
    const s = median(times);
    multi[w] = p.tokens / s;
    busyRate[w] = p.tokens / median(busy);
    out[`${w}.workers`] = {
      threads: THREADS,
      seconds: times,
      tokensPerSecond: p.tokens / s,
      tokensPerSecondPerCore: p.tokens / s / THREADS,
      // Tokens per second of a worker's own busy time: what a core gives when it is not shared.
      busySeconds: busy,
      tokensPerBusySecond: p.tokens / median(busy),
      docsPerSecond: p.docs.length / s,
    };
    log(`${w} ${THREADS} workers: ${Math.round(p.tokens / s)} tokens/s`);
  }
  await pool.destroy();
  results.extraction = out;

  const docsPerSec = (tps: number) => (tps / p.tokens) * p.docs.length;
  const add = (what: string, tps: number, target?: number, note?: string) =>
    rows.push({
      section: "extraction",
      what,
      value: tps,
      unit: `tokens/s (${docsPerSec(tps).toFixed(1)} docs/s of ${Math.round(p.tokens / p.docs.length)} tokens)`,
      ...(target ? { target: `>= ${target / 1000}k`, ok: tps >= target } : {}),
      ...(note ? { note } : {}),
    });
  add("NER tagging, 1 thread", single.ner!, 150_000);
  add(`NER tagging, ${THREADS} workers (total)`, multi.ner!);
  add("full pipeline, 1 thread", single.full!, 50_000);
  add(`full pipeline, ${THREADS} workers, per core`, multi.full! / THREADS, 50_000);
  add(`full pipeline, ${THREADS} workers (total)`, multi.full!);
  add("full pipeline, per worker busy second", busyRate.full!, 50_000);
  add("compromise people/places/orgs, 1 thread", single.compromise!, undefined, "reference");
  add("wink-nlp entities, 1 thread", single.wink!, undefined, "reference");
  rows.push({
    section: "extraction",
    what: "full pipeline / compromise (same texts)",
    value: single.full! / single.compromise!,
    unit: "×",
    note: "ratio in this run",
  });
}

// ---------------------------------------------------------------- 2–4. ingest, queries, growth

interface Latency {
  endpoint: string;
  path: string;
  connections: number;
  seconds: number;
  probeMs: number;
  /** The first lone request: for conflicts, the recomputation of cross-checking over the store. */
  firstMs: number;
  requests: number;
  non2xx: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
}

async function load(url: string, name: string, path: string, connectionsWanted = 10): Promise<Latency> {
  // Two requests first, alone: the first waits out anything still queued from the previous endpoint,
  // the second is timed, and an endpoint slower than 200 ms gets one connection (ten would only measure the server's queue) and
  // enough time for at least 5 responses (at most 60 s).
  let probe: number;
  let first: number;
  try {
    const f0 = performance.now();
    await (await fetch(url + path)).arrayBuffer();
    first = performance.now() - f0;
    const p0 = performance.now();
    await (await fetch(url + path)).arrayBuffer();
    probe = performance.now() - p0;
  } catch (err) {
    // At 100k documents an endpoint can outlast the client's timeouts: say so, and go on.
    log(`${name}: ${(err as Error).message}`);
    const none = {
      connections: 0,
      seconds: 0,
      probeMs: Number.NaN,
      firstMs: Number.NaN,
      requests: 0,
      non2xx: 0,
      errors: 1,
    };
    return { endpoint: name, path, ...none, p50: Number.NaN, p95: Number.NaN, p99: Number.NaN };
  }
  const slow = probe > 200;
  const connections = slow ? 1 : connectionsWanted;
  const duration = slow ? Math.min(60, Math.max(DURATION, Math.ceil((probe * 5) / 1000))) : DURATION;
  const times: number[] = [];
  const inst = autocannon({ url: url + path, connections, duration, timeout: 120 });
  (inst as unknown as NodeJS.EventEmitter).on(
    "response",
    (_c: unknown, _s: number, _b: number, rt: number) => {
      times.push(rt);
    },
  );
  const res = await inst;
  const s = times.sort((a, b) => a - b);
  const q = (f: number) => (s.length ? s[Math.min(s.length - 1, Math.floor(f * s.length))]! : Number.NaN);
  return {
    endpoint: name,
    path,
    connections,
    seconds: duration,
    probeMs: Math.round(probe),
    firstMs: Math.round(first),
    requests: s.length,
    non2xx: res.non2xx,
    errors: res.errors + res.timeouts,
    p50: Math.round(q(0.5) * 10) / 10,
    p95: Math.round(q(0.95) * 10) / 10,
    p99: Math.round(q(0.99) * 10) / 10,
  };
}

async function scale(): Promise<void> {
  const dbPath = join(REPO_ROOT, ".tmp", `bench-${process.pid}.db`);
  mkdirSync(join(REPO_ROOT, ".tmp"), { recursive: true });
  const args = ["--import", "tsx", fileURLToPath(new URL("./scale.ts", import.meta.url))];
  args.push("--steps", STEPS.join(","), "--db", dbPath);
  if (flag("--resolve")) args.push("--resolve");
  args.push("--workers", opt("--workers", String(THREADS)));
  const child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "inherit"], cwd: REPO_ROOT });
  const steps: StepReport[] = [];
  const queries: { docs: number; latency: Latency[] }[] = [];
  for await (const line of createInterface({ input: child.stdout })) {
    const ev = JSON.parse(line) as { event: string; message?: string };
    if (ev.event === "error") throw new Error(`scale process: ${ev.message}`);
    if (ev.event === "step") {
      const s = ev as unknown as StepReport;
      steps.push(s);
      log(
        `${s.docs} docs: ${s.stepDocsPerSecond.toFixed(1)} docs/s (${Math.round(s.stepTokensPerDoc)} tokens/doc, ${s.workers} workers), ${(s.dbBytesPerDoc / 1024).toFixed(1)} KiB/doc, max RSS ${(s.maxRssBytes / 2 ** 20).toFixed(0)} MiB`,
      );
    } else if (ev.event === "serving") {
      const s = ev as unknown as ServingReport;
      const latency: Latency[] = [];
      if (s.entity) {
        // The target is one analyst's wait for a hub's dossier: one connection. Ten connections on
        // one SQLite connection mostly measure the queue (about ten times the service time); they
        // are shown beside it as the figure under load.
        const path = `/api/entities/${encodeURIComponent(s.entity)}`;
        latency.push(await load(s.url, "entity dossier", path, 1));
        latency.push(await load(s.url, "entity dossier, under load", path, 10));
      }
      latency.push(await load(s.url, "search", `/api/search?q=${encodeURIComponent(s.search)}`));
      if (s.claimsEntity)
        latency.push(
          await load(
            s.url,
            "claims by entity",
            `/api/claims?entity=${encodeURIComponent(s.claimsEntity)}&limit=${CLAIMS_PAGE}`,
          ),
        );
      latency.push(await load(s.url, "conflicts", `/api/conflicts?limit=${CONFLICTS_PAGE}`));
      for (const l of latency)
        log(`${s.docs} docs ${l.endpoint}: p50 ${l.p50} ms p95 ${l.p95} ms (${l.requests} req)`);
      queries.push({ docs: s.docs, latency });
      child.stdin.write("next\n");
    }
  }
  results.ingest = steps;
  results.queries = queries;
  if (!flag("--keep-db")) for (const suffix of ["", "-wal", "-shm"]) rmSync(dbPath + suffix, { force: true });
  else log(`store kept: ${dbPath}`);

  for (const s of steps) {
    rows.push({
      section: "ingest",
      what: `ingest docs ${steps.indexOf(s) === 0 ? 0 : steps[steps.indexOf(s) - 1]!.docs}→${s.docs}`,
      value: s.stepDocsPerSecond,
      unit: `docs/s (${Math.round(s.stepTokensPerDoc)} tokens/doc, ${fmt(s.stepTokensPerSecond / 1000)}k tokens/s, ${s.workers === 1 ? "no workers" : `${s.workers} workers`})`,
      target: ">= 100",
      ok: s.stepDocsPerSecond >= 100,
      note: `${s.failed} failed`,
    });
    rows.push({
      section: "ingest",
      what: `db size per doc at ${s.docs}`,
      value: s.dbBytesPerDoc / 1024,
      unit: "KiB",
    });
    rows.push({
      section: "ingest",
      what: `peak RSS at ${s.docs}`,
      value: s.maxRssBytes / 2 ** 20,
      unit: "MiB",
      ...(s.docs >= 100_000 ? { target: "<= 1536", ok: s.maxRssBytes <= 1.5 * 2 ** 30 } : {}),
    });
    if (s.resolutionSeconds !== undefined)
      rows.push({
        section: "ingest",
        what: `resolution at ${s.docs}`,
        value: s.resolutionSeconds,
        unit: "s",
      });
  }
  for (const q of queries)
    for (const l of q.latency) {
      const dossier = l.endpoint === "entity dossier";
      rows.push({
        section: "queries",
        what: `${l.endpoint} at ${q.docs} docs`,
        value: l.p95,
        unit: `ms p95 (p50 ${l.p50} ms, ${l.requests} req, ${l.connections} conn${l.non2xx ? `, ${l.non2xx} non-2xx` : ""}${l.errors ? `, ${l.errors} errors` : ""})`,
        ...(dossier ? { target: "<= 50 (at 100k)", ok: l.p95 <= 50 } : {}),
      });
      // The server is new at each step, so its first conflicts request computes cross-checking.
      if (l.endpoint === "conflicts")
        rows.push({
          section: "queries",
          what: `conflicts, first request at ${q.docs} docs`,
          value: l.firstMs,
          unit: "ms (cross-checking computed over the whole store)",
        });
    }
  // Growth: each quantity's ratio between consecutive steps, against the ratio of documents.
  for (let i = 1; i < steps.length; i++) {
    const a = steps[i - 1]!;
    const b = steps[i]!;
    const docs = b.docs / a.docs;
    // Time per document of the later step's batch against the earlier's: 1.0 is linear.
    const timeRatio =
      b.stepSeconds / (b.docs - a.docs) / (a.stepSeconds / (a.docs - (steps[i - 2]?.docs ?? 0)));
    const label = `${a.docs}→${b.docs}`;
    rows.push({
      section: "growth",
      what: `${label} time per doc (vs linear)`,
      value: timeRatio,
      unit: "× linear",
      target: "<= 1.2",
      ok: timeRatio <= 1.2,
    });
    rows.push({
      section: "growth",
      what: `${label} db size (docs ×${fmt(docs)})`,
      value: b.dbBytes / a.dbBytes / docs,
      unit: "× linear",
      target: "<= 1.2",
      ok: b.dbBytes / a.dbBytes / docs <= 1.2,
    });
    rows.push({
      section: "growth",
      what: `${label} peak RSS`,
      value: b.maxRssBytes / a.maxRssBytes,
      unit: "×",
    });
    const qa = queries.find((q) => q.docs === a.docs);
    const qb = queries.find((q) => q.docs === b.docs);
    for (const l of qb?.latency ?? []) {
      const before = qa?.latency.find((x) => x.endpoint === l.endpoint);
      if (before && before.p95 > 0)
        rows.push({
          section: "growth",
          what: `${label} ${l.endpoint} p95`,
          value: l.p95 / before.p95,
          unit: "×",
        });
    }
  }
}

function fmt(v: number | null): string {
  if (v === null || Number.isNaN(v)) return "n/a";
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString("en-US");
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

function printTable(): void {
  const head = ["section", "what", "value", "unit", "target", "ok"];
  const body = rows.map((r) => [
    r.section,
    r.what,
    fmt(r.value),
    r.unit,
    r.target ?? "",
    r.ok === undefined ? (r.note ?? "") : r.ok ? "yes" : "NO",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  process.stdout.write(`${line(head)}\n|${widths.map((w) => "-".repeat(w + 2)).join("|")}|\n`);
  for (const b of body) process.stdout.write(`${line(b)}\n`);
}

async function main(): Promise<void> {
  const t0 = performance.now();
  if (!flag("--no-extract")) await extraction();
  if (!flag("--no-scale")) await scale();
  results.seconds = (performance.now() - t0) / 1000;
  results.loadavgAtEnd = loadavg();
  results.rows = rows;
  const dir = join(REPO_ROOT, "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  printTable();
  process.stdout.write(
    `\n${rows.filter((r) => r.ok === false).length} figure(s) short of target; JSON: ${file}\n`,
  );
  const load = (results.loadavgAtEnd as number[]).map((x) => x.toFixed(1)).join(" ");
  process.stdout.write(
    `total ${(results.seconds as number).toFixed(0)} s; load average at the end ${load} on ${THREADS} cores\n`,
  );
}

await main();

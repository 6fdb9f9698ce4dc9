/**
 * Ingest with analysis in worker threads: the store and the outcomes are those of an ingest in one
 * thread, a bad file is still reported by name, and a second run changes nothing.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { type IngestOutcome, ingestBatch } from "../src/ingest/batch.js";
import { AnalysisPool } from "../src/ingest/pool.js";
import { expandSources } from "../src/ingest/sources.js";
import { openDb } from "../src/store/connect.js";
import { Repository } from "../src/store/repository.js";
import { jsonLines, REPO, runCli } from "./helpers/cli.js";

const EXAMPLES = join(REPO, "examples/reports");

/** A folder with the example reports, two bad files and a copy of one report (the same text twice). */
function corpus(): string {
  const dir = mkdtempSync(join(tmpdir(), "dossier-workers-"));
  for (const f of readdirSync(EXAMPLES)) writeFileSync(join(dir, f), readFileSync(join(EXAMPLES, f)));
  writeFileSync(join(dir, "00-empty.txt"), "");
  writeFileSync(join(dir, "05b-binary.txt"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]));
  writeFileSync(join(dir, "99-copy.txt"), readFileSync(join(EXAMPLES, "01-park-jin-hyok-charged.txt")));
  return dir;
}

/** Every stored row but timestamps, in a fixed order. */
async function snapshot(repo: Repository): Promise<Record<string, unknown[]>> {
  const db = repo.db;
  return {
    documents: (await db.selectFrom("documents").selectAll().orderBy("id").execute()).map(
      ({ ingested_at: _, ...r }) => r,
    ),
    entities: (await db.selectFrom("entities").selectAll().orderBy("id").execute()).map(
      ({ created_at: _, ...r }) => r,
    ),
    aliases: await db
      .selectFrom("entity_aliases")
      .selectAll()
      .orderBy("entity_id")
      .orderBy("alias")
      .orderBy("provenance")
      .execute(),
    mentions: await db.selectFrom("mentions").selectAll().orderBy("id").execute(),
    sentences: await db.selectFrom("sentences").selectAll().orderBy("id").execute(),
    claims: await db.selectFrom("claims").selectAll().orderBy("id").execute(),
    boilerplate: await db
      .selectFrom("boilerplate")
      .selectAll()
      .orderBy("document_id")
      .orderBy("start")
      .execute(),
  };
}

async function ingestInto(
  dir: string,
  opts: { workers?: number; pool?: AnalysisPool },
): Promise<{ outcomes: IngestOutcome[]; rows: Record<string, unknown[]>; again: IngestOutcome[] }> {
  const repo = new Repository(await openDb(join(mkdtempSync(join(tmpdir(), "dossier-db-")), "t.db")));
  try {
    const { items, failed } = await expandSources([dir, join(dir, "missing.txt")]);
    const first = await ingestBatch(repo, items, failed, { resolve: false, ...opts });
    const rows = await snapshot(repo);
    const second = await ingestBatch(repo, items, failed, { resolve: false, ...opts });
    return { outcomes: first.outcomes, rows, again: second.outcomes };
  } finally {
    await repo.close();
  }
}

describe("ingest with analysis workers", () => {
  it("stores what an ingest in one thread stores, reports bad files by name, and is idempotent", async () => {
    const dir = corpus();
    const inline = await ingestInto(dir, { workers: 1 });
    const pooled = await ingestInto(dir, { workers: 2 });

    assert.ok(inline.rows.documents!.length >= 8, "the example reports are stored");
    assert.deepEqual(pooled.rows, inline.rows);
    assert.deepEqual(pooled.outcomes, inline.outcomes);

    // Outcomes in the order given: the missing path first (it failed before the batch), then the folder.
    const order = pooled.outcomes.map((o) => o.source.slice(o.source.lastIndexOf("/") + 1));
    assert.deepEqual(order, ["missing.txt", ...readdirSync(dir).sort((a, b) => a.localeCompare(b))]);
    const byName = (name: string) => pooled.outcomes.find((o) => o.source.endsWith(`/${name}`))!;
    assert.equal(byName("00-empty.txt").status, "failed");
    assert.match(byName("00-empty.txt").reason!, /empty file/);
    assert.equal(byName("05b-binary.txt").status, "failed");
    assert.match(byName("05b-binary.txt").reason!, /binary file/);
    assert.equal(byName("99-copy.txt").status, "unchanged");
    assert.equal(byName("99-copy.txt").id, byName("01-park-jin-hyok-charged.txt").id);
    assert.ok(byName("01-park-jin-hyok-charged.txt").tokens! > 100);

    // A second run stores nothing new and says so for every readable file.
    for (const run of [inline.again, pooled.again]) {
      for (const o of run) {
        const bad = /missing|empty|binary/.test(o.source);
        assert.equal(o.status, bad ? "failed" : "unchanged", o.source);
      }
    }
  });

  it("keeps a pool's workers across batches", async () => {
    const pool = new AnalysisPool(2);
    try {
      await pool.ready();
      const dir = corpus();
      const a = await ingestInto(dir, { pool });
      const b = await ingestInto(dir, { workers: 1 });
      assert.deepEqual(a.rows, b.rows);
    } finally {
      await pool.close();
    }
  });

  it("dossier ingest --workers 2 gives the outcomes of --workers 1; a bad --workers is refused", () => {
    const dir = corpus();
    const run = (workers: string) => {
      const db = join(mkdtempSync(join(tmpdir(), "dossier-db-")), "t.db");
      return runCli(["--db", db, "--json", "ingest", dir, "--workers", workers]);
    };
    const one = run("1");
    const two = run("2");
    assert.equal(two.status, 1, "a failed file makes the exit code 1");
    const strip = (out: string) =>
      jsonLines(out).map(({ id, status, source, reason }) => ({ id, status, source, reason }));
    assert.deepEqual(strip(two.stdout), strip(one.stdout));
    const bad = run("0");
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /--workers.*whole number/);
  });
});

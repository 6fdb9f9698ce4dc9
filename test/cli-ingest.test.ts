import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import Database from "better-sqlite3";
import { openDb } from "../src/store/connect.js";
import { Repository } from "../src/store/repository.js";
import { ENTRY, jsonLines, runCli } from "./helpers/cli.js";

const GOOD = `Hackers hit a bank in Dhaka

By Jane Roe | Example Wire

Investigators said hackers moved money out of the bank in February. The central bank said it was reviewing its systems.`;

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "dossier-test-"));
}

describe("dossier ingest", () => {
  it("reports each bad file on one line, ingests the rest, and exits non-zero", () => {
    const dir = tempDir();
    const db = join(dir, "t.db");
    writeFileSync(join(dir, "good.txt"), GOOD);
    writeFileSync(join(dir, "empty.txt"), "");
    writeFileSync(join(dir, "binary.txt"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]));
    writeFileSync(
      join(dir, "latin1.txt"),
      Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x6f, 0x69, 0x72]),
    );
    writeFileSync(
      join(dir, "scripts.html"),
      "<html><body><script>steal()</script><script>more()</script></body></html>",
    );
    writeFileSync(join(dir, "huge.txt"), "");
    truncateSync(join(dir, "huge.txt"), 200 * 1024 * 1024); // sparse: no disk used
    const r = runCli(["--db", db, "ingest", dir, join(dir, "missing.txt")]);
    assert.equal(r.status, 1, r.stderr);
    const errors = r.stderr.trim().split("\n");
    const expect: [string, RegExp][] = [
      ["missing.txt", /no such file or directory/],
      ["binary.txt", /binary file/],
      ["empty.txt", /empty file/],
      ["huge.txt", /file too large: 200 MB exceeds the 50 MB limit/],
      ["latin1.txt", /invalid UTF-8 at byte 3/],
      ["scripts.html", /no readable text in HTML/],
    ];
    assert.equal(errors.length, expect.length, r.stderr);
    for (const [file, reason] of expect) {
      const line = errors.find((l) => l.includes(file));
      assert.ok(line, `an error line for ${file}`);
      assert.match(line, /^error: /);
      assert.match(line, reason);
    }
    assert.match(r.stdout, /1 ingested, 0 unchanged, 6 failed/);
    const docs = jsonLines(runCli(["--db", db, "--json", "documents"]).stdout);
    assert.equal(docs.length, 1);
    assert.equal(docs[0]!.title, "Hackers hit a bank in Dhaka");
  });

  it("reads stdin, is idempotent, and prints JSON outcomes without a progress bar", () => {
    const db = join(tempDir(), "t.db");
    const first = runCli(
      ["--db", db, "--json", "ingest", "-", "--published", "2016-03-10", "--source", "wire"],
      {
        input: GOOD,
      },
    );
    assert.equal(first.status, 0, first.stderr);
    assert.equal(first.stderr, "");
    const [outcome] = jsonLines(first.stdout);
    assert.equal(outcome!.status, "ingested");
    const again = runCli(["--db", db, "--json", "ingest", "-"], { input: GOOD });
    assert.equal(jsonLines(again.stdout)[0]!.status, "unchanged");
    const docs = jsonLines(runCli(["--json", "documents"], { env: { DOSSIER_DB: db } }).stdout);
    assert.deepEqual(docs, [
      {
        id: outcome!.id,
        title: "Hackers hit a bank in Dhaka",
        source: "wire",
        author: "Jane Roe",
        publisher: "Example Wire",
        published: "2016-03-10",
      },
    ]);
    const search = jsonLines(runCli(["--db", db, "--json", "search", "central", "bank"]).stdout);
    assert.equal(search.length, 1);
    assert.match(String(search[0]!.sentence), /^The central bank said/);
  });

  it("has --help on every subcommand", () => {
    const top = runCli(["--help"]);
    assert.equal(top.status, 0);
    const commands = [...top.stdout.matchAll(/^ {2}(\w+)/gm)].map((m) => m[1]!).filter((c) => c !== "help");
    assert.ok(commands.length >= 8, top.stdout);
    for (const c of commands) {
      const r = runCli([c, "--help"]);
      assert.equal(r.status, 0, `${c} --help`);
      assert.match(r.stdout, new RegExp(`Usage: dossier ${c}`));
    }
  });
});

describe("crash safety", () => {
  it("leaves only whole documents after SIGKILL mid-ingest", async () => {
    const dir = tempDir();
    const db = join(dir, "crash.db");
    // Many distinct documents, so the kill lands while documents are being written.
    for (let i = 0; i < 400; i++) {
      const body = Array.from(
        { length: 40 },
        (_, j) =>
          `Sentence ${j} of report ${i} says investigators in Seoul traced attack ${i * 100 + j} to hackers.`,
      ).join(" ");
      writeFileSync(join(dir, `r${String(i).padStart(3, "0")}.txt`), `Report number ${i}\n\n${body}\n`);
    }
    const child = spawn(process.execPath, ["--import", "tsx", ENTRY, "--db", db, "ingest", dir], {
      stdio: "ignore",
    });
    // Wait until some documents are committed, then kill without warning.
    const deadline = Date.now() + 60_000;
    let seen = 0;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      try {
        const probe = new Database(db, { readonly: true, fileMustExist: true });
        seen = (probe.prepare("SELECT count(*) AS n FROM documents").get() as { n: number }).n;
        probe.close();
      } catch {
        seen = 0;
      }
      if (seen >= 5) break;
    }
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    assert.ok(seen >= 5, "the ingest had committed documents before the kill");

    const check = new Database(db);
    assert.equal(
      (check.prepare("PRAGMA integrity_check").get() as { integrity_check: string }).integrity_check,
      "ok",
    );
    check.close();
    const repo = new Repository(await openDb(db));
    try {
      const docs = await repo.listDocuments();
      assert.ok(docs.length >= seen && docs.length < 400, `killed mid-way (${docs.length} documents)`);
      assert.deepEqual(await repo.incompleteDocuments(), []);
      // And the batch can be finished: what is stored is unchanged, the rest comes in.
      const r = runCli(["--db", db, "ingest", dir]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`${400 - docs.length} ingested, ${docs.length} unchanged, 0 failed`));
    } finally {
      await repo.close();
    }
  });
});

import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runCli } from "./helpers/cli.js";

describe("dossier demo", () => {
  it("ingests the example corpus and sums up documents, entities, claims and resolution", () => {
    const db = join(mkdtempSync(join(tmpdir(), "dossier-demo-")), "demo.db");
    const r = runCli(["--db", db, "demo", "--no-serve"]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /8 ingested, 0 unchanged, 0 failed/);
    assert.match(r.stdout, /person\s+\d+/);
    assert.match(r.stdout, /Claims: [1-9]\d* /);
    assert.match(r.stdout, /Resolution: \d+ automatic merge/);
    const again = runCli(["--db", db, "demo", "--no-serve"]);
    assert.match(again.stdout, /0 ingested, 8 unchanged, 0 failed/);
  });
});

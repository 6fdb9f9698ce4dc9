import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { validateBundle } from "../src/stix/validate.js";
import { REPO, runCli } from "./helpers/cli.js";
import { SEED_000, SEED_002, SHARED, SKIP_SHARED } from "./helpers/shared.js";

const SCHEMAS = `${SHARED}/data/stix2-json-schemas/schemas`;

interface Bundle {
  objects: { type: string; id: string; [k: string]: unknown }[];
}

function exportBundle(paths: string[][]): Bundle {
  const dir = mkdtempSync(join(tmpdir(), "dossier-export-"));
  const db = join(dir, "x.db");
  for (const args of paths) assert.equal(runCli(["--db", db, "ingest", ...args]).status, 0);
  const out = join(dir, "bundle.json");
  const r = runCli(["--db", db, "export", "--stix", out, "--schemas", SCHEMAS]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /valid against the OASIS STIX 2\.1 schemas/);
  return JSON.parse(readFileSync(out, "utf8")) as Bundle;
}

describe("STIX export of stored documents", { skip: SKIP_SHARED }, () => {
  it("the seeds' bundle validates and has reports, locations and identities", () => {
    const bundle = exportBundle([
      [SEED_000, "--published", "2015-01-07"],
      [SEED_002, "--published", "2013-11"],
    ]);
    assert.deepEqual(validateBundle(bundle, SCHEMAS), []);
    const of = (t: string) => bundle.objects.filter((o) => o.type === t);
    assert.equal(of("report").length, 2);
    assert.ok(of("location").some((l) => l.name === "Shenyang" && typeof l.latitude === "number"));
    assert.ok(of("location").some((l) => l.country === "KP"));
    assert.ok(of("identity").length >= 1);
    assert.equal(of("extension-definition").length, 1);
  });

  it("the example corpus' bundle validates and carries indicators with observables", () => {
    const bundle = exportBundle([[join(REPO, "examples/reports")]]);
    assert.deepEqual(validateBundle(bundle, SCHEMAS), []);
    const of = (t: string) => bundle.objects.filter((o) => o.type === t);
    assert.equal(of("report").length, 8);
    assert.ok(of("indicator").length >= 3, "indicators");
    assert.ok(of("domain-name").length + of("ipv4-addr").length + of("file").length >= 3, "observables");
    assert.ok(of("vulnerability").some((v) => v.name === "CVE-2017-0144"));
  });
});

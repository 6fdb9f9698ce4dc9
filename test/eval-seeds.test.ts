import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { evaluateGold } from "../src/eval/run.js";
import { jsonLines, runCli } from "./helpers/cli.js";
import { SEED_000, SEED_002, SHARED, SKIP_SHARED } from "./helpers/shared.js";

interface ClaimLine {
  predicate: string;
  subject: { name: string };
  object: { name: string } | null;
  polarity: string;
  speaker: { name: string } | null;
  via: { name: string }[];
  quote: string;
  start: number;
  end: number;
  document: { id: string };
}

describe("the pipeline on the seeds' gold", { skip: SKIP_SHARED }, () => {
  it("meets the quality floors for entities, claims and clusters", async () => {
    const r = await evaluateGold(`${SHARED}/gold/seeds.json`);
    assert.ok(r.entitiesPerOrgActor.recall >= 0.9, `entity recall ${r.entitiesPerOrgActor.recall}`);
    assert.ok(r.entitiesPerOrgActor.precision >= 0.85, `entity precision ${r.entitiesPerOrgActor.precision}`);
    assert.ok(r.claims.recall >= 0.75, `claim recall ${r.claims.recall}`);
    assert.ok(r.claims.precision >= 0.8, `claim precision ${r.claims.precision}`);
    assert.ok(r.claims.speakerAccuracy >= 0.85, `speaker accuracy ${r.claims.speakerAccuracy}`);
    assert.ok(r.bcubed.f1 >= 0.95, `B-cubed F1 ${r.bcubed.f1}`);
  });

  it("reads Beijing's knowledge (s0-2, negative) and tacit consent (s2-14, positive) from Kim, with via chains", () => {
    const db = join(mkdtempSync(join(tmpdir(), "dossier-claims-")), "c.db");
    assert.equal(runCli(["--db", db, "ingest", SEED_000, "--published", "2015-01-07"]).status, 0);
    assert.equal(runCli(["--db", db, "ingest", SEED_002, "--published", "2013-11"]).status, 0);
    const claims = jsonLines<ClaimLine>(runCli(["--db", db, "--json", "claims"]).stdout);
    const tolerates = claims.filter((c) => c.predicate === "tolerates" && c.subject.name === "China");
    const s02 = tolerates.find((c) => c.quote.includes("without the knowledge of Beijing"));
    const s214 = tolerates.find(
      (c) => c.quote.includes("tacit consent") || c.quote.includes("Beijing knows"),
    );
    assert.equal(s02?.polarity, "negative");
    assert.equal(s02?.speaker?.name, "Kim Heung-Kwang");
    assert.deepEqual(
      s02?.via.map((v) => v.name),
      ["CNN", "intelNews.org"],
    );
    assert.equal(s214?.polarity, "positive");
    assert.equal(s214?.speaker?.name, "Kim Heung-Kwang");
    assert.deepEqual(
      s214?.via.map((v) => v.name),
      ["Voice of America"],
    );

    // One entity across both spellings; people who share the surname stay apart.
    const people = jsonLines<{ name: string; aliases: string[]; documents: string[] }>(
      runCli(["--db", db, "--json", "entities", "--type", "person"]).stdout,
    );
    const kim = people.find((p) => p.name === "Kim Heung-Kwang");
    assert.ok(kim?.aliases.includes("Kim Hung-kwang"));
    assert.equal(kim?.documents.length, 2);
    assert.ok(people.some((p) => p.name === "Kim Jong Un"));
    assert.ok(people.some((p) => p.name === "Youmi Kim"));

    // Every quote is the stored text at its offsets.
    const shown = JSON.parse(runCli(["--db", db, "--json", "show", s02!.document.id]).stdout) as {
      text: string;
    };
    assert.equal(shown.text.slice(s02!.start, s02!.end), s02!.quote);
  });

  it("shows Bureau 121's association with Lazarus Group from the MISP galaxy without merging", () => {
    const db = join(mkdtempSync(join(tmpdir(), "dossier-kb-")), "k.db");
    assert.equal(runCli(["--db", db, "ingest", SEED_000, "--published", "2015-01-07"]).status, 0);
    const imp = runCli(["--db", db, "kb", "import", `${SHARED}/data/misp-galaxy/threat-actor.json`]);
    assert.equal(imp.status, 0, imp.stderr);
    const [dossier] = jsonLines<{
      name: string;
      associations: { with: string; source: string; sourceId: string }[];
    }>(runCli(["--db", db, "--json", "entity", "Bureau 121"]).stdout);
    assert.equal(dossier!.name, "Bureau 121");
    const lazarus = dossier!.associations.find((a) => a.with === "Lazarus Group");
    assert.ok(lazarus, "associated with Lazarus Group");
    assert.equal(lazarus.source, "MISP galaxy threat-actor");
    assert.match(lazarus.sourceId, /^[0-9a-f-]{36}$/);
    const actors = jsonLines<{ name: string }>(
      runCli(["--db", db, "--json", "entities", "--type", "threat-actor"]).stdout,
    );
    assert.deepEqual(
      actors.map((a) => a.name),
      ["Bureau 121"],
      "not merged into Lazarus Group",
    );
  });
});

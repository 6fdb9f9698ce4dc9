import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import Database from "better-sqlite3";
import { jsonLines, REPO, runCli } from "./helpers/cli.js";
import { SEED_000, SEED_002, SKIP_SHARED } from "./helpers/shared.js";

interface Prop {
  id: string;
  subject: { name: string };
  predicate: string;
  object: { name: string } | null;
  independentSources: number;
  sources: { label: string; outlets: string[] }[];
  grade: { code: string; reliability: string; credibility: number; reasons: string[] };
}

const tmp = () => mkdtempSync(join(tmpdir(), "dossier-xc-"));

describe("cross-checking the seeds", { skip: SKIP_SHARED }, () => {
  it("finds Kim contradicting himself across outlets, counts speakers not outlets, and keeps analysts' grades", () => {
    const dir = tmp();
    const db = join(dir, "x.db");
    assert.equal(runCli(["--db", db, "ingest", SEED_000, "--published", "2015-01-07"]).status, 0);
    assert.equal(runCli(["--db", db, "ingest", SEED_002, "--published", "2013-11"]).status, 0);

    const conflicts = jsonLines<{ kind: string; claims: string[]; explanation: string }>(
      runCli(["--db", db, "--json", "conflicts"]).stdout,
    );
    const claims = jsonLines<{ id: string; quote: string }>(runCli(["--db", db, "--json", "claims"]).stdout);
    const quoteOf = (id: string) => claims.find((c) => c.id === id)?.quote ?? "";
    const kim = conflicts.find(
      (c) =>
        c.kind === "polarity" &&
        c.claims.some((id) => quoteOf(id).includes("without the knowledge of Beijing")) &&
        c.claims.some((id) => quoteOf(id).includes("Beijing knows")),
    );
    assert.ok(kim, "the s0-2 / s2-14 conflict");
    assert.match(kim.explanation, /Kim Heung-Kwang/);
    assert.match(kim.explanation, /one speaker, two outlets/);

    const props = jsonLines<Prop>(runCli(["--db", db, "--json", "propositions"]).stdout);
    const fromChina = props.find(
      (p) => p.subject.name === "North Korea" && p.predicate === "located-at" && p.object?.name === "China",
    );
    assert.ok(fromChina);
    const labels = fromChina.sources.map((s) => s.label);
    assert.ok(
      labels.includes("Kim Heung-Kwang") && labels.includes("National Intelligence Service"),
      labels.join(", "),
    );
    const kimSource = fromChina.sources.find((s) => s.label === "Kim Heung-Kwang")!;
    assert.ok(kimSource.outlets.length >= 2, "Kim is repeated by two outlets and counts once");

    // A syndicated copy of seed 000 under another title and outlet adds no source.
    const copy = join(dir, "copy.txt");
    writeFileSync(
      copy,
      readFileSync(SEED_000, "utf8")
        .replace(
          "North Korean hackers operating secretly in China, says defector",
          "Defector: Pyongyang's hackers hide in Chinese cities",
        )
        .replace("intelNews.org", "Example Syndicate"),
    );
    assert.equal(runCli(["--db", db, "ingest", copy, "--published", "2015-01-09"]).status, 0);
    const after = jsonLines<Prop>(runCli(["--db", db, "--json", "propositions"]).stdout);
    assert.equal(after.find((p) => p.id === fromChina.id)?.independentSources, fromChina.independentSources);

    // Analysts rate a source and override a grade; both are kept with their notes.
    assert.equal(
      runCli([
        "--db",
        db,
        "grade",
        "source",
        "National Intelligence Service",
        "B",
        "--note",
        "official agency",
      ]).status,
      0,
    );
    const o = runCli([
      "--db",
      db,
      "grade",
      "override",
      fromChina.id,
      "--credibility",
      "2",
      "--note",
      "checked against a second briefing",
    ]);
    assert.equal(o.status, 0, o.stderr);
    const graded = jsonLines<Prop>(runCli(["--db", db, "--json", "propositions"]).stdout).find(
      (p) => p.id === fromChina.id,
    )!;
    assert.equal(graded.grade.credibility, 2);
    assert.equal(graded.grade.reliability, "B");
    assert.ok(graded.grade.reasons.some((r) => r.includes("checked against a second briefing")));
    assert.equal(
      runCli(["--db", db, "grade", "override", fromChina.id, "--credibility", "9", "--note", "x"]).status,
      2,
    );

    // ACH: hypotheses proposed from the conflict, ranked.
    const [ach] = jsonLines<{
      hypotheses: { id: string }[];
      rank: { hypothesis: string }[];
      rows: unknown[];
    }>(runCli(["--db", db, "--json", "ach"]).stdout);
    assert.equal(ach!.hypotheses.length, 2);
    assert.equal(ach!.rank.length, 2);
    assert.ok(ach!.rows.length >= 2);
  });
});

describe("cross-checking the example corpus", () => {
  it("finds the date conflict over Harbor Bureau's founding, and the syndicated copy adds no source", () => {
    const db = join(tmp(), "e.db");
    const reports = join(REPO, "examples/reports");
    const only05 = join(tmp(), "only05.db");
    assert.equal(
      runCli(["--db", only05, "ingest", join(reports, "05-sandworm-indictment-wire.txt")]).status,
      0,
    );
    assert.equal(runCli(["--db", db, "ingest", reports]).status, 0);
    const conflicts = jsonLines<{ kind: string; explanation: string }>(
      runCli(["--db", db, "--json", "conflicts"]).stdout,
    );
    assert.ok(
      conflicts.some(
        (c) => c.kind === "date" && /Harbor Bureau/.test(c.explanation) && /1998/.test(c.explanation),
      ),
    );

    const before = new Map(
      jsonLines<Prop>(runCli(["--db", only05, "--json", "propositions"]).stdout).map((p) => [p.id, p]),
    );
    assert.ok(
      runCli(["--db", only05, "ingest", join(reports, "06-sandworm-indictment-lakeshore.txt")]).status === 0,
    );
    const withCopy = jsonLines<Prop>(runCli(["--db", only05, "--json", "propositions"]).stdout);
    let shared = 0;
    for (const p of withCopy) {
      const b = before.get(p.id);
      if (!b) continue;
      shared++;
      assert.equal(p.independentSources, b.independentSources, `${p.id} keeps its source count`);
    }
    assert.ok(shared >= 3, `propositions shared by the wire story and its copy (${shared})`);
  });

  it("reads documents' MinHashes stored at ingest, and computes those of documents stored without one", () => {
    const db = join(tmp(), "m.db");
    const reports = join(REPO, "examples/reports");
    for (const f of ["05-sandworm-indictment-wire.txt", "06-sandworm-indictment-lakeshore.txt"])
      assert.equal(runCli(["--db", db, "ingest", join(reports, f)]).status, 0);
    const sqlite = new Database(db);
    const count = () =>
      (
        sqlite.prepare("SELECT count(*) AS n FROM document_minhashes WHERE minhash IS NOT NULL").get() as {
          n: number;
        }
      ).n;
    assert.equal(count(), 2, "one MinHash per document, written with it");
    const before = runCli(["--db", db, "--json", "propositions"]).stdout;
    assert.ok(
      jsonLines<Prop>(before).some((p) => p.sources.some((s) => s.outlets.length === 2)),
      "the copy is found",
    );
    // A store from before migration 0006: its documents have no MinHash yet.
    sqlite.prepare("DELETE FROM document_minhashes").run();
    assert.equal(count(), 0);
    assert.equal(runCli(["--db", db, "--json", "propositions"]).stdout, before);
    assert.equal(count(), 2, "computed once and kept");
    sqlite.close();
  });
});

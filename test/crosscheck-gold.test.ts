/**
 * Cross-checking on the hand-made answers: the example corpus (examples/gold.json and its reports)
 * and the seeds' gold (../shared/gold/seeds.json, skipped when ../shared is absent). Gold claims are
 * turned into `ClaimJson` as the store would give them; a negative claim's negation cue is taken
 * from its evidence words ("denied"), as the claim extractor records it.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import {
  type ClaimJson,
  type DocInfo,
  findConflicts,
  groupPropositions,
  nearDuplicateGroups,
  type Proposition,
} from "../src/crosscheck/index.js";

interface Gold {
  documents: {
    file: string;
    path: string;
    title: string;
    publisher: string | null;
    published: string | null;
  }[];
  entities: { key: string; name: string; type: string }[];
  claims: {
    id: string;
    document: string;
    subject: string;
    predicate: string;
    object: string | null;
    value: string | null;
    polarity: "positive" | "negative";
    hedged: boolean;
    speaker: string | null;
    evidence: string;
  }[];
  conflicts: { claims: [string, string]; kind: string }[];
  compatible?: { claims: [string, string]; kind: string }[];
  corroborations?: { claims: string[]; independentSpeakers: string[] }[];
}

const DATE_PREDICATES = new Set(["founded", "active-since", "defected", "occurred"]);

function load(goldUrl: URL, base: URL): { gold: Gold; docs: DocInfo[]; claims: ClaimJson[] } {
  const gold = JSON.parse(readFileSync(goldUrl, "utf8")) as Gold;
  const ents = new Map(gold.entities.map((e) => [e.key, e]));
  const ref = (k: string | null) =>
    k ? { id: k, name: ents.get(k)?.name ?? k, type: ents.get(k)?.type ?? "organization" } : null;
  const docs: DocInfo[] = gold.documents.map((d) => ({
    id: d.file,
    title: d.title,
    publisher: d.publisher,
    published: d.published,
    text: readFileSync(new URL(d.path, base), "utf8"),
  }));
  const byId = new Map(docs.map((d) => [d.id, d]));
  const claims = gold.claims.map((c, i): ClaimJson => {
    const d = byId.get(c.document)!;
    const kind = DATE_PREDICATES.has(c.predicate)
      ? "date"
      : c.predicate === "damage" || c.predicate === "headcount"
        ? /[$€£]/.test(c.value ?? "")
          ? "money"
          : "quantity"
        : "text";
    return {
      id: c.id,
      subject: ref(c.subject)!,
      predicate: c.predicate,
      object: ref(c.object),
      value: c.value ? { kind, text: c.value } : null,
      polarity: c.polarity,
      hedged: c.hedged,
      speaker: ref(c.speaker),
      via: [],
      when: null,
      document: { id: d.id, title: d.title, source: d.id },
      quote: c.evidence,
      start: i,
      end: i + 1,
      confidence: 1,
      cues: {
        hedge: [],
        negation:
          c.polarity === "negative"
            ? (c.evidence.match(/\b(?:den(?:y|ies|ied)|rejects?|not|never)\b/gi) ?? [])
            : [],
      },
      rule: "gold",
      published: d.published,
      publisher: d.publisher,
    };
  });
  return { gold, docs, claims };
}

const pairKey = (ids: string[]) => [...ids].sort().join("+");

function sourcesOf(props: Proposition[], ids: string[]): Set<string> {
  const keys = new Set<string>();
  for (const p of props)
    for (const s of p.sources) if (s.claims.some((c) => ids.includes(c))) keys.add(s.key);
  return keys;
}

describe("example corpus", () => {
  const { gold, docs, claims } = load(
    new URL("../examples/gold.json", import.meta.url),
    new URL("../", import.meta.url),
  );

  it("finds the syndicated pair 05/06 and no other near-duplicates", () => {
    assert.deepEqual(nearDuplicateGroups(docs), [
      ["05-sandworm-indictment-wire.txt", "06-sandworm-indictment-lakeshore.txt"],
    ]);
  });

  const props = groupPropositions(claims, docs);
  const conflicts = findConflicts(props, claims);
  const found = new Map(conflicts.map((c) => [pairKey(c.claims), c]));

  it("finds every gold conflict, of the gold kind", () => {
    for (const g of gold.conflicts) {
      const c = found.get(pairKey(g.claims));
      assert.ok(c, `conflict ${g.claims.join("/")} (${g.kind}) not found`);
      assert.equal(c.kind, g.kind, `kind of ${g.claims.join("/")}`);
    }
    const self = found.get(pairKey(["e7-19", "e8-6"]))!;
    assert.equal(self.selfContradiction, true);
    assert.match(self.explanation, /Mira Castell says .*one speaker, two outlets, opposite statements/);
  });

  it("flags none of the pairs the gold calls compatible", () => {
    for (const g of gold.compatible ?? [])
      assert.equal(found.get(pairKey(g.claims)), undefined, g.claims.join("/"));
  });

  it("counts the gold's independent speakers for each corroboration", () => {
    for (const g of gold.corroborations ?? [])
      assert.equal(sourcesOf(props, g.claims).size, g.independentSpeakers.length, g.claims.join("/"));
  });

  it("the syndicated copy does not raise any proposition's source count", () => {
    const copy = "06-sandworm-indictment-lakeshore.txt";
    const without = new Map(
      groupPropositions(
        claims.filter((c) => c.document.id !== copy),
        docs,
      ).map((p) => [p.id, p]),
    );
    const shared = props.filter((p) => p.lineage.some((l) => l.document.id === copy) && without.has(p.id));
    assert.ok(shared.length >= 10, `propositions in both the wire story and its copy: ${shared.length}`);
    for (const p of shared) {
      assert.equal(p.independentSources, without.get(p.id)!.independentSources, p.statement);
      assert.equal(p.sources.length, without.get(p.id)!.sources.length, p.statement);
    }
    const gru = props.find((p) => p.claims.includes("e5-1") && p.claims.includes("e6-1"))!;
    const wire = gru.sources.find((s) => s.key === "outlet:meridian wire")!;
    assert.deepEqual(wire.outlets, ["Meridian Wire", "Lakeshore Daily Post"]);
    assert.ok(!gru.sources.some((s) => s.key === "outlet:lakeshore daily post"));
  });
});

const seedsUrl = new URL("../../shared/gold/seeds.json", import.meta.url);
describe("seeds", { skip: !existsSync(fileURLToPath(seedsUrl)) && "../shared is absent" }, () => {
  it("finds s0-2/s2-14 as one speaker contradicting himself across outlets, and two speakers for s0-1/s2-1", () => {
    const { gold, docs, claims } = load(seedsUrl, new URL("../../shared/", import.meta.url));
    const props = groupPropositions(claims, docs);
    const conflicts = findConflicts(props, claims);
    const c = conflicts.find((x) => pairKey(x.claims) === pairKey(["s0-2", "s2-14"]));
    assert.ok(c, "conflict s0-2/s2-14 found");
    assert.equal(c.kind, "polarity");
    assert.equal(c.selfContradiction, true);
    assert.match(
      c.explanation,
      /Kim Heung-Kwang says via intelNews\.org \(2015\) that China does not tolerate North Korea/,
    );
    assert.match(
      c.explanation,
      /via Voice of America \(2013\) that China tolerates North Korea: one speaker, two outlets/,
    );
    for (const g of gold.corroborations ?? []) {
      const p = props.find((x) => g.claims.every((id) => x.claims.includes(id)));
      assert.ok(p, `one proposition holds ${g.claims.join("/")}`);
      assert.equal(p.independentSources, g.independentSpeakers.length);
      assert.deepEqual(p.sources.map((s) => s.speaker?.id).sort(), [...g.independentSpeakers].sort());
    }
  });
});

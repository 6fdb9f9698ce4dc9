/**
 * Pair scoring and clustering on hand-made candidates (not the seeds): romanization across documents,
 * acronyms with and without country context, type compatibility, context raising and lowering a
 * score, the surname rule inside clusters, within-document attachment of bare surnames and
 * descriptions, and suggestions between the thresholds.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AUTO_MERGE, type Candidate, clusterEntities, SUGGEST, scorePair } from "../src/resolve/score.js";

function cand(
  name: string,
  type: string,
  documents: string[],
  extra: Partial<Omit<Candidate, "context">> & { context?: Partial<Candidate["context"]> } = {},
): Candidate {
  return {
    name,
    type,
    aliases: extra.aliases ?? [],
    documents,
    context: { roles: [], affiliations: [], countries: [], coEntities: [], ...extra.context },
  };
}

/** Index of the cluster holding candidate i. */
function clusterOf(clusters: number[][], i: number): number {
  return clusters.findIndex((c) => c.includes(i));
}

describe("scorePair", () => {
  test("romanization-equal people across documents merge, with a plain reason", () => {
    const s = scorePair(cand("Kim Heung-Kwang", "person", ["a"]), cand("Kim Hung-kwang", "person", ["b"]));
    assert.ok(s.score >= AUTO_MERGE);
    assert.equal(s.relation, "romanization");
    assert.ok(s.reasons.includes("same name after romanization folding: kim heung kwang"));
  });

  test("people who share only a surname score 0 and cannot link", () => {
    const s = scorePair(cand("Kim Jong Un", "person", ["a"]), cand("Youmi Kim", "person", ["a"]));
    assert.equal(s.score, 0);
    assert.ok(s.cannotLink);
    assert.match(s.reasons[0]!, /share only the surname kim/);
  });

  test("a shared alias 'Kim' does not link two different full names", () => {
    const a = cand("Kim Jong Un", "person", ["a"], { aliases: ["Kim"] });
    const b = cand("Kim Yo-jong", "person", ["b"], { aliases: ["Kim"] });
    const s = scorePair(a, b);
    assert.equal(s.score, 0);
    assert.ok(s.cannotLink);
  });

  test("a person is never merged with an organization; a country never with a location", () => {
    const p = scorePair(cand("Lazarus", "person", ["a"]), cand("Lazarus", "organization", ["a"]));
    assert.equal(p.score, 0);
    assert.ok(p.cannotLink);
    assert.match(p.reasons[0]!, /person and an organization are never merged/);
    const c = scorePair(cand("Pyongyang", "country", ["a"]), cand("Pyongyang", "location", ["a"]));
    assert.equal(c.score, 0);
    assert.match(c.reasons[0]!, /country and a location are never merged/);
  });

  test("countries by name, demonym, code or capital used for the government are one country", () => {
    const cs = ["North Korea", "North Korean", "DPRK", "Pyongyang", "South Korea", "Seoul"].map((n, i) =>
      cand(n, "country", [`d${i}`]),
    );
    const { clusters } = clusterEntities(cs);
    assert.deepEqual(clusters, [
      [0, 1, 2, 3],
      [4, 5],
    ]);
    assert.equal(scorePair(cs[0]!, cs[3]!).reasons[0], "same country: KP");
  });

  test("organization and threat-actor are compatible types, at a small cost", () => {
    const s = scorePair(
      cand("Lazarus Group", "threat-actor", ["a"]),
      cand("Lazarus Group", "organization", ["b"]),
    );
    assert.ok(s.score >= AUTO_MERGE && s.score < 1);
    assert.ok(!s.cannotLink);
  });

  test("acronym: same document merges, other documents suggest, same country merges, other country never", () => {
    const long = (docs: string[], countries: string[] = []) =>
      cand("Reconnaissance General Bureau", "organization", docs, { context: { countries } });
    const short = (docs: string[], countries: string[] = []) =>
      cand("RGB", "organization", docs, { context: { countries } });
    assert.ok(scorePair(short(["a"]), long(["a"])).score >= AUTO_MERGE);
    const across = scorePair(short(["a"]), long(["b"])).score;
    assert.ok(across >= SUGGEST && across < AUTO_MERGE);
    assert.ok(scorePair(short(["a"], ["North Korea"]), long(["b"], ["KP"])).score >= AUTO_MERGE);
    const other = scorePair(short(["a"], ["Ruritania", "RU"]), long(["b"], ["KP"]));
    assert.ok(other.score < SUGGEST);
    assert.ok(other.cannotLink);
  });

  test("context raises a suggestion: shared affiliation, role and co-occurring entities", () => {
    const plain = scorePair(
      cand("J. Fitsanakis", "person", ["a"]),
      cand("Joseph Fitsanakis", "person", ["b"]),
    );
    const rich = scorePair(
      cand("J. Fitsanakis", "person", ["a"], {
        context: {
          affiliations: ["intelNews"],
          roles: ["editor"],
          coEntities: ["Coastal Carolina University"],
        },
      }),
      cand("Joseph Fitsanakis", "person", ["b"], {
        context: {
          affiliations: ["intelNews.org"],
          roles: ["senior editor"],
          coEntities: ["Coastal Carolina University"],
        },
      }),
    );
    assert.ok(rich.score > plain.score);
    assert.ok(rich.reasons.includes("shares affiliation intelNews"));
    assert.ok(rich.reasons.some((r) => r.startsWith("shares role editor")));
    assert.ok(rich.reasons.some((r) => r.startsWith("named with Coastal Carolina University")));
  });

  test("context lowers: the same organization name in two countries is only a suggestion", () => {
    const s = scorePair(
      cand("National Assembly", "organization", ["a"], { context: { countries: ["KR"] } }),
      cand("National Assembly", "organization", ["b"], { context: { countries: ["FR"] } }),
    );
    assert.ok(s.score < AUTO_MERGE && s.score >= SUGGEST);
    assert.ok(s.reasons.some((r) => r.startsWith("linked to different countries")));
  });

  test("one-word person names stay suggestions even with strong context", () => {
    const ctx = { context: { affiliations: ["Intel 471"], roles: ["analyst"], coEntities: ["Travelex"] } };
    const s = scorePair(cand("DeBolt", "person", ["a"], ctx), cand("DeBolt", "person", ["b"], ctx));
    assert.equal(s.relation, "single-name");
    assert.ok(s.score >= SUGGEST && s.score < AUTO_MERGE);
    assert.ok(
      scorePair(cand("Kim", "person", ["a"], ctx), cand("Kim", "person", ["b"], ctx)).score < SUGGEST,
    );
  });

  test("context never creates a match from different names", () => {
    const ctx = { context: { affiliations: ["Bureau 121"], roles: ["hacker"] } };
    const s = scorePair(
      cand("Ri Song-chol", "person", ["a"], ctx),
      cand("Jon Chang-hyok", "person", ["b"], ctx),
    );
    assert.equal(s.score, 0);
  });
});

describe("clusterEntities", () => {
  test("resolves spellings across documents and keeps people who share a surname apart", () => {
    const cs = [
      cand("Park Jin Hyok", "person", ["d1"]), // 0
      cand("Pak Jin-hyok", "person", ["d2"]), // 1
      cand("Bak Jin-hyeok", "person", ["d3"]), // 2
      cand("Park Jin-woo", "person", ["d2"]), // 3: same surname, different person
      cand("Jin-woo Park", "person", ["d4"]), // 4: given name first
      cand("Park", "person", ["d1"]), // 5: bare surname, only one Park in d1
      cand("Park", "person", ["d2"]), // 6: two Parks in d2: ambiguous
    ];
    const { clusters, merges } = clusterEntities(cs);
    assert.equal(clusterOf(clusters, 0), clusterOf(clusters, 1));
    assert.equal(clusterOf(clusters, 0), clusterOf(clusters, 2));
    assert.notEqual(clusterOf(clusters, 0), clusterOf(clusters, 3));
    assert.equal(clusterOf(clusters, 5), clusterOf(clusters, 0), "the only Park of d1");
    assert.deepEqual(clusters[clusterOf(clusters, 6)], [6], "ambiguous bare surname stays alone");
    assert.ok(merges.some((m) => m.reasons.includes("the only fit in a document they share")));
    // Jin-woo Park / Park Jin-woo: the same words in another order is a suggestion, not a merge.
    assert.notEqual(clusterOf(clusters, 3), clusterOf(clusters, 4));
  });

  test("a bad upstream entity cannot bridge two people (the surname check inside clusters)", () => {
    const cs = [
      cand("Kim Heung-kwang", "person", ["d1"]), // 0
      cand("Kim Hung-kwang", "person", ["d2"]), // 1
      cand("Kim Jong Un", "person", ["d2"]), // 2
      // An entity that wrongly carries both names, as a faulty coreference could produce.
      cand("Kim Hung-kwang", "person", ["d3"], { aliases: ["Kim Jong Un"] }), // 3
    ];
    const { clusters, suggestions } = clusterEntities(cs);
    for (const c of clusters)
      assert.ok(!(c.includes(0) && c.includes(2)) && !(c.includes(1) && c.includes(2)));
    assert.equal(clusterOf(clusters, 0), clusterOf(clusters, 1));
    const blocked = suggestions.flatMap((s) => s.reasons).find((r) => r.startsWith("not merged"));
    assert.ok(blocked);
    assert.match(blocked, /would join Kim .* and Kim .*share only the surname kim/);
  });

  test("the same clusters whatever the input order", () => {
    const cs = [
      cand("Kim Heung-kwang", "person", ["d1"]),
      cand("Kim", "person", ["d1"]),
      cand("Kim Hung-kwang", "person", ["d2"]),
      cand("Kim Jong Un", "person", ["d2"]),
      cand("National Intelligence Service", "organization", ["d2"]),
      cand("NIS", "organization", ["d2"]),
    ];
    const names = (list: Candidate[]) =>
      clusterEntities(list)
        .clusters.map((c) =>
          c
            .map((i) => `${list[i]!.name}@${list[i]!.documents[0]}`)
            .sort()
            .join("|"),
        )
        .sort();
    assert.deepEqual(names(cs), names([...cs].reverse()));
  });

  test("organizations: acronyms and descriptions inside a document; one NIS per country", () => {
    const cs = [
      cand("National Intelligence Service", "organization", ["d1"]), // 0
      cand("NIS", "organization", ["d1"]), // 1
      cand("Seoul's spy agency", "organization", ["d1"]), // 2
      cand("South Korea's National Intelligence Service", "organization", ["d2"]), // 3
      cand("NIS", "organization", ["d3"], { context: { countries: ["Indonesia"] } }), // 4
      cand("Voice of America", "organization", ["d1"]), // 5
      cand("VOA", "organization", ["d1"]), // 6
      cand("the attacked company", "organization", ["d1"]), // 7
      cand("South Korean IT company", "organization", ["d1"]), // 8
    ];
    const { clusters } = clusterEntities(cs);
    const nis = clusterOf(clusters, 0);
    assert.equal(clusterOf(clusters, 1), nis);
    assert.equal(clusterOf(clusters, 2), nis, "the spy agency of Seoul is the NIS");
    assert.equal(clusterOf(clusters, 3), nis, "South Korea's NIS in another document");
    assert.notEqual(clusterOf(clusters, 4), nis, "Indonesia's NIS is another organization");
    assert.equal(clusterOf(clusters, 5), clusterOf(clusters, 6));
    assert.equal(clusterOf(clusters, 7), clusterOf(clusters, 8));
    assert.notEqual(clusterOf(clusters, 7), nis);
  });

  test("suggestions carry a score between the thresholds and reasons", () => {
    const cs = [
      cand("Reconnaissance General Bureau", "organization", ["d1"]),
      cand("RGB", "organization", ["d2"]),
      cand("Lee Myung-bak", "person", ["d1"]),
      cand("Yi Myŏng-bak", "person", ["d2"]),
    ];
    const { clusters, suggestions } = clusterEntities(cs);
    assert.equal(clusters.length, 4);
    assert.equal(suggestions.length, 2);
    for (const s of suggestions) {
      assert.ok(s.score >= SUGGEST && s.score < AUTO_MERGE);
      assert.ok(s.reasons.length > 0);
    }
    assert.ok(
      suggestions.some((s) => s.reasons[0] === "RGB is the acronym of Reconnaissance General Bureau"),
    );
  });

  test("thresholds are options: a lower auto-merge threshold merges the suggestions", () => {
    const cs = [
      cand("Reconnaissance General Bureau", "organization", ["d1"]),
      cand("RGB", "organization", ["d2"]),
    ];
    assert.equal(clusterEntities(cs).clusters.length, 2);
    assert.equal(clusterEntities(cs, { autoMerge: 0.75 }).clusters.length, 1);
  });

  test("within-document attachment can be switched off", () => {
    const cs = [cand("Seo Sang-ki", "person", ["d1"]), cand("Seo", "person", ["d1"])];
    assert.equal(clusterEntities(cs).clusters.length, 1);
    assert.equal(clusterEntities(cs, { attachWithinDocument: false }).clusters.length, 2);
  });
});

/**
 * B-cubed precision, recall and F1: by hand on small clusterings, against a small hand-made gold file,
 * and on the seeds' gold (skipped when ../shared is absent), where clusterEntities puts the gold's
 * names back together and deliberate perturbations show that the metric can fail.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  bcubed,
  bcubedAgainstGold,
  bcubedClusters,
  candidatesFromGold,
  entitiesFromClusters,
  type GoldFile,
  type PredictedEntity,
} from "../src/resolve/bcubed.js";
import { clusterEntities } from "../src/resolve/score.js";

const SHARED = fileURLToPath(new URL("../../shared", import.meta.url));
const SEEDS_GOLD = `${SHARED}/gold/seeds.json`;
const skipSeeds = existsSync(SEEDS_GOLD)
  ? false
  : `seeds gold not found at ${SEEDS_GOLD} (../shared is absent)`;

const close = (a: number, b: number) => Math.abs(a - b) < 1e-9;

describe("B-cubed on plain clusterings", () => {
  const gold = [
    ["a1", "a2", "a3"],
    ["b1", "b2"],
  ];

  test("identical clusterings score 1", () => {
    const s = bcubedClusters(gold, gold);
    assert.deepEqual([s.precision, s.recall, s.f1, s.items], [1, 1, 1, 5]);
  });

  test("a mixed clustering, worked by hand", () => {
    // a1,a2: P 1, R 2/3; a3: P 1/3, R 1/3; b1,b2: P 2/3, R 1.
    const s = bcubedClusters(
      [
        ["a1", "a2"],
        ["a3", "b1", "b2"],
      ],
      gold,
    );
    assert.ok(close(s.precision, (1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5));
    assert.ok(close(s.recall, (2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5));
  });

  test("all singletons: precision 1, recall low; one cluster: recall 1, precision low", () => {
    const single = bcubedClusters([["a1"], ["a2"], ["a3"], ["b1"], ["b2"]], gold);
    assert.equal(single.precision, 1);
    assert.ok(close(single.recall, 2 / 5));
    const one = bcubedClusters([["a1", "a2", "a3", "b1", "b2"]], gold);
    assert.equal(one.recall, 1);
    assert.ok(close(one.precision, (3 * 0.6 + 2 * 0.4) / 5));
  });

  test("items missing from the prediction are singletons there", () => {
    const s = bcubed(new Map([["a1", 1]]), new Map(gold.flatMap((c, i) => c.map((x) => [x, i] as const))));
    assert.equal(s.precision, 1);
    assert.ok(s.recall < 1);
  });
});

describe("B-cubed against a gold file", () => {
  const gold: GoldFile = {
    documents: [{ file: "d1" }, { file: "d2" }],
    entities: [
      {
        key: "khk",
        name: "Kim Heung-Kwang",
        type: "person",
        aliases: ["Kim Hung-kwang"],
        documents: ["d1", "d2"],
      },
      { key: "kju", name: "Kim Jong Un", type: "person", aliases: [], documents: ["d2"] },
      {
        key: "nis",
        name: "National Intelligence Service",
        type: "organization",
        aliases: ["NIS"],
        documents: ["d2"],
      },
      { key: "nk", name: "North Korea", type: "country", aliases: [], documents: ["d1", "d2"] },
    ],
  };
  const e = (
    name: string,
    documents: string[],
    aliases: string[] = [],
    type = "person",
  ): PredictedEntity => ({
    name,
    aliases,
    documents,
    type,
  });

  test("a perfect prediction scores 1; lenient matching ignores case and punctuation", () => {
    const s = bcubedAgainstGold(
      [
        e("kim heung kwang", ["d1", "d2"]),
        e("Kim Jong-Un", ["d2"]),
        e("national intelligence service.", ["d2"], [], "organization"),
      ],
      gold,
    );
    assert.deepEqual([s.precision, s.recall, s.f1, s.missingGold], [1, 1, 1, 0]);
  });

  test("splitting a person across documents lowers recall, not precision", () => {
    const s = bcubedAgainstGold(
      [
        e("Kim Heung-Kwang", ["d1"]),
        e("Kim Hung-kwang", ["d2"]),
        e("Kim Jong Un", ["d2"]),
        e("NIS", ["d2"], [], "organization"),
      ],
      gold,
    );
    assert.equal(s.precision, 1);
    assert.ok(s.recall < 1);
  });

  test("merging two people lowers precision", () => {
    const s = bcubedAgainstGold(
      [e("Kim Heung-Kwang", ["d1", "d2"], ["Kim Jong Un"]), e("NIS", ["d2"], [], "organization")],
      gold,
    );
    assert.ok(s.precision < 1);
    assert.equal(s.multiMatched, 1);
  });

  test("a gold entity found in only one of its documents lowers recall; unmatched predictions and other types are not judged", () => {
    const s = bcubedAgainstGold(
      [
        e("Kim Heung-Kwang", ["d1"]),
        e("Kim Jong Un", ["d2"]),
        e("NIS", ["d2"], [], "organization"),
        e("Someone Else", ["d1"]),
        e("North Korea", ["d1"], [], "country"),
      ],
      gold,
    );
    assert.equal(s.unmatchedPredicted, 1);
    assert.equal(s.missingGold, 1);
    assert.equal(s.precision, 1);
    assert.ok(close(s.recall, (0.5 + 0.5 + 1 + 1) / 4));
  });

  test("a single-document entity left out entirely does not change B3 (detection is scored elsewhere)", () => {
    const s = bcubedAgainstGold([e("Kim Heung-Kwang", ["d1", "d2"])], gold);
    assert.equal(s.missingGold, 2);
    assert.deepEqual([s.precision, s.recall], [1, 1]);
  });
});

describe("clusterEntities on the seeds' gold names", { skip: skipSeeds }, () => {
  const load = (): GoldFile => JSON.parse(readFileSync(SEEDS_GOLD, "utf8"));

  test("names and aliases per document go back together; people sharing a surname stay apart", (t) => {
    const gold = load();
    const cands = candidatesFromGold(gold);
    const { clusters } = clusterEntities(cands);
    const where = (name: string, doc: string) =>
      clusters.findIndex((c) =>
        c.some((i) => cands[i]!.name === name && cands[i]!.documents[0]!.startsWith(doc)),
      );
    assert.equal(where("Kim Heung-Kwang", "000"), where("Kim Hung-kwang", "002"));
    assert.notEqual(where("Kim Jong Un", "002"), where("Kim Hung-kwang", "002"));
    assert.notEqual(where("Youmi Kim", "002"), where("Kim Hung-kwang", "002"));
    assert.notEqual(where("Youmi Kim", "002"), where("Kim Jong Un", "002"));
    const s = bcubedAgainstGold(entitiesFromClusters(cands, clusters), gold);
    t.diagnostic(
      `seeds B3 P=${s.precision.toFixed(3)} R=${s.recall.toFixed(3)} F1=${s.f1.toFixed(3)} items=${s.items}`,
    );
    assert.equal(s.precision, 1);
    // The bare "Kim" of 002 (three Kims there) and the company named only "S" need coreference.
    assert.ok(s.f1 >= 0.9, `F1 ${s.f1}`);
  });

  test("perturbed clusterings score lower: the metric can fail", () => {
    const gold = load();
    const cands = candidatesFromGold(gold);
    const { clusters } = clusterEntities(cands);
    const base = bcubedAgainstGold(entitiesFromClusters(cands, clusters), gold);
    // The true clustering of the same candidates (by gold key) scores 1: the items are fair.
    const keyOf = (i: number) =>
      gold.entities.find(
        (g) =>
          g.type === cands[i]!.type &&
          g.documents.includes(cands[i]!.documents[0]!) &&
          [g.name, ...g.aliases].includes(cands[i]!.name),
      )!.key;
    const byKey = new Map<string, number[]>();
    for (let i = 0; i < cands.length; i++) byKey.set(keyOf(i), [...(byKey.get(keyOf(i)) ?? []), i]);
    const truth = bcubedAgainstGold(entitiesFromClusters(cands, [...byKey.values()]), gold);
    assert.deepEqual([truth.precision, truth.recall, truth.f1], [1, 1, 1]);
    const find = (name: string) => clusters.findIndex((c) => c.some((i) => cands[i]!.name === name));
    // Merge Kim Jong Un into Kim Heung-Kwang.
    const a = find("Kim Heung-Kwang");
    const b = find("Kim Jong Un");
    const merged = clusters.filter((_, i) => i !== a && i !== b).concat([[...clusters[a]!, ...clusters[b]!]]);
    const overMerged = bcubedAgainstGold(entitiesFromClusters(cands, merged), gold);
    assert.ok(overMerged.precision < base.precision);
    assert.ok(overMerged.f1 < base.f1);
    // Split every cluster by document.
    const split = clusters.flatMap((c) => {
      const byDoc = new Map<string, number[]>();
      for (const i of c)
        byDoc.set(cands[i]!.documents[0]!, [...(byDoc.get(cands[i]!.documents[0]!) ?? []), i]);
      return [...byDoc.values()];
    });
    const underMerged = bcubedAgainstGold(entitiesFromClusters(cands, split), gold);
    assert.ok(underMerged.recall < base.recall);
    assert.ok(underMerged.f1 < base.f1);
  });
});

/**
 * Near-duplicate grouping through the signatures' own minima (not every pair) must give exactly the
 * groups of comparing every pair, and stored MinHashes must group like the texts they came from.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  decodeMinhash,
  encodeMinhash,
  type MinHash,
  minhash,
  nearDuplicateGroups,
  sameStory,
} from "../src/crosscheck/minhash.js";

/** Deterministic PRNG for the corpus below. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x9e3779b9) >>> 0;
    let t = Math.imul(a ^ (a >>> 16), 0x21f0aaad);
    t = Math.imul(t ^ (t >>> 15), 0x735a2d97);
    return ((t ^ (t >>> 15)) >>> 0) / 2 ** 32;
  };
}

const VOCAB = [
  ..."the agency said group hackers network bureau officials report attack servers city data".split(" "),
  ..."money banks espionage unit defector intelligence ministry campaign malware operators".split(" "),
];

/** Documents made of paragraphs drawn from a small shared pool, some copied with edits. */
function corpus(n: number, seed: number): { id: string; text: string }[] {
  const rand = rng(seed);
  const paragraph = () =>
    Array.from({ length: 12 + Math.floor(rand() * 20) }, () => VOCAB[Math.floor(rand() * VOCAB.length)]).join(
      " ",
    );
  const pool = Array.from({ length: 40 }, paragraph);
  const docs: { id: string; text: string }[] = [];
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (i > 0 && r < 0.15) {
      // A verbatim copy of an earlier document.
      docs.push({ id: `d${i}`, text: docs[Math.floor(rand() * i)]!.text });
    } else if (i > 0 && r < 0.35) {
      // A republished copy: an earlier text with one paragraph dropped and a new one added.
      const parts = docs[Math.floor(rand() * i)]!.text.split("\n\n");
      parts.splice(Math.floor(rand() * parts.length), 1);
      parts.push(paragraph());
      docs.push({ id: `d${i}`, text: parts.join("\n\n") });
    } else if (r < 0.4) {
      docs.push({ id: `d${i}`, text: r < 0.38 ? "" : "— ! —" });
    } else {
      const k = 2 + Math.floor(rand() * 6);
      docs.push({
        id: `d${i}`,
        text: Array.from({ length: k }, () => pool[Math.floor(rand() * pool.length)]).join("\n\n"),
      });
    }
  }
  return docs;
}

/** The reference: every pair compared, linked transitively, in the documented order. */
function pairwiseGroups(docs: { id: string; text: string }[]): string[][] {
  const hashes: (MinHash | null)[] = docs.map((d) => {
    const m = minhash(d.text);
    return m.size > 0 && /[\p{L}\p{N}]/u.test(d.text) ? m : null;
  });
  const parent = docs.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : find(parent[i]!));
  for (let i = 0; i < docs.length; i++)
    for (let j = i + 1; j < docs.length; j++) {
      const a = hashes[i];
      const b = hashes[j];
      if (a && b && sameStory(a, b)) {
        const [x, y] = [find(i), find(j)];
        if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
      }
    }
  const groups = new Map<number, string[]>();
  for (const [i, d] of docs.entries()) groups.set(find(i), [...(groups.get(find(i)) ?? []), d.id]);
  return [...groups.values()].filter((g) => g.length > 1);
}

describe("near-duplicate grouping", () => {
  for (const seed of [1, 2, 3]) {
    it(`gives the groups of the pairwise comparison (corpus seed ${seed})`, () => {
      const docs = corpus(300, seed);
      const expected = pairwiseGroups(docs);
      assert.ok(expected.length > 10, "the corpus has near-duplicates to find");
      assert.ok(
        expected.some((g) => g.length > 2),
        "and groups of more than two",
      );
      assert.deepEqual(nearDuplicateGroups(docs), expected);
    });
  }

  it("groups stored MinHashes as it groups their texts, and never groups an empty text", () => {
    const docs = corpus(200, 7);
    const stored = docs.map((d) => {
      const m = minhash(d.text);
      const hasWords = /[\p{L}\p{N}]/u.test(d.text);
      if (!hasWords) return { id: d.id, minhash: null };
      const e = encodeMinhash(m);
      return { id: d.id, minhash: decodeMinhash(e.shingles, e.minhash) };
    });
    const fromText = nearDuplicateGroups(docs);
    assert.deepEqual(nearDuplicateGroups(stored), fromText);
    const empty = new Set(docs.filter((d) => !/[\p{L}\p{N}]/u.test(d.text)).map((d) => d.id));
    assert.ok(empty.size > 0);
    for (const g of fromText) for (const id of g) assert.ok(!empty.has(id), `${id} is empty and grouped`);
  });

  it("round-trips a MinHash through its stored form and rejects a truncated one", () => {
    const m = minhash("Bureau 121 operates from Shenyang in northeast China, defectors say.");
    const e = encodeMinhash(m);
    const back = decodeMinhash(e.shingles, e.minhash);
    assert.equal(back.size, m.size);
    assert.deepEqual([...back.sig], [...m.sig]);
    assert.throws(() => decodeMinhash(3, e.minhash.slice(0, 40)), /bytes, not 512/);
  });
});

/**
 * Word classes induced from unlabeled text, for the NER's cluster features.
 *
 * Hand-written: Brown clustering is slow to run here, so this is a cheaper distributional stand-in
 * that gives the same kind of output, a binary path per word whose prefixes are coarser classes.
 * Each frequent word gets a vector of its left and right neighbours (square-rooted counts over
 * the most frequent context words, sketched into `dims` dimensions with seeded random signs,
 * L2-normalized); words are then split top-down along the principal direction of each group
 * (principal direction divisive partitioning), one bit per split. Deterministic for a given seed.
 */
import { hashString, mix } from "./hash.js";

export interface ClusterOptions {
  minCount: number;
  maxWords: number;
  contextWords: number;
  dims: number;
  depth: number;
  seed: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  minCount: 3,
  maxWords: 60_000,
  contextWords: 1500,
  dims: 64,
  depth: 16,
  seed: 1,
};

/** Induces a binary path for each frequent lower-cased word of `sentences`. */
export function induceClusters(
  sentences: Iterable<string[]>,
  opts: ClusterOptions = DEFAULT_CLUSTER_OPTIONS,
): Map<string, string> {
  const sents: string[][] = [];
  const freq = new Map<string, number>();
  for (const s of sentences) {
    const lower = s.map((w) => w.toLowerCase());
    sents.push(lower);
    for (const w of lower) freq.set(w, (freq.get(w) ?? 0) + 1);
  }
  const byFreq = [...freq].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const vocab = byFreq.filter(([, c]) => c >= opts.minCount).slice(0, opts.maxWords);
  const wordId = new Map(vocab.map(([w], i) => [w, i]));
  const ctxId = new Map(byFreq.slice(0, opts.contextWords).map(([w], i) => [w, i]));
  const nc = opts.contextWords + 1; // + sentence boundary
  const V = vocab.length;
  // Sparse context counts: word -> (context slot -> count); left slots [0, nc), right [nc, 2nc).
  const counts: Map<number, number>[] = Array.from({ length: V }, () => new Map());
  for (const s of sents) {
    for (let i = 0; i < s.length; i++) {
      const id = wordId.get(s[i]!);
      if (id === undefined) continue;
      const l = i > 0 ? ctxId.get(s[i - 1]!) : opts.contextWords;
      const r = i + 1 < s.length ? ctxId.get(s[i + 1]!) : opts.contextWords;
      const m = counts[id]!;
      if (l !== undefined) m.set(l, (m.get(l) ?? 0) + 1);
      if (r !== undefined) m.set(nc + r, (m.get(nc + r) ?? 0) + 1);
    }
  }
  const D = opts.dims;
  const X = new Float64Array(V * D);
  const seedH = hashString(`clusters:${opts.seed}`);
  for (let w = 0; w < V; w++) {
    const row = w * D;
    for (const [c, n] of counts[w]!) {
      const v = Math.sqrt(n);
      for (let d = 0; d < D; d++) {
        const sign = mix(mix(seedH, c), d) & 1 ? 1 : -1;
        X[row + d]! += sign * v;
      }
    }
    let norm = 0;
    for (let d = 0; d < D; d++) norm += X[row + d]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < D; d++) X[row + d]! /= norm;
  }
  const paths: string[] = new Array(V).fill("");
  const split = (members: number[], depth: number) => {
    if (members.length < 2 || depth >= opts.depth) return;
    const mean = new Float64Array(D);
    for (const w of members) for (let d = 0; d < D; d++) mean[d]! += X[w * D + d]!;
    for (let d = 0; d < D; d++) mean[d]! /= members.length;
    // Power iteration for the principal direction of the centered group.
    let v = new Float64Array(D);
    for (let d = 0; d < D; d++) v[d] = (mix(seedH + depth, d) & 0xffff) / 0xffff - 0.5;
    for (let it = 0; it < 12; it++) {
      const next = new Float64Array(D);
      for (const w of members) {
        let p = 0;
        for (let d = 0; d < D; d++) p += (X[w * D + d]! - mean[d]!) * v[d]!;
        for (let d = 0; d < D; d++) next[d]! += p * (X[w * D + d]! - mean[d]!);
      }
      let norm = 0;
      for (let d = 0; d < D; d++) norm += next[d]! ** 2;
      norm = Math.sqrt(norm);
      if (norm === 0) return;
      for (let d = 0; d < D; d++) next[d]! /= norm;
      v = next;
    }
    const left: number[] = [];
    const right: number[] = [];
    for (const w of members) {
      let p = 0;
      for (let d = 0; d < D; d++) p += (X[w * D + d]! - mean[d]!) * v[d]!;
      if (p < 0) {
        left.push(w);
        paths[w] += "0";
      } else {
        right.push(w);
        paths[w] += "1";
      }
    }
    if (left.length === 0 || right.length === 0) return;
    split(left, depth + 1);
    split(right, depth + 1);
  };
  split(
    Array.from({ length: V }, (_, i) => i),
    0,
  );
  return new Map(vocab.map(([w], i) => [w, paths[i]!]));
}

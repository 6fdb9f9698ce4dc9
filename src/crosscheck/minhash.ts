/**
 * Near-duplicate documents (syndicated copies under another headline) by MinHash over word 5-shingles.
 *
 * Hand-written: a MinHash is a few dozen lines, needs no dependency, and this one must be seeded and
 * deterministic so that the same corpus always yields the same groups (no library offered that with
 * a stable hash family). Each of the 128 hash functions is a 32-bit finaliser (murmur3 fmix32) over
 * the shingle's FNV-1a hash XOR a per-function seed from a fixed PRNG; the share of equal minima
 * estimates the Jaccard similarity of the two shingle sets.
 *
 * Two texts tell the same story when the estimated Jaccard is >= 0.6, or when the estimated
 * containment (shared shingles over the smaller set, derived from the Jaccard estimate and the set
 * sizes) is >= 0.6 and the texts are within 2:1 in size. The containment arm is needed because a
 * republished copy adds its own header and boilerplate and drops a paragraph: the example pair
 * (examples/reports/05 and 06) has an exact Jaccard of 0.55 but a containment of 0.73, while
 * unrelated reports stay below 0.05 on both.
 */

export const NUM_HASHES = 128;
export const SHINGLE = 5;
export const SAME_STORY = 0.6;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const SEEDS: number[] = (() => {
  const next = mulberry32(0x5eed_d055);
  return Array.from({ length: NUM_HASHES }, () => next());
})();

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Lower-cased words of a text, markup tags left out. */
export function words(text: string): string[] {
  return (
    text
      .replace(/<[^>]*>/g, " ")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? []
  );
}

/** The distinct word 5-shingles of a text (the whole text as one shingle when it is shorter). */
export function shingles(text: string, size = SHINGLE): Set<string> {
  const w = words(text);
  const out = new Set<string>();
  if (w.length === 0) return out;
  if (w.length < size) {
    out.add(w.join(" "));
    return out;
  }
  for (let i = 0; i + size <= w.length; i++) out.add(w.slice(i, i + size).join(" "));
  return out;
}

/** The MinHash signature of a text: for each seeded hash function, the least hash over its shingles. */
export function signature(text: string): Uint32Array {
  const sig = new Uint32Array(NUM_HASHES).fill(0xffffffff);
  for (const sh of shingles(text)) {
    const base = fnv1a(sh);
    for (let i = 0; i < NUM_HASHES; i++) {
      const h = fmix32(base ^ SEEDS[i]!);
      if (h < sig[i]!) sig[i] = h;
    }
  }
  return sig;
}

export interface MinHash {
  sig: Uint32Array;
  size: number;
}

export function minhash(text: string): MinHash {
  return { sig: signature(text), size: shingles(text).size };
}

/** Estimated containment of the smaller shingle set in the larger: |A∩B| / min(|A|,|B|). */
export function containment(a: MinHash, b: MinHash): number {
  const j = similarity(a.sig, b.sig);
  const inter = (j * (a.size + b.size)) / (1 + j);
  return Math.min(1, inter / Math.max(1, Math.min(a.size, b.size)));
}

/** Whether two texts tell the same story (see the header). */
export function sameStory(a: MinHash, b: MinHash, threshold = SAME_STORY): boolean {
  if (a.size === 0 || b.size === 0) return false;
  if (similarity(a.sig, b.sig) >= threshold) return true;
  const ratio = Math.min(a.size, b.size) / Math.max(a.size, b.size);
  return ratio >= 0.5 && containment(a, b) >= threshold;
}

/** Estimated Jaccard similarity of the shingle sets behind two signatures. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < NUM_HASHES; i++) if (a[i] === b[i]) same++;
  return same / NUM_HASHES;
}

/**
 * Groups of documents that tell the same story (`sameStory`, linked
 * transitively). Only groups of two or more are returned, each in input order, groups ordered by
 * their first member. Empty texts are never grouped.
 */
export function nearDuplicateGroups(
  docs: { id: string; text: string }[],
  threshold = SAME_STORY,
): string[][] {
  const sigs = docs.map((d) => (words(d.text).length > 0 ? minhash(d.text) : null));
  const parent = docs.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (let i = 0; i < docs.length; i++) {
    const si = sigs[i];
    if (!si) continue;
    for (let j = i + 1; j < docs.length; j++) {
      const sj = sigs[j];
      if (!sj) continue;
      if (sameStory(si, sj, threshold)) {
        const a = find(i);
        const b = find(j);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  }
  const groups = new Map<number, string[]>();
  docs.forEach((d, i) => {
    const r = find(i);
    const g = groups.get(r) ?? [];
    g.push(d.id);
    groups.set(r, g);
  });
  return [...groups.values()].filter((g) => g.length > 1);
}

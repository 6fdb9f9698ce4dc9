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
  return signatureOf(shingles(text));
}

function signatureOf(shingleSet: Set<string>): Uint32Array {
  const sig = new Uint32Array(NUM_HASHES).fill(0xffffffff);
  for (const sh of shingleSet) {
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
  const shingleSet = shingles(text);
  return { sig: signatureOf(shingleSet), size: shingleSet.size };
}

/** Estimated containment of the smaller shingle set in the larger: |A∩B| / min(|A|,|B|). */
export function containment(a: MinHash, b: MinHash): number {
  return containmentOf(similarity(a.sig, b.sig), a.size, b.size);
}

function containmentOf(j: number, sizeA: number, sizeB: number): number {
  const inter = (j * (sizeA + sizeB)) / (1 + j);
  return Math.min(1, inter / Math.max(1, Math.min(sizeA, sizeB)));
}

/** Whether two texts tell the same story (see the header). */
export function sameStory(a: MinHash, b: MinHash, threshold = SAME_STORY): boolean {
  return sameStoryAt(similarity(a.sig, b.sig), a.size, b.size, threshold);
}

/** `sameStory` from the estimated Jaccard `j` and the two shingle-set sizes. */
function sameStoryAt(j: number, sizeA: number, sizeB: number, threshold: number): boolean {
  if (sizeA === 0 || sizeB === 0) return false;
  if (j >= threshold) return true;
  const ratio = Math.min(sizeA, sizeB) / Math.max(sizeA, sizeB);
  return ratio >= 0.5 && containmentOf(j, sizeA, sizeB) >= threshold;
}

/** Estimated Jaccard similarity of the shingle sets behind two signatures. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  return sameMinima(a, b) / NUM_HASHES;
}

function sameMinima(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < NUM_HASHES; i++) if (a[i] === b[i]) same++;
  return same;
}

/** A MinHash as stored with its document (migration 0006): the signature's bytes in base64. */
export function encodeMinhash(m: MinHash): { shingles: number; minhash: string } {
  return {
    shingles: m.size,
    minhash: Buffer.from(m.sig.buffer, m.sig.byteOffset, m.sig.byteLength).toString("base64"),
  };
}

/** What is stored for a text: its encoded MinHash, or none (null) when it has no words. */
export function storedMinhash(text: string): { shingles: number; minhash: string | null } {
  return words(text).length > 0 ? encodeMinhash(minhash(text)) : { shingles: 0, minhash: null };
}

export function decodeMinhash(shingleCount: number, encoded: string): MinHash {
  const bytes = Buffer.from(encoded, "base64");
  if (bytes.length !== NUM_HASHES * 4)
    throw new Error(`a stored MinHash has ${bytes.length} bytes, not ${NUM_HASHES * 4}`);
  const sig = new Uint32Array(NUM_HASHES);
  for (let i = 0; i < NUM_HASHES; i++) sig[i] = bytes.readUInt32LE(i * 4);
  return { sig, size: shingleCount };
}

/** A document to group: its text, or its MinHash computed before (null: a text without words). */
export interface GroupableDoc {
  id: string;
  text?: string;
  minhash?: MinHash | null;
}

function minhashOf(d: GroupableDoc): MinHash | null {
  if (d.minhash !== undefined) return d.minhash && d.minhash.size > 0 ? d.minhash : null;
  const text = d.text ?? "";
  return words(text).length > 0 ? minhash(text) : null;
}

/**
 * Groups of documents that tell the same story (`sameStory`, linked transitively). Only groups of two
 * or more are returned, each in input order, groups ordered by their first member. Empty texts are
 * never grouped.
 *
 * Comparing every pair is quadratic (5 billion pairs at 100k documents), so pairs are found through
 * the signatures themselves: for each of the 128 hash functions, documents sorted by their minimum
 * fall into runs that share it, and walking the later members of a document's runs counts, for
 * every later document, how many minima the two share. A pair that
 * shares none has an estimated Jaccard of 0 and can pass neither test of `sameStory`, so every pair
 * that could is counted exactly and tested from its count: the groups are those of the pairwise
 * comparison (test/crosscheck-core). Documents with identical signatures and sizes (verbatim copies)
 * are folded into one first, so a wire story copied a thousand times costs one run member, not a
 * million pairs. The cost is the number of shared minima over all pairs: small for real reporting,
 * large for the bench's documents recombined from 1,937 paragraphs (17 s at 100k here).
 */
export function nearDuplicateGroups(docs: GroupableDoc[], threshold = SAME_STORY): string[][] {
  const parent = docs.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (i: number, j: number) => {
    const a = find(i);
    const b = find(j);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  };

  // Verbatim copies first: one representative per distinct (signature, size).
  const reps: number[] = [];
  const hashes: MinHash[] = [];
  const firstOf = new Map<string, number>();
  docs.forEach((d, i) => {
    const m = minhashOf(d);
    if (!m) return;
    const key = `${m.size}:${encodeMinhash(m).minhash}`;
    const first = firstOf.get(key);
    if (first !== undefined) {
      union(first, i);
      return;
    }
    firstOf.set(key, i);
    reps.push(i);
    hashes.push(m);
  });

  const n = reps.length;
  if (n > 2 ** 21) throw new Error(`near-duplicate grouping takes up to 2^21 distinct documents, not ${n}`);
  // For each hash p, the runs of two or more representatives that share a minimum, stored one after
  // the other in runs[p] (members in input order, each run closed by -1); at[p * n + k] is where k
  // sits in runs[p], or -1 when no other representative has its minimum. Contiguous runs are read
  // sequentially: following a linked chain instead cost a cache miss per step (119 s against 17 s
  // for the bench's 100k documents recombined from shared paragraphs, measured with the same groups).
  const at = new Int32Array(NUM_HASHES * n).fill(-1);
  const runs: Int32Array[] = [];
  const keys = new Float64Array(n);
  for (let p = 0; p < NUM_HASHES; p++) {
    // value * n + k is exact in a double for n up to 2^21 and sorts by value, then input order.
    for (let k = 0; k < n; k++) keys[k] = hashes[k]!.sig[p]! * n + k;
    keys.sort();
    let size = 0;
    for (let r = 0; r < n; ) {
      const v = Math.floor(keys[r]! / n);
      let e = r + 1;
      while (e < n && Math.floor(keys[e]! / n) === v) e++;
      if (e - r > 1) size += e - r + 1;
      r = e;
    }
    const run = new Int32Array(size);
    let w = 0;
    for (let r = 0; r < n; ) {
      const v = Math.floor(keys[r]! / n);
      let e = r + 1;
      while (e < n && Math.floor(keys[e]! / n) === v) e++;
      if (e - r > 1) {
        for (let x = r; x < e; x++) {
          const k = keys[x]! % n;
          at[p * n + k] = w;
          run[w++] = k;
        }
        run[w++] = -1;
      }
      r = e;
    }
    runs.push(run);
  }
  const shared = new Int32Array(n);
  const touched: number[] = [];
  for (let k = 0; k < n; k++) {
    for (let p = 0; p < NUM_HASHES; p++) {
      const from = at[p * n + k]!;
      if (from < 0) continue;
      const run = runs[p]!;
      for (let x = from + 1; ; x++) {
        const j = run[x]!;
        if (j < 0) break;
        const count = shared[j]!;
        shared[j] = count + 1;
        if (count === 0) touched.push(j);
      }
    }
    for (const j of touched) {
      if (sameStoryAt(shared[j]! / NUM_HASHES, hashes[k]!.size, hashes[j]!.size, threshold))
        union(reps[k]!, reps[j]!);
      shared[j] = 0;
    }
    touched.length = 0;
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

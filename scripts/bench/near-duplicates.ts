/**
 * Times near-duplicate grouping (src/crosscheck/minhash.ts) on N documents generated as the ingest
 * benchmark generates them (paragraphs recombined with a seeded PRNG): first the MinHashes, which
 * ingest computes once per document, then the grouping, which the first cross-check after a change
 * of the store runs over every document.
 *
 *   node --import tsx scripts/bench/near-duplicates.ts [N=10000]
 */
import { minhash, nearDuplicateGroups } from "../../src/crosscheck/minhash.js";
import { composeDocument, loadCorpora, paragraphPool, prng } from "./corpus.js";

const n = Number(process.argv[2] ?? 10000);
if (!Number.isInteger(n) || n < 1) throw new Error(`N must be a positive integer, not "${process.argv[2]}"`);
const pool = paragraphPool(loadCorpora());
const rand = prng(1);
let t = performance.now();
const docs = Array.from({ length: n }, (_, i) => ({
  id: `d${i}`,
  minhash: minhash(composeDocument(pool, rand, i)),
}));
const hashing = (performance.now() - t) / 1000;
t = performance.now();
const groups = nearDuplicateGroups(docs);
const grouping = (performance.now() - t) / 1000;
const rss = process.memoryUsage().rss / 2 ** 20;
console.log(
  `${n} documents from ${pool.length} paragraphs: MinHashes ${hashing.toFixed(1)} s ` +
    `(${((hashing * 1000) / n).toFixed(2)} ms each), grouping ${grouping.toFixed(2)} s, ` +
    `${groups.length} groups, RSS ${rss.toFixed(0)} MiB`,
);

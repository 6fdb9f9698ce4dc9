/**
 * The piscina worker of the extraction benchmark: prepares the corpus once per thread, then runs a
 * workload over the document indices it is given and reports its busy time.
 */
import { type Prepared, prepareExtractionCorpus, runWorkload, type Workload, warm } from "./extract.js";

let prepared: Prepared | null = null;

export default function task(input: { workload: Workload; indices: number[] }): {
  found: number;
  ms: number;
} {
  prepared ??= prepareExtractionCorpus();
  warm(input.workload);
  const t0 = performance.now();
  const found = runWorkload(input.workload, prepared, input.indices);
  return { found, ms: performance.now() - t0 };
}

/**
 * An analysis worker thread (see pool.ts): loads the pipeline's models once, says it is ready, then
 * answers each { id, source, bytes, opts } with { id, result } where result is prepareDocument's.
 */
import { parentPort } from "node:worker_threads";
import { loadStages } from "../pipeline/stages.js";
import { type PrepareOptions, prepareDocument } from "./prepare.js";

export interface WorkerRequest {
  id: number;
  source: string;
  bytes: Uint8Array;
  opts: PrepareOptions;
}

const port = parentPort;
if (!port) throw new Error("src/ingest/worker.ts runs in a worker thread");
const stages = loadStages();
port.on("message", (req: WorkerRequest) => {
  port.postMessage({ id: req.id, result: prepareDocument(req.source, req.bytes, req.opts, stages) });
});
port.postMessage({ ready: true });

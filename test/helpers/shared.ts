/** Where ../shared is (the seeds, gold files and public data), and a skip reason when it is absent. */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const SHARED = fileURLToPath(new URL("../../../shared", import.meta.url));
export const HAS_SHARED = existsSync(`${SHARED}/seeds`);
export const SKIP_SHARED = HAS_SHARED ? false : `../shared is absent (looked in ${SHARED}): skipping`;
export const SEED_000 = `${SHARED}/seeds/000_ac786c2e87323fc7.txt`;
export const SEED_002 = `${SHARED}/seeds/002_0c3864d68d1d3c41.txt`;

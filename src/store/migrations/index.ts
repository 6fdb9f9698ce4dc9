/**
 * Versioned migrations, listed in code rather than read from a folder so that they work the same from
 * source (tsx) and from the compiled dist/. Append new ones; never edit one that has shipped.
 */
import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001_initial.js";
import * as m0002 from "./0002_claims_resolution.js";
import * as m0004 from "./0004_crosscheck.js";
import * as m0005 from "./0005_read_indexes.js";
import * as m0006 from "./0006_document_minhashes.js";

const MIGRATIONS: Record<string, Migration> = {
  "0001_initial": m0001,
  "0002_claims_resolution": m0002,
  "0003_api_tokens": await import("./0003_api_tokens.js"),
  "0004_crosscheck": m0004,
  "0005_read_indexes": m0005,
  "0006_document_minhashes": m0006,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};

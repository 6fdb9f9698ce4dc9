/**
 * The `dossier` command line: a thin layer over the pipeline and the repository. Every subcommand has
 * --help; data output takes --json (JSON Lines); the store is chosen with --db or DOSSIER_DB.
 */
import { Command, CommanderError } from "commander";
import { KnowledgeFormatError } from "../kb/index.js";
import { InputError } from "../normalize/decode.js";
import { StoreError } from "../store/connect.js";
import { CrosscheckError } from "../store/crosscheck.js";
import { MergeError } from "../store/merges.js";
import { registerClaims } from "./commands/claims.js";
import { registerCrosscheck } from "./commands/crosscheck.js";
import { registerDemo } from "./commands/demo.js";
import { registerDocuments } from "./commands/documents.js";
import { registerEntities } from "./commands/entities.js";
import { registerEntity } from "./commands/entity.js";
import { registerExport } from "./commands/export.js";
import { registerIngest } from "./commands/ingest.js";
import { registerKb } from "./commands/kb.js";
import { registerMentions } from "./commands/mentions.js";
import { registerMerges } from "./commands/merges.js";
import { registerSearch } from "./commands/search.js";
import { registerServe } from "./commands/serve.js";
import { registerShow } from "./commands/show.js";
import { registerToken } from "./commands/token.js";
import { CliError } from "./context.js";

export function buildProgram(): Command {
  const program = new Command("dossier")
    .description("Sourced, cross-checked intelligence from open-source reporting on state cyber operations.")
    .version("0.1.0")
    .option("--db <file>", "SQLite database file (or postgres:// URL); default $DOSSIER_DB or ./dossier.db")
    .option("--json", "print data as JSON Lines")
    .showHelpAfterError()
    .exitOverride();
  for (const register of [
    registerIngest,
    registerDocuments,
    registerShow,
    registerSearch,
    registerEntities,
    registerEntity,
    registerMentions,
    registerClaims,
    registerCrosscheck,
    registerMerges,
    registerKb,
    registerExport,
    registerDemo,
    registerServe,
    registerToken,
  ]) {
    register(program);
  }
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

export async function main(argv = process.argv): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    if (
      err instanceof CliError ||
      err instanceof InputError ||
      err instanceof StoreError ||
      err instanceof MergeError ||
      err instanceof CrosscheckError ||
      err instanceof KnowledgeFormatError
    ) {
      process.stderr.write(`dossier: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw err;
  }
}

/** What every command shares: the global options and an opened repository. */
import type { Command } from "commander";
import { openDb } from "../store/connect.js";
import { Repository } from "../store/repository.js";

export interface GlobalOptions {
  db: string;
  json: boolean;
}

export function globals(cmd: Command): GlobalOptions {
  const o = cmd.optsWithGlobals<{ db?: string; json?: boolean }>();
  return { db: o.db ?? process.env.DOSSIER_DB ?? "./dossier.db", json: Boolean(o.json) };
}

export async function withRepo<T>(
  cmd: Command,
  fn: (repo: Repository, g: GlobalOptions) => Promise<T>,
): Promise<T> {
  const g = globals(cmd);
  const repo = new Repository(await openDb(g.db));
  try {
    return await fn(repo, g);
  } finally {
    await repo.close();
  }
}

/** JSON Lines: one object a line, as the spec asks of every `--json` listing. */
export function printJsonLines(rows: unknown[]): void {
  process.stdout.write(rows.map((r) => `${JSON.stringify(r)}\n`).join(""));
}

export class CliError extends Error {}

/** `dossier serve`: the JSON API and the workbench over the store, until interrupted. */
import type { Command } from "commander";
import { buildApp, defaultWebRoot } from "../../server/app.js";
import { isLoopback } from "../../server/auth.js";
import { openDb } from "../../store/connect.js";
import { Repository } from "../../store/repository.js";
import { CliError, globals } from "../context.js";

export interface ServeOptions {
  port: string;
  host: string;
  requireTokenForReads?: boolean;
  openReads?: boolean;
}

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("serve the HTTP API (/api, OpenAPI at /api/openapi.json) and the workbench (/)")
    .option("--port <n>", "port to listen on (0: any free port)", "8787")
    .option("--host <addr>", "address to listen on", "127.0.0.1")
    .option("--require-token-for-reads", "reads need an API token too (the default off localhost)")
    .option("--open-reads", "reads need no token even off localhost")
    .action(async (opts: ServeOptions, cmd: Command) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`bad port ${opts.port}`);
      const g = globals(cmd);
      const repo = new Repository(await openDb(g.db));
      const { url } = await serve(repo, { port, host: opts.host, ...readPolicy(opts) });
      process.stdout.write(
        `Dossier workbench: ${url}/  (API: ${url}/api, OpenAPI: ${url}/api/openapi.json)\n`,
      );
    });
}

function readPolicy(opts: ServeOptions): { requireTokenForReads?: boolean } {
  if (opts.requireTokenForReads) return { requireTokenForReads: true };
  if (opts.openReads) return { requireTokenForReads: false };
  return {};
}

/**
 * Starts the server and resolves once it listens. Reads are open on loopback addresses and need a
 * token elsewhere unless told otherwise. SIGINT/SIGTERM close the server and the store.
 */
export async function serve(
  repo: Repository,
  opts: { port: number; host: string; requireTokenForReads?: boolean },
): Promise<{ url: string; close: () => Promise<void> }> {
  const requireTokenForReads = opts.requireTokenForReads ?? !isLoopback(opts.host);
  if (!defaultWebRoot())
    process.stderr.write("dossier: the workbench is not built (npm run build); serving the API only\n");
  const app = await buildApp({ repo, requireTokenForReads });
  await app.listen({ port: opts.port, host: opts.host });
  const addr = app.server.address();
  const port = typeof addr === "object" && addr ? addr.port : opts.port;
  const host = opts.host.includes(":") ? `[${opts.host}]` : opts.host;
  const close = async () => {
    await app.close();
    await repo.close();
  };
  const stop = () => {
    void close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return { url: `http://${host}:${port}`, close };
}

/** `dossier token create|list|revoke`: API tokens for writes over HTTP. Only a hash is stored. */
import type { Command } from "commander";
import { TokenStore } from "../../store/tokens.js";
import { CliError, printJsonLines, withRepo } from "../context.js";

export function registerToken(program: Command): void {
  const token = program
    .command("token")
    .description("create, list and revoke API tokens for `dossier serve`");
  token
    .command("create")
    .description("create a token and print it once (only its SHA-256 hash is stored)")
    .option("--name <name>", "a name to recognise it by", "default")
    .action(async (opts: { name: string }, cmd: Command) => {
      await withRepo(cmd, async (repo, g) => {
        const t = await new TokenStore(repo.db).create(opts.name);
        if (g.json) {
          printJsonLines([t]);
          return;
        }
        process.stdout.write(
          `${t.token}\n` +
            `(token ${t.id} "${t.name}": shown once, keep it; send it as 'Authorization: Bearer <token>')\n`,
        );
      });
    });
  token
    .command("list")
    .description("list tokens: id, name, created, last used, revoked")
    .action(async (_opts, cmd: Command) => {
      await withRepo(cmd, async (repo, g) => {
        const rows = await new TokenStore(repo.db).list();
        if (g.json) {
          printJsonLines(rows);
          return;
        }
        if (rows.length === 0) process.stdout.write("no tokens (create one: dossier token create)\n");
        for (const r of rows) {
          process.stdout.write(
            `${r.id}  ${r.name.padEnd(16)}  created ${r.createdAt}  ${r.revokedAt ? `revoked ${r.revokedAt}` : `last used ${r.lastUsedAt ?? "never"}`}\n`,
          );
        }
      });
    });
  token
    .command("revoke")
    .description("revoke a token by its id")
    .argument("<id>", "token id (see: dossier token list)")
    .action(async (id: string, _opts, cmd: Command) => {
      await withRepo(cmd, async (repo) => {
        if (!(await new TokenStore(repo.db).revoke(id))) throw new CliError(`no live token ${id}`);
        process.stdout.write(`revoked ${id}\n`);
      });
    });
  for (const c of token.commands) c.exitOverride();
}

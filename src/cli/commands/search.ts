import type { Command } from "commander";
import { CliError, printJsonLines, withRepo } from "../context.js";

export function registerSearch(program: Command): void {
  program
    .command("search")
    .description("full-text search over sentences; prints document, sentence and offsets")
    .argument("<query...>", "words to find (all must occur in the sentence)")
    .option("--limit <n>", "most hits to print", (v) => Number.parseInt(v, 10), 20)
    .action(async (query: string[], opts: { limit: number }, cmd: Command) => {
      if (!Number.isFinite(opts.limit) || opts.limit < 1)
        throw new CliError("--limit must be a positive number");
      await withRepo(cmd, async (repo, g) => {
        const hits = await repo.search(query.join(" "), opts.limit);
        if (g.json) return printJsonLines(hits);
        for (const h of hits) process.stdout.write(`${h.documentId} [${h.start}-${h.end}] ${h.sentence}\n`);
        process.stdout.write(`${hits.length} hit(s)\n`);
      });
    });
}

import type { Command } from "commander";
import { printJsonLines, withRepo } from "../context.js";

export function registerDocuments(program: Command): void {
  program
    .command("documents")
    .description("list stored documents: id, title, source, author, publisher, published")
    .action(async (_opts, cmd: Command) => {
      await withRepo(cmd, async (repo, g) => {
        const docs = await repo.listDocuments();
        if (g.json) return printJsonLines(docs);
        for (const d of docs) {
          process.stdout.write(
            `${d.id}  ${d.published ?? "----------"}  ${(d.publisher ?? "").padEnd(18).slice(0, 18)}  ${d.title ?? d.source}\n`,
          );
        }
        process.stdout.write(`${docs.length} document(s)\n`);
      });
    });
}

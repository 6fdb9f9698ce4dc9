import type { Command } from "commander";
import { CliError, printJsonLines, withRepo } from "../context.js";

export function registerMentions(program: Command): void {
  program
    .command("mentions")
    .description("every place an entity or value is named, with offsets into the stored text")
    .option("--document <id>", "only this document (id or id prefix)")
    .action(async (opts: { document?: string }, cmd: Command) => {
      await withRepo(cmd, async (repo, g) => {
        const docs = new Map((await repo.listDocuments()).map((d) => [d.id, d]));
        let docId: string | undefined;
        if (opts.document) {
          const doc = await repo.getDocument(opts.document);
          if (!doc) throw new CliError(`no document ${opts.document}`);
          docId = doc.id;
        }
        const rows = (await repo.mentions(docId)).map((m) => {
          const d = docs.get(m.documentId);
          return {
            document: { id: m.documentId, title: d?.title ?? null, source: d?.source ?? null },
            start: m.start,
            end: m.end,
            text: m.text,
            type: m.label,
            entity: m.entityId ? { id: m.entityId, name: m.entityName } : null,
          };
        });
        if (g.json) return printJsonLines(rows);
        for (const r of rows)
          process.stdout.write(`${r.document.id} [${r.start}-${r.end}] ${r.type.padEnd(12)} ${r.text}\n`);
      });
    });
}

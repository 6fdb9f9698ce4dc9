import type { Command } from "commander";
import { CliError, withRepo } from "../context.js";
import { describeClaim } from "./claims.js";

export function registerShow(program: Command): void {
  program
    .command("show")
    .description("print a document's text with its entities, values and boilerplate marked")
    .argument("<doc>", "document id or id prefix")
    .action(async (ref: string, _opts, cmd: Command) => {
      await withRepo(cmd, async (repo, g) => {
        const doc = await repo.getDocument(ref);
        if (!doc) throw new CliError(`no document ${ref} (see: dossier documents)`);
        const mentions = await repo.mentions(doc.id);
        const claims = await repo.listClaims({ document: doc.id });
        if (g.json) {
          process.stdout.write(`${JSON.stringify({ ...doc, mentions, claims })}\n`);
          return;
        }
        const color = process.stdout.isTTY;
        const mark = (s: string, label: string) =>
          color ? `\x1b[1;36m[${s}]\x1b[0;2m{${label}}\x1b[0m` : `[${s}]{${label}}`;
        const dim = (s: string) => (color ? `\x1b[2m${s}\x1b[0m` : `«${s}»`);
        // Marks are applied from the end, so earlier offsets stay valid while the string grows.
        const marks = [
          ...mentions.map((m) => ({ start: m.start, end: m.end, render: (s: string) => mark(s, m.label) })),
          ...doc.boilerplate.map((b) => ({ start: b.start, end: b.end, render: dim })),
        ].sort((a, b) => b.start - a.start);
        let text = doc.text;
        let limit = text.length;
        for (const m of marks) {
          if (m.end > limit) continue;
          text = text.slice(0, m.start) + m.render(text.slice(m.start, m.end)) + text.slice(m.end);
          limit = m.start;
        }
        process.stdout.write(
          `${doc.title ?? doc.source}\n${[doc.author, doc.publisher, doc.published].filter(Boolean).join(" | ")}\n` +
            `id ${doc.id}  source ${doc.source}\n\n${text}\n\n`,
        );
        process.stdout.write(`Claims (${claims.length}):\n`);
        for (const c of claims)
          process.stdout.write(
            `  ${String(c.start).padStart(5)}-${String(c.end).padEnd(5)} ${describeClaim(c)}\n`,
          );
        process.stdout.write(`\nMentions (${mentions.length}):\n`);
        for (const m of mentions) {
          process.stdout.write(
            `  ${String(m.start).padStart(5)}-${String(m.end).padEnd(5)} ${m.label.padEnd(13)} ${m.text}${m.entityName && m.entityName !== m.text ? ` → ${m.entityName}` : ""}\n`,
          );
        }
      });
    });
}

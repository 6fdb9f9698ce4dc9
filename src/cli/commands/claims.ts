import type { Command } from "commander";
import type { ClaimJson } from "../../store/repository.js";
import { CliError, printJsonLines, withRepo } from "../context.js";
import { findEntity } from "./merges.js";

/** One line a claim: "Kim Heung-Kwang: China tolerates North Korea [negative] (via CNN → intelNews.org)". */
export function describeClaim(c: ClaimJson): string {
  const what = c.object ? c.object.name : c.value ? JSON.stringify(c.value.text) : "?";
  const flags = [c.polarity === "negative" ? "NEGATED" : "", c.hedged ? "hedged" : ""]
    .filter(Boolean)
    .join(", ");
  const who = c.speaker
    ? `${c.speaker.name}${c.via.length ? ` via ${c.via.map((v) => v.name).join(" → ")}` : ""}`
    : "author";
  return `${c.subject.name} ${c.predicate} ${what}${flags ? ` [${flags}]` : ""}${c.when ? ` (${c.when})` : ""} — ${who}`;
}

export function registerClaims(program: Command): void {
  program
    .command("claims")
    .description("attributed claims: who says what about whom, hedged or negated, with quote and offsets")
    .option("--entity <entity>", "only claims about or by this entity (id, name or alias)")
    .option("--document <id>", "only claims of this document (id or id prefix)")
    .action(async (opts: { entity?: string; document?: string }, cmd: Command) => {
      await withRepo(cmd, async (repo, g) => {
        const filter: { entity?: string; document?: string } = {};
        if (opts.entity) filter.entity = (await findEntity(repo, opts.entity)).id;
        if (opts.document) {
          const doc = await repo.getDocument(opts.document);
          if (!doc) throw new CliError(`no document ${opts.document}`);
          filter.document = doc.id;
        }
        const claims = await repo.listClaims(filter);
        if (g.json) return printJsonLines(claims);
        for (const c of claims) {
          process.stdout.write(
            `${c.id} ${describeClaim(c)}\n    “${c.quote}” (${c.document.id} ${c.start}-${c.end})\n`,
          );
        }
        process.stdout.write(`${claims.length} claim(s)\n`);
      });
    });
}

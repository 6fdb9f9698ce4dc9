import type { Command } from "commander";
import { associationsFor } from "../../store/knowledge.js";
import { printJsonLines, withRepo } from "../context.js";
import { entityJson } from "./entities.js";
import { findEntity } from "./merges.js";

export function registerEntity(program: Command): void {
  program
    .command("entity")
    .description(
      "one entity's dossier: aliases with where each came from, knowledge-base associations, documents",
    )
    .argument("<entity>", "entity id, name or alias")
    .action(async (ref: string, _opts, cmd: Command) => {
      await withRepo(cmd, async (repo, g) => {
        const found = await findEntity(repo, ref);
        const [e] = await repo.listEntities({ ids: [found.id] });
        if (!e) return;
        const associations = await associationsFor(repo.db, e.name, e.aliases);
        const known = associations.filter((a) => a.via === "name");
        const dossier = {
          ...entityJson(e),
          aliasOrigins: e.aliasOrigins ?? {},
          knowledge: known.map((a) => ({
            source: a.record.sourceLabel,
            sourceId: a.record.sourceId,
            aliases: a.record.aliases,
            country: a.record.country,
            externalIds: a.record.externalIds,
          })),
          associations: associations
            .filter((a) => a.via === "alias")
            .map((a) => ({
              with: a.record.name,
              source: a.record.sourceLabel,
              sourceId: a.record.sourceId,
              statement: a.statement,
            })),
        };
        if (g.json) return printJsonLines([dossier]);
        const out = [
          `${e.name} (${e.type}) ${e.id}`,
          `  mentioned ${e.mentions}× in ${e.documents.length} document(s)`,
        ];
        out.push("  aliases:");
        for (const [alias, from] of Object.entries(e.aliasOrigins ?? {}))
          out.push(`    ${alias}  ← ${from.join(", ")}`);
        for (const k of known) {
          out.push(`  ${k.statement}`);
          if (k.record.country) out.push(`    attributed country: ${k.record.country}`);
          if (k.record.externalIds.length) out.push(`    ids: ${k.record.externalIds.join(", ")}`);
          if (k.record.aliases.length)
            out.push(
              `    aliases there: ${k.record.aliases.slice(0, 12).join(", ")}${k.record.aliases.length > 12 ? ", …" : ""}`,
            );
        }
        for (const a of associations.filter((x) => x.via === "alias")) out.push(`  ${a.statement}`);
        process.stdout.write(`${out.join("\n")}\n`);
      });
    });
}

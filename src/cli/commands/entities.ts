import type { Command } from "commander";
import type { EntitySummary } from "../../store/repository.js";
import { printJsonLines, withRepo } from "../context.js";

export function registerEntities(program: Command): void {
  program
    .command("entities")
    .description("list entities (and dates, quantities, money) with aliases, documents and mention counts")
    .option(
      "--type <type>",
      "only this type (person, organization, threat-actor, country, location, date, ...)",
    )
    .option("--no-values", "leave out dates, quantities and money")
    .action(async (opts: { type?: string; values: boolean }, cmd: Command) => {
      await withRepo(cmd, async (repo, g) => {
        let rows = await repo.listEntities(opts.type ? { type: opts.type } : {});
        if (opts.values) {
          const values = await repo.listValues();
          rows = rows.concat(opts.type ? values.filter((v) => v.type === opts.type) : values);
        }
        if (g.json) return printJsonLines(rows.map(entityJson));
        for (const e of rows) {
          const extra = e.aliases.length ? `  (${e.aliases.slice(0, 4).join("; ")})` : "";
          process.stdout.write(`${e.type.padEnd(13)} ${e.name}${extra}  ×${e.mentions}\n`);
        }
        process.stdout.write(`${rows.length} entit(ies)\n`);
      });
    });
}

/** The spec's entity line, with the normalized attributes a type carries (ISO code, coordinates, value). */
export function entityJson(e: EntitySummary): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: e.id,
    name: e.name,
    type: e.type,
    aliases: e.aliases,
    documents: e.documents,
    mentions: e.mentions,
  };
  const a = e.attrs;
  if (a?.kind === "place") {
    Object.assign(out, {
      country: a.countryCode,
      latitude: a.latitude,
      longitude: a.longitude,
      ...(a.region ? { region: a.region } : {}),
      ref: a.ref,
    });
  } else if (a) {
    out.value = a;
  }
  return out;
}

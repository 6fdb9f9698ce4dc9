import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { type IngestOutcome, ingestBatch } from "../../ingest/batch.js";
import { expandSources } from "../../ingest/sources.js";
import { openDb } from "../../store/connect.js";
import { listMerges } from "../../store/merges.js";
import type { EntitySummary } from "../../store/repository.js";
import { Repository } from "../../store/repository.js";
import { listSuggestions } from "../../store/suggestions.js";
import { CliError, globals, printJsonLines, withRepo } from "../context.js";
import { serve } from "./serve.js";

/** The example corpus ships with the package: examples/ beside src/ and dist/. */
export const EXAMPLES_DIR = fileURLToPath(new URL("../../../examples", import.meta.url));

interface ManifestEntry {
  file: string;
  published?: string;
}

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("ingest the bundled example reports into the store and summarize what Dossier found")
    .option("--examples <dir>", "folder of example reports", join(EXAMPLES_DIR, "reports"))
    .option("--no-serve", "print the summary and exit instead of serving the workbench")
    .option("--port <n>", "port for the workbench (0: any free port)", "8787")
    .option("--host <addr>", "address for the workbench", "127.0.0.1")
    .action(async (opts: { examples: string; serve: boolean; port: string; host: string }, cmd: Command) => {
      if (!existsSync(opts.examples)) throw new CliError(`no example reports at ${opts.examples}`);
      const manifestPath = join(opts.examples, "..", "manifest.json");
      const manifest: ManifestEntry[] = existsSync(manifestPath)
        ? (JSON.parse(readFileSync(manifestPath, "utf8")) as ManifestEntry[])
        : [];
      await withRepo(cmd, async (repo, g) => {
        const { items, failed } = await expandSources([opts.examples]);
        const outcomes: IngestOutcome[] = [];
        // Each example is ingested with the publication date its manifest gives.
        for (const item of items) {
          const entry = manifest.find((m) => item.source.endsWith(m.file));
          const summary = await ingestBatch(repo, [item], [], { published: entry?.published });
          outcomes.push(...summary.outcomes);
        }
        for (const f of failed)
          outcomes.push({ source: f.source, status: "failed" as const, reason: f.reason });
        const entities = await repo.listEntities();
        const values = await repo.listValues();
        if (g.json) {
          printJsonLines([{ documents: outcomes, entities: entities.length, values: values.length }]);
          return;
        }
        const count = (s: string) => outcomes.filter((o) => o.status === s).length;
        const out: string[] = [];
        out.push(`Dossier demo: ${items.length} example reports from ${opts.examples}`);
        out.push(
          `  ${count("ingested")} ingested, ${count("unchanged")} unchanged, ${count("failed")} failed`,
        );
        for (const o of outcomes.filter((x) => x.status === "failed"))
          out.push(`  error: ${o.source}: ${o.reason}`);
        out.push("", "Documents:");
        for (const d of await repo.listDocuments()) {
          out.push(
            `  ${d.id}  ${(d.published ?? "").padEnd(10)}  ${(d.publisher ?? "").slice(0, 22).padEnd(22)}  ${d.title ?? d.source}`,
          );
        }
        out.push("", "Entities by type:");
        const byType = new Map<string, EntitySummary[]>();
        for (const e of [...entities, ...values]) byType.set(e.type, [...(byType.get(e.type) ?? []), e]);
        for (const [type, list] of [...byType.entries()].sort()) {
          const top = [...list]
            .sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name))
            .slice(0, 6);
          out.push(
            `  ${type.padEnd(13)} ${String(list.length).padStart(3)}  ${top.map((e) => `${e.name} (${e.mentions})`).join(", ")}`,
          );
        }
        const claims = await repo.listClaims();
        out.push(
          "",
          `Claims: ${claims.length} (${claims.filter((c) => c.speaker).length} attributed to a speaker, ` +
            `${claims.filter((c) => c.hedged).length} hedged, ${claims.filter((c) => c.polarity === "negative").length} negated)`,
        );
        const suggestions = await listSuggestions(repo.db, "open");
        const merges = (await listMerges(repo.db)).filter((m) => !m.undoneAt);
        out.push(
          `Resolution: ${merges.length} automatic merge(s), ${suggestions.length} suggestion(s) to review (dossier merges)`,
        );
        out.push(
          "",
          "Next: dossier documents | dossier show ID | dossier claims | dossier entity NAME | dossier export --stix FILE",
        );
        process.stdout.write(`${out.join("\n")}\n`);
        if (count("failed") > 0) process.exitCode = 1;
      });
      if (!opts.serve) return;
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`bad port ${opts.port}`);
      // The summary's store is closed; the server gets its own connection and keeps it until Ctrl-C.
      const repo = new Repository(await openDb(globals(cmd).db));
      const { url } = await serve(repo, { port, host: opts.host });
      process.stdout.write(`\nWorkbench: ${url}/  (API: ${url}/api/openapi.json; Ctrl-C to stop)\n`);
    });
}

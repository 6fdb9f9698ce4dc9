import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { KnowledgeFormatError, parseKnowledge } from "../../kb/index.js";
import { importKnowledge } from "../../store/knowledge.js";
import { CliError, printJsonLines, withRepo } from "../context.js";

export function registerKb(program: Command): void {
  const kb = program
    .command("kb")
    .description("knowledge sources: MISP galaxy clusters and MITRE ATT&CK bundles");
  kb.command("import")
    .description(
      "import a MISP galaxy cluster file or an ATT&CK STIX bundle; its aliases become associations, not merges",
    )
    .argument("<files...>", "JSON files")
    .action(async (files: string[], _opts, cmd: Command) => {
      await withRepo(cmd, async (repo, g) => {
        const results = [];
        for (const file of files) {
          let text: string;
          try {
            text = readFileSync(file, "utf8");
          } catch (err) {
            throw new CliError(`${file}: ${(err as Error).message}`);
          }
          try {
            const records = parseKnowledge(text);
            results.push({ file, ...(await importKnowledge(repo.db, records)) });
          } catch (err) {
            if (err instanceof KnowledgeFormatError) throw new CliError(`${file}: ${err.message}`);
            throw err;
          }
        }
        if (g.json) return printJsonLines(results);
        for (const r of results) process.stdout.write(`${r.file}: ${r.imported} records, ${r.names} names\n`);
      });
    });
}

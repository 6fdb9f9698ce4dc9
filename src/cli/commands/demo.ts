import type { Command } from "commander";

export function registerDemo(program: Command): void {
  program.command("demo").description("ingest the bundled example reports and summarize what Dossier found");
}

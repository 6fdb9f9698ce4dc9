import type { Command } from "commander";

export function registerExport(program: Command): void {
  program
    .command("export")
    .description("export the store as a STIX 2.1 bundle")
    .requiredOption("--stix <file>", "where to write the bundle (- for stdout)");
}

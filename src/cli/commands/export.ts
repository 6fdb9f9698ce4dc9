import { existsSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { exportStix } from "../../stix/export.js";
import { validateBundle } from "../../stix/validate.js";
import { CliError, withRepo } from "../context.js";

/** The OASIS schemas sit in ../shared beside the project when it is there; they are never bundled. */
const SCHEMAS_BESIDE_REPO = fileURLToPath(
  new URL("../../../../shared/data/stix2-json-schemas/schemas", import.meta.url),
);

export function registerExport(program: Command): void {
  program
    .command("export")
    .description(
      "export the store as a STIX 2.1 bundle, validated against the OASIS JSON schemas when they are found",
    )
    .requiredOption("--stix <file>", "where to write the bundle (- for stdout)")
    .option("--schemas <dir>", "OASIS STIX 2.1 JSON schema folder to validate against", SCHEMAS_BESIDE_REPO)
    .option("--no-validate", "write the bundle without schema validation")
    .option("--intrusion-sets", "export threat actors as intrusion-set objects instead of threat-actor")
    .action(
      async (
        opts: { stix: string; schemas: string; validate: boolean; intrusionSets?: boolean },
        cmd: Command,
      ) => {
        await withRepo(cmd, async (repo, g) => {
          const { bundle, skipped } = exportStix(await repo.exportInput(), {
            actorObject: opts.intrusionSets ? "intrusion-set" : "threat-actor",
          });
          const json = `${JSON.stringify(bundle, null, 2)}\n`;
          let validation = "not validated";
          if (opts.validate) {
            if (existsSync(opts.schemas)) {
              const problems = validateBundle(bundle, opts.schemas);
              if (problems.length > 0) {
                const lines = problems.slice(0, 20).map((p) => `  ${p.objectId}: ${p.errors.join("; ")}`);
                throw new CliError(
                  `the bundle does not validate (${problems.length} objects):\n${lines.join("\n")}`,
                );
              }
              validation = "valid against the OASIS STIX 2.1 schemas";
            } else {
              validation = `not validated: no schemas at ${opts.schemas} (use --schemas DIR)`;
            }
          }
          if (opts.stix === "-") process.stdout.write(json);
          else writeFileSync(opts.stix, json);
          const summary = {
            file: opts.stix,
            objects: bundle.objects.length,
            skipped: skipped.length,
            validation,
          };
          const out = g.json
            ? JSON.stringify(summary)
            : `${summary.objects} STIX objects written to ${opts.stix}; ${validation}`;
          process.stderr.write(`${out}\n`);
          for (const s of skipped)
            process.stderr.write(`  skipped ${s.entityId ?? s.claimId}: ${s.reason}\n`);
        });
      },
    );
}

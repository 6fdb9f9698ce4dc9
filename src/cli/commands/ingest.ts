import cliProgress from "cli-progress";
import { type Command, InvalidArgumentError, Option } from "commander";
import { ingestBatch } from "../../ingest/batch.js";
import { defaultWorkers } from "../../ingest/pool.js";
import { expandSources } from "../../ingest/sources.js";
import { parsePublished } from "../../normalize/dates.js";
import { printJsonLines, withRepo } from "../context.js";

export function registerIngest(program: Command): void {
  program
    .command("ingest")
    .description("ingest reports (.txt, .md, .html files, folders, or - for stdin) into the store")
    .argument("<paths...>", "files, folders (recursive) or - for standard input")
    .option("--published <date>", "publication date of the input (YYYY-MM-DD, YYYY-MM or YYYY)")
    .option("--source <name>", "name to record as the documents' source instead of the path")
    .option("--publisher <name>", "publisher to record instead of the one found in the document")
    .addOption(
      new Option("--max-bytes <n>", "largest file accepted").argParser(Number).default(50 * 1024 * 1024),
    )
    .addOption(
      new Option(
        "--workers <n>",
        "worker threads that analyze documents while one thread writes (1: no workers)",
      )
        .argParser(parseWorkers)
        .default(defaultWorkers(), "one per core"),
    )
    .action(async (paths: string[], opts, cmd: Command) => {
      const published = opts.published ? parsePublished(opts.published) : undefined;
      await withRepo(cmd, async (repo, g) => {
        const { items, failed } = await expandSources(paths, { maxBytes: opts.maxBytes });
        const showBar = process.stderr.isTTY && !g.json && items.length > 1;
        const bar = showBar
          ? new cliProgress.SingleBar(
              { stream: process.stderr, format: "ingest [{bar}] {value}/{total} {file}", hideCursor: true },
              cliProgress.Presets.shades_classic,
            )
          : null;
        bar?.start(items.length, 0, { file: "" });
        const summary = await ingestBatch(
          repo,
          items,
          failed,
          {
            published,
            sourceName: opts.source,
            publisher: opts.publisher,
            maxBytes: opts.maxBytes,
            workers: opts.workers,
          },
          (done, _total, outcome) => bar?.update(done, { file: outcome.source.slice(-40) }),
        );
        bar?.stop();
        if (g.json) {
          printJsonLines(summary.outcomes);
        } else {
          for (const o of summary.outcomes) {
            if (o.status === "failed") process.stderr.write(`error: ${o.source}: ${o.reason}\n`);
            else
              process.stdout.write(
                `${o.status.padEnd(9)} ${o.id} ${o.source}${o.title ? `  "${o.title}"` : ""}\n`,
              );
          }
          process.stdout.write(
            `${summary.ingested} ingested, ${summary.unchanged} unchanged, ${summary.failed} failed\n`,
          );
        }
        if (summary.failed > 0) process.exitCode = 1;
      });
    });
}

function parseWorkers(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) {
    throw new InvalidArgumentError("a whole number from 1 to 256");
  }
  return n;
}

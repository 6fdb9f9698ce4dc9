/**
 * `npm run eval`: scores the whole pipeline against every gold file (../shared/gold/*.json and the
 * project's examples/gold.json): entities, claims, B-cubed clusters, conflicts; then the NER figures
 * of `npm run eval:ner` (skip them with --no-ner). `--json` prints one JSON object instead of tables.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { evaluateGold, type GoldEvaluation } from "../src/eval/run.js";
import { listConflictsForEval } from "../src/store/crosscheck.js";

const repo = fileURLToPath(new URL("..", import.meta.url));
const shared = fileURLToPath(new URL("../../shared/gold", import.meta.url));
const json = process.argv.includes("--json");
const withNer = !process.argv.includes("--no-ner");

const goldFiles = [
  ...(existsSync(shared)
    ? readdirSync(shared)
        .filter((f) => f.endsWith(".json"))
        .sort()
        .map((f) => `${shared}/${f}`)
    : []),
  `${repo}examples/gold.json`,
];
if (!existsSync(shared))
  process.stderr.write(`note: ${shared} is absent; only the example corpus is scored\n`);

const conflictFinder = listConflictsForEval;

const results: GoldEvaluation[] = [];
for (const f of goldFiles) results.push(await evaluateGold(f, conflictFinder));

let ner: unknown = null;
if (withNer) {
  const r = spawnSync(process.execPath, ["--import", "tsx", `${repo}scripts/eval-ner.ts`, "--json"], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  try {
    ner = JSON.parse(r.stdout);
  } catch {
    ner = { error: r.stderr.trim().split("\n").slice(-3).join(" ") };
  }
}

if (json) {
  process.stdout.write(`${JSON.stringify({ gold: results, ner })}\n`);
} else {
  const f3 = (x: number) => x.toFixed(3);
  for (const r of results) {
    const name = r.file.replace(`${repo}`, "").replace(/.*\/shared\//, "../shared/");
    process.stdout.write(`\n== ${name} (${r.documents} documents)\n`);
    const e = r.entities;
    const p = r.entitiesPerOrgActor;
    process.stdout.write(
      `entities (all gold types)     recall ${f3(e.recall)} (${e.found}/${e.gold})  precision ${f3(e.precision)} (${e.correct}/${e.predicted})\n`,
    );
    process.stdout.write(
      `entities (person/org/actor)   recall ${f3(p.recall)} (${p.found}/${p.gold})  precision ${f3(p.precision)} (${p.correct}/${p.predicted})\n`,
    );
    if (p.missed.length) process.stdout.write(`  missed: ${p.missed.join("; ")}\n`);
    if (p.wrong.length)
      process.stdout.write(
        `  not in gold: ${p.wrong.slice(0, 15).join("; ")}${p.wrong.length > 15 ? " …" : ""}\n`,
      );
    const c = r.claims;
    process.stdout.write(
      `claims   recall ${f3(c.recall)} (${c.matchedNonOptional}/${c.goldNonOptional} non-optional)  precision ${f3(c.precision)} (${c.correct}/${c.judged} judged)  ` +
        `speaker ${f3(c.speakerAccuracy)}  hedge ${f3(c.hedgeAccuracy)}  polarity ${f3(c.polarityAccuracy)}  (${c.predicted} predicted)\n`,
    );
    const b = r.bcubed;
    process.stdout.write(`B-cubed  precision ${f3(b.precision)}  recall ${f3(b.recall)}  F1 ${f3(b.f1)}\n`);
    process.stdout.write(
      r.conflicts
        ? `conflicts found ${r.conflicts.found}/${r.conflicts.gold}\n`
        : "conflicts: cross-checking stage not available\n",
    );
  }
  if (ner)
    process.stdout.write(
      `\n== NER (npm run eval:ner prints the full table)\n${summarizeNer(ner).join("\n")}\n`,
    );
}

interface Prf {
  precision: number;
  recall: number;
  f1?: number;
}

/** The eval:ner JSON in a few lines: micro scores per test set, the seeds, speed, the compromise line. */
function summarizeNer(ner: unknown): string[] {
  const n = ner as {
    error?: string;
    modelLoadMs?: number;
    conllDev?: { micro: Prf };
    conllTest?: { micro: Prf };
    cti?: Record<string, { micro: Prf }>;
    seeds?: { micro: Prf };
    /** Figures, plus `runs` (every run's figure per workload), which the summary leaves out. */
    speed?: Record<string, unknown>;
    compromiseConllTest?: { micro: Prf };
  };
  if (n.error) return [`eval:ner failed: ${n.error}`];
  const line = (name: string, m?: Prf) =>
    m
      ? `${name.padEnd(26)} P ${m.precision.toFixed(3)}  R ${m.recall.toFixed(3)}${m.f1 !== undefined ? `  F1 ${m.f1.toFixed(3)}` : ""}`
      : `${name}: -`;
  return [
    line("CoNLL-2003 dev", n.conllDev?.micro),
    line("CoNLL-2003 test", n.conllTest?.micro),
    ...Object.entries(n.cti ?? {}).map(([k, v]) => line(`CTI test ${k}`, v.micro)),
    line("seeds (person/org/actor)", n.seeds?.micro),
    line("compromise, CoNLL test", n.compromiseConllTest?.micro),
    `speed (tokens/s, one thread): ${Object.entries(n.speed ?? {})
      .filter((e): e is [string, number] => typeof e[1] === "number")
      .map(([k, v]) => `${k} ${Math.round(v)}`)
      .join(", ")}`,
    `model load: ${n.modelLoadMs} ms`,
  ];
}

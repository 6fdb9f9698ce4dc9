/**
 * Claims on the seed documents "with gold mentions": the seed texts are normalized as the pipeline
 * does, entity mentions come from the gold names and aliases (see `goldMentionSpecs`), dates,
 * quantities and money from the rule layer; claims are scored with `scoreClaims`.
 * This measures the claim layer alone, before the NER model exists. With --pipeline the documents
 * go through the full pipeline instead (rules + NER), which gives the end-to-end figures. Run:
 *   node --import tsx src/claims/eval-seeds.ts [path/to/gold.json] [--pipeline] [--claims] [--details]
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Doc, Mention, Range } from "../model/types.js";
import { normalizeInput } from "../normalize/index.js";
import { bodyRanges } from "../normalize/layout.js";
import { splitSentences, tokenize } from "../text/tokenize.js";
import { type GoldFileLike, type ScoreReport, scoreClaims } from "./eval-gold.js";
import { extractClaims } from "./index.js";
import { findAll, goldMentionSpecs } from "./testing.js";
import type { ExtractedClaim } from "./types.js";

type RuleExtractor = (text: string, body: Range[], published: string | null) => Mention[];

/** The rule layer's value extractors, when they exist (loaded lazily: another engineer owns them). */
async function ruleValueExtractors(): Promise<RuleExtractor[]> {
  const here = dirname(fileURLToPath(import.meta.url));
  const out: RuleExtractor[] = [];
  const tryLoad = async (file: string, name: string) => {
    if (
      !existsSync(join(here, "..", "extract", file.replace(/\.js$/, ".ts"))) &&
      !existsSync(join(here, "..", "extract", file))
    )
      return;
    const mod = (await import(new URL(`../extract/${file}`, import.meta.url).href)) as Record<
      string,
      unknown
    >;
    const fn = mod[name];
    if (typeof fn === "function") out.push(fn as RuleExtractor);
  };
  await tryLoad("dates.js", "extractDates");
  await tryLoad("quantities.js", "extractQuantities");
  await tryLoad("indicators.js", "extractIndicators");
  return out;
}

export interface SeedDoc {
  file: string;
  doc: Doc;
}

/** The gold file's documents as Docs with gold-name mentions and rule-layer values. */
export async function goldMentionDocs(goldPath: string): Promise<SeedDoc[]> {
  const gold = JSON.parse(readFileSync(goldPath, "utf8")) as GoldFileLike & {
    documents: { file: string; path: string; publisher: string | null; published: string | null }[];
  };
  const shared = resolve(dirname(goldPath), "..");
  const extractors = await ruleValueExtractors();
  const out: SeedDoc[] = [];
  for (const d of gold.documents) {
    const path =
      [join(shared, d.path), join(dirname(goldPath), d.path)].find((p) => existsSync(p)) ??
      join(shared, d.path);
    if (!existsSync(path)) continue;
    const n = normalizeInput({
      source: path,
      bytes: readFileSync(path),
      ...(d.published ? { published: d.published } : {}),
      ...(d.publisher ? { publisher: d.publisher } : {}),
    });
    const tokens = tokenize(n.text);
    const sentences = splitSentences(n.text, tokens);
    const body = bodyRanges(n.text.length, n.boilerplate);
    const inBody = (m: Range) => body.some((b) => m.start >= b.start && m.end <= b.end);
    const values: Mention[] = extractors.flatMap((f) => f(n.text, body, n.meta.published)).filter(inBody);
    const ents = gold.entities.filter((e) => !e.documents || e.documents.includes(d.file));
    const mentions: Mention[] = [...values];
    const specs = goldMentionSpecs(ents).sort((a, b) => b.text.length - a.text.length);
    for (const s of specs) {
      const variants = [s.text, s.text[0]!.toUpperCase() + s.text.slice(1)];
      for (const at of [...new Set(variants)].flatMap((v) => findAll(n.text, v))) {
        const m: Mention = {
          start: at,
          end: at + s.text.length,
          text: n.text.slice(at, at + s.text.length),
          label: s.label,
          source: "gold",
          confidence: 1,
          ...(s.canonical ? { canonical: s.canonical } : {}),
        };
        if (!inBody(m) || mentions.some((o) => o.start < m.end && m.start < o.end)) continue;
        mentions.push(m);
      }
    }
    mentions.sort((a, b) => a.start - b.start);
    out.push({
      file: d.file,
      doc: {
        text: n.text,
        meta: n.meta,
        source: path,
        format: n.format,
        boilerplate: n.boilerplate,
        sentences,
        tokens,
        mentions,
      },
    });
  }
  return out;
}

/**
 * The gold file's documents through the full pipeline (normalize, rules, NER): the figures a user
 * gets. Loaded lazily, so that this module works without the NER model.
 */
export async function pipelineDocs(goldPath: string): Promise<SeedDoc[]> {
  const gold = JSON.parse(readFileSync(goldPath, "utf8")) as {
    documents: { file: string; path: string; publisher: string | null; published: string | null }[];
  };
  const shared = resolve(dirname(goldPath), "..");
  const { analyze } = (await import(new URL("../pipeline/analyze.js", import.meta.url).href)) as {
    analyze: (n: ReturnType<typeof normalizeInput>) => { doc: Doc };
  };
  const out: SeedDoc[] = [];
  for (const d of gold.documents) {
    const path = [join(shared, d.path), join(dirname(goldPath), d.path)].find((p) => existsSync(p));
    if (!path) continue;
    const n = normalizeInput({
      source: path,
      bytes: readFileSync(path),
      ...(d.published ? { published: d.published } : {}),
      ...(d.publisher ? { publisher: d.publisher } : {}),
    });
    out.push({ file: d.file, doc: analyze(n).doc });
  }
  return out;
}

export async function evalClaims(
  goldPath: string,
  mode: "gold-mentions" | "pipeline",
): Promise<{ report: ScoreReport; claims: { document: string; claims: ExtractedClaim[] }[] }> {
  const gold = JSON.parse(readFileSync(goldPath, "utf8")) as GoldFileLike;
  const docs = mode === "pipeline" ? await pipelineDocs(goldPath) : await goldMentionDocs(goldPath);
  const claims = docs.map(({ file, doc }) => ({ document: file, claims: extractClaims(doc) }));
  const report = scoreClaims(
    claims,
    gold,
    docs.map((d) => d.file),
  );
  return { report, claims };
}

export async function evalWithGoldMentions(
  goldPath: string,
): Promise<{ report: ScoreReport; claims: { document: string; claims: ExtractedClaim[] }[] }> {
  const gold = JSON.parse(readFileSync(goldPath, "utf8")) as GoldFileLike;
  const docs = await goldMentionDocs(goldPath);
  const claims = docs.map(({ file, doc }) => ({ document: file, claims: extractClaims(doc), doc }));
  const report = scoreClaims(
    claims.map(({ document, claims: c }) => ({ document, claims: c })),
    gold,
    docs.map((d) => d.file),
  );
  return { report, claims };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const here = dirname(fileURLToPath(import.meta.url));
  const goldPath =
    process.argv.slice(2).find((a) => !a.startsWith("--")) ??
    resolve(here, "../../../shared/gold/seeds.json");
  if (!existsSync(goldPath)) {
    console.error(`no gold file at ${goldPath}`);
    process.exit(2);
  }
  const mode = process.argv.includes("--pipeline") ? "pipeline" : "gold-mentions";
  const { report, claims } = await evalClaims(goldPath, mode);
  console.log(`mode: ${mode === "pipeline" ? "full pipeline (rules + NER)" : "with gold mentions"}`);
  if (process.argv.includes("--claims"))
    for (const d of claims)
      for (const c of d.claims)
        console.log(
          `${d.document.slice(0, 3)} ${c.subject.text} ${c.predicate} ${c.object?.text ?? JSON.stringify(c.value?.text)} ` +
            `${c.polarity}${c.hedged ? " hedged" : ""} speaker=${c.speaker?.text ?? "-"} via=${c.via.map((v) => v.text).join(">")} [${c.rule}]`,
        );
  console.log(JSON.stringify({ ...report, details: undefined }, null, 2));
  if (process.argv.includes("--details")) console.log(report.details.join("\n"));
}

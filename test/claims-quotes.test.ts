/**
 * Property tests: every claim's quote is text.slice(start, end), lies in one body unit, and no
 * claim crosses or comes from a boilerplate span. Run over (1) random documents assembled from
 * fixture sentences with boilerplate cutting through paragraphs and noisy mentions (seeded PRNG),
 * (2) the example corpus through the full pipeline, (3) the seeds with gold-name mentions.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { goldMentionDocs } from "../src/claims/eval-seeds.js";
import { analyzeClaims } from "../src/claims/index.js";
import { type MentionSpec, makeDoc } from "../src/claims/testing.js";
import type { Doc, SpanLabel } from "../src/model/types.js";

const SENTENCES = [
  "Lazarus Group used WannaCry against hospitals in Britain.",
  "Jane Doe told Reuters that APT41 breached the Acme Corp network in 2019.",
  "“Turla is based in Moscow. It also hijacked Iranian servers,” said John Porter.",
  "Beijing denies that APT40 targeted Finnish lawmakers.",
  "According to ESET, Sandworm was founded in 2009 and began attacking Ukraine in 2014.",
  "Unit 180 has 6,000 members, the report says.",
  "Lazarus stole $81 million from Bangladesh Bank, officials said.",
  "John Porter, a researcher at Mandiant, said the hackers work from Shenyang, in northern China.",
  "Moscow turns a blind eye to Evil Corp. He added that it never arrested them.",
  "Iran and Syria share attack tools, and APT33 reportedly targeted airlines.",
];
const SPECS: MentionSpec[] = [
  { text: "Lazarus Group", label: "threat-actor" },
  { text: "Lazarus", label: "threat-actor" },
  { text: "WannaCry", label: "malware" },
  { text: "hospitals", label: "sector" },
  { text: "airlines", label: "sector" },
  { text: "Britain", label: "country", canonical: "United Kingdom" },
  { text: "Jane Doe", label: "person" },
  { text: "John Porter", label: "person" },
  { text: "Reuters", label: "organization" },
  { text: "Mandiant", label: "organization" },
  { text: "ESET", label: "organization" },
  { text: "APT41", label: "threat-actor" },
  { text: "APT40", label: "threat-actor" },
  { text: "APT33", label: "threat-actor" },
  { text: "Acme Corp", label: "organization" },
  { text: "Turla", label: "threat-actor" },
  { text: "Sandworm", label: "threat-actor" },
  { text: "Evil Corp", label: "threat-actor" },
  { text: "Unit 180", label: "threat-actor" },
  { text: "Bangladesh Bank", label: "organization" },
  { text: "Moscow", label: "location", canonical: "Moscow" },
  { text: "Beijing", label: "location", canonical: "Beijing" },
  { text: "Shenyang", label: "location", canonical: "Shenyang" },
  { text: "Iranian", label: "country", canonical: "Iran" },
  { text: "Finnish", label: "country", canonical: "Finland" },
  { text: "Ukraine", label: "country", canonical: "Ukraine" },
  { text: "China", label: "country", canonical: "China" },
  { text: "Iran", label: "country", canonical: "Iran" },
  { text: "Syria", label: "country", canonical: "Syria" },
  {
    text: "2019",
    label: "date",
    attrs: { kind: "date", iso: "2019", precision: "year", approximate: false },
  },
  {
    text: "2009",
    label: "date",
    attrs: { kind: "date", iso: "2009", precision: "year", approximate: false },
  },
  {
    text: "2014",
    label: "date",
    attrs: { kind: "date", iso: "2014", precision: "year", approximate: false },
  },
  {
    text: "6,000",
    label: "quantity",
    attrs: { kind: "quantity", value: 6000, unit: "members", approximate: false },
  },
  {
    text: "$81 million",
    label: "money",
    attrs: { kind: "money", value: 81e6, currency: "USD", approximate: false },
  },
];
const BOILER = [
  "Photo: Reuters/Jane Doe in Moscow",
  "Subscribe to our newsletter about Lazarus Group",
  "Credit: ESET",
];
const LABELS: SpanLabel[] = [
  "person",
  "organization",
  "threat-actor",
  "country",
  "location",
  "sector",
  "malware",
  "date",
];

/** Mulberry32: a small seeded PRNG, so that failures replay. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomDoc(seed: number): Doc {
  const rnd = prng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const parts: string[] = [];
  const boiler: string[] = [];
  for (let p = 0; p < 4; p++) {
    const n = 1 + Math.floor(rnd() * 3);
    const sents: string[] = [];
    for (let s = 0; s < n; s++) {
      sents.push(pick(SENTENCES));
      // Boilerplate inside a paragraph, even mid-sentence ("Photo: ..." glued to the text).
      if (rnd() < 0.25) {
        const b = pick(BOILER);
        boiler.push(b);
        sents.push(b);
      }
    }
    parts.push(sents.join(rnd() < 0.5 ? " " : ""));
  }
  const text = parts.join("\n\n");
  const doc = makeDoc(text, SPECS, {
    meta: { publisher: "Test Wire" },
    boilerplate: [...new Set(boiler)].map((b) => ({ text: b, kind: "caption" as const })),
  });
  // Noise: random token spans with random labels, where nothing else is.
  for (let k = 0; k < 6; k++) {
    const t = doc.tokens[Math.floor(rnd() * doc.tokens.length)]!;
    if (doc.mentions.some((m) => m.start < t.end && t.start < m.end)) continue;
    if (doc.boilerplate.some((b) => b.start < t.end && t.start < b.end)) continue;
    doc.mentions.push({
      start: t.start,
      end: t.end,
      text: t.text,
      label: pick(LABELS),
      source: "noise",
      confidence: 0.3,
    });
  }
  doc.mentions.sort((a, b) => a.start - b.start);
  return doc;
}

function checkDoc(doc: Doc, where: string): number {
  const { claims, coref } = analyzeClaims(doc);
  for (const c of claims) {
    const at = `${where}: ${c.predicate} «${c.quote}»`;
    assert.equal(c.quote, doc.text.slice(c.start, c.end), at);
    assert.ok(c.start < c.end && c.quote.trim() === c.quote, at);
    assert.ok(c.evidenceStart >= c.start && c.evidenceEnd <= c.end && c.evidenceStart < c.evidenceEnd, at);
    for (const b of doc.boilerplate)
      assert.ok(
        c.end <= b.start || c.start >= b.end,
        `${at} crosses boilerplate «${doc.text.slice(b.start, b.end)}»`,
      );
    for (const a of [c.subject, c.object, c.speaker, ...c.via]) {
      if (!a) continue;
      assert.ok(a.mention === -1 || (a.mention >= 0 && a.mention < coref.mentions.length), at);
    }
  }
  for (const m of coref.mentions)
    assert.equal(doc.text.slice(m.start, m.end), m.text, `${where}: mention ${m.text}`);
  return claims.length;
}

describe("quote == text.slice(start, end), never across boilerplate", () => {
  it("holds on 300 random documents with boilerplate and noisy mentions", () => {
    let total = 0;
    for (let seed = 1; seed <= 300; seed++) total += checkDoc(randomDoc(seed), `seed ${seed}`);
    assert.ok(total > 300, `the random documents should yield claims (got ${total})`);
  });

  const examples = fileURLToPath(new URL("../examples/reports/", import.meta.url));
  const model = fileURLToPath(new URL("../models/ner.bin.gz", import.meta.url));
  const skipExamples = !existsSync(examples)
    ? "no examples/reports"
    : !existsSync(model)
      ? "no NER model in models/"
      : false;
  it("holds on the example corpus through the full pipeline", { skip: skipExamples }, async () => {
    let analyze: ((n: unknown) => { doc: Doc }) | null = null;
    let normalizeInput: ((i: { source: string; bytes: Uint8Array }) => unknown) | null = null;
    try {
      ({ analyze } = (await import("../src/pipeline/analyze.js")) as unknown as {
        analyze: (n: unknown) => { doc: Doc };
      });
      ({ normalizeInput } = (await import("../src/normalize/index.js")) as unknown as {
        normalizeInput: (i: { source: string; bytes: Uint8Array }) => unknown;
      });
    } catch (e) {
      assert.fail(`pipeline not loadable: ${String(e)}`);
    }
    let docs = 0;
    for (const f of readdirSync(examples)) {
      const path = examples + f;
      const { doc } = analyze!(normalizeInput!({ source: path, bytes: readFileSync(path) }));
      checkDoc(doc, f);
      docs++;
    }
    assert.ok(docs > 0);
  });

  const gold = fileURLToPath(new URL("../../shared/gold/seeds.json", import.meta.url));
  it("holds on the seeds with gold-name mentions", {
    skip: !existsSync(gold) && "../shared is absent",
  }, async () => {
    for (const { file, doc } of await goldMentionDocs(gold)) checkDoc(doc, file);
  });
});

/**
 * Structure checks for the example corpus in examples/: the manifest matches the files, the gold
 * answers point at real text (every evidence and boilerplate string is an exact substring of its
 * report), every key a claim uses is a gold entity, and the corpus as a whole carries each feature
 * the corpus exists to exercise (defanged indicators, name variants, a syndicated pair, ...).
 *
 * Hand-written checks over plain files: nothing here depends on Dossier's own pipeline, so a change
 * to the extractor can never make the corpus look valid or invalid.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";

const EXAMPLES = new URL("../examples/", import.meta.url);
const REPORTS = new URL("reports/", EXAMPLES);

interface ManifestEntry {
  file: string;
  title: string;
  author: string;
  publisher: string;
  published: string;
  format: "text" | "markdown" | "html";
  fictional: boolean;
  exercises: string[];
}

interface GoldDocument {
  file: string;
  path: string;
  title: string;
  author: string | null;
  publisher: string | null;
  published: string | null;
  boilerplate: string[];
  syndicatedFrom?: string;
}

interface GoldEntity {
  key: string;
  name: string;
  type: string;
  aliases: string[];
  documents: string[];
}

interface GoldClaim {
  id: string;
  document: string;
  subject: string;
  predicate: string;
  object: string | null;
  value: string | null;
  polarity: "positive" | "negative";
  hedged: boolean;
  speaker: string | null;
  evidence: string;
  optional?: boolean;
}

interface GoldPair {
  claims: string[];
  kind: string;
  note: string;
}

interface Gold {
  documents: GoldDocument[];
  entities: GoldEntity[];
  claims: GoldClaim[];
  conflicts: GoldPair[];
  compatible: GoldPair[];
  corroborations: { claims: string[]; independentSpeakers: string[]; note: string }[];
  syndication: { original: string; copy: string; note: string }[];
}

const ENTITY_TYPES = new Set([
  "person",
  "organization",
  "threat-actor",
  "country",
  "location",
  "sector",
  "malware",
  "tool",
  "vulnerability",
  "campaign",
  "attack-pattern",
  "indicator",
]);
const PREDICATES = new Set([
  "attributed-to",
  "part-of",
  "located-at",
  "targets",
  "compromised",
  "uses",
  "affiliated-with",
  "tolerates",
  "cooperates-with",
  "role",
  "founded",
  "active-since",
  "defected",
  "headcount",
  "damage",
  "occurred",
  // Project addition (STIX "indicates"): an indicator points at the malware or actor it reveals.
  "indicates",
]);
const VALUE_PREDICATES = new Set([
  "role",
  "founded",
  "active-since",
  "defected",
  "headcount",
  "damage",
  "occurred",
]);
const CONFLICT_KINDS = new Set(["polarity", "numeric", "date", "denial"]);

const readJson = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, EXAMPLES), "utf8")) as T;
const manifest = readJson<ManifestEntry[]>("manifest.json");
const gold = readJson<Gold>("gold.json");
const raw = new Map<string, string>(
  manifest.map((m) => [m.file, readFileSync(new URL(m.file, REPORTS), "utf8")] as const),
);

/** The report text a reader sees: HTML without head, scripts, styles and tags; other formats as they are. */
function visibleText(file: string): string {
  const text = raw.get(file) ?? "";
  if (!file.endsWith(".html")) return text;
  return text
    .replace(/<head[\s\S]*?<\/head>/i, " ")
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ");
}

const wordCount = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/**
 * Plain sentence split for the near-duplicate check: at line breaks, and at . ! ? before a capital or
 * an opening quote unless the period closes an initialism such as "U.S.".
 */
function sentences(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?]["”]?)(?<!\b[A-Z]\.[A-Z]\.)\s+(?=["“A-Z])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** The article body of a plain-text report: without the header block (title, byline, dateline) and boilerplate. */
function bodySentences(name: string, boilerplate: string[]): string[] {
  let text = file(name);
  text = text.slice(text.indexOf("\n\n") + 2);
  for (const b of boilerplate) text = text.replace(b, "");
  return sentences(text);
}

const corpus = () => [...raw.keys()].map((f) => visibleText(f)).join("\n\n");
const file = (name: string) => raw.get(name) ?? assert.fail(`no report ${name}`);

describe("examples manifest", () => {
  it("lists exactly the files in examples/reports, in NN-slug.ext form", () => {
    const onDisk = readdirSync(REPORTS).sort();
    assert.deepEqual(manifest.map((m) => m.file).sort(), onDisk);
    for (const name of onDisk) assert.match(name, /^\d{2}-[a-z0-9-]+\.(txt|md|html)$/);
  });

  it("has the required mix of formats, each report 250-600 words", () => {
    const count = (f: string) => manifest.filter((m) => m.format === f).length;
    assert.equal(manifest.length, 8);
    assert.ok(count("text") >= 5, "at least 5 .txt");
    assert.ok(count("markdown") >= 1, "at least 1 .md");
    assert.ok(count("html") >= 2, "at least 2 .html");
    const ext = { text: ".txt", markdown: ".md", html: ".html" } as const;
    for (const m of manifest) {
      assert.ok(m.file.endsWith(ext[m.format]), `${m.file} format ${m.format}`);
      const words = wordCount(visibleText(m.file));
      assert.ok(words >= 250 && words <= 600, `${m.file} has ${words} words`);
    }
  });

  it("puts outlet and date in each report's own text", () => {
    const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    for (const m of manifest) {
      assert.match(m.published, /^\d{4}-\d{2}-\d{2}$/);
      const text = file(m.file);
      assert.ok(text.includes(m.publisher), `${m.file}: publisher in text`);
      assert.ok(text.includes(m.author), `${m.file}: author in text`);
      assert.ok(text.includes(m.title), `${m.file}: title in text`);
      const [year, month] = m.published.split("-");
      assert.ok(text.includes(year!), `${m.file}: year in text`);
      assert.ok(text.includes(months[Number(month) - 1]!), `${m.file}: month in text`);
    }
  });

  it("says so in the text when a report is fictional", () => {
    for (const m of manifest) {
      assert.equal(/\bfictional\b/i.test(file(m.file)), m.fictional, m.file);
    }
  });

  it("gives HTML reports the metadata and page furniture readability must see through", () => {
    for (const m of manifest.filter((x) => x.format === "html")) {
      const html = file(m.file);
      const meta = (prop: string) =>
        new RegExp(`<meta\\s+(?:property|name)="${prop}"\\s+content="([^"]*)"`).exec(html)?.[1];
      assert.equal(meta("og:title"), m.title);
      assert.equal(meta("author"), m.author);
      assert.equal(meta("og:site_name"), m.publisher);
      assert.ok(meta("article:published_time")?.startsWith(m.published), `${m.file}: published_time`);
      for (const tag of ["<nav", "<footer", "<figcaption>", "<script>"]) {
        assert.ok(html.includes(tag), `${m.file}: has ${tag}`);
      }
    }
  });
});

describe("examples gold", () => {
  const docs = new Map(gold.documents.map((d) => [d.file, d] as const));
  const entities = new Map(gold.entities.map((e) => [e.key, e] as const));
  const claims = new Map(gold.claims.map((c) => [c.id, c] as const));

  it("describes each manifest document with the same metadata", () => {
    assert.equal(docs.size, manifest.length);
    for (const m of manifest) {
      const d = docs.get(m.file);
      assert.ok(d, `gold document ${m.file}`);
      assert.equal(d.path, `examples/reports/${m.file}`);
      assert.deepEqual(
        [d.title, d.author, d.publisher, d.published],
        [m.title, m.author, m.publisher, m.published],
      );
    }
  });

  it("has boilerplate strings that are exact substrings of their document", () => {
    for (const d of gold.documents) {
      assert.ok(d.boilerplate.length > 0, `${d.file}: boilerplate listed`);
      for (const b of d.boilerplate) assert.ok(file(d.file).includes(b), `${d.file}: boilerplate ${b}`);
    }
  });

  it("has unique entity keys, known types, and names found in every listed document", () => {
    assert.equal(entities.size, gold.entities.length, "duplicate entity key");
    for (const e of gold.entities) {
      assert.ok(ENTITY_TYPES.has(e.type), `${e.key}: type ${e.type}`);
      assert.ok(e.documents.length > 0, `${e.key}: no documents`);
      for (const f of e.documents) {
        assert.ok(docs.has(f), `${e.key}: unknown document ${f}`);
        const text = file(f);
        assert.ok(
          [e.name, ...e.aliases].some((n) => text.includes(n)),
          `${e.key}: no name or alias in ${f}`,
        );
      }
    }
  });

  it("has claims whose evidence is an exact substring of the document text", () => {
    assert.equal(claims.size, gold.claims.length, "duplicate claim id");
    for (const c of gold.claims) {
      const d = docs.get(c.document);
      assert.ok(d, `${c.id}: unknown document ${c.document}`);
      assert.ok(c.evidence.length >= 3, `${c.id}: evidence too short`);
      assert.ok(
        file(c.document).includes(c.evidence),
        `${c.id}: evidence not in ${c.document}: ${c.evidence}`,
      );
      // Evidence stays inside one text node (HTML) and outside markup (Markdown), so it survives extraction.
      if (d.file.endsWith(".html")) assert.doesNotMatch(c.evidence, /[<>&]/, c.id);
      if (d.file.endsWith(".md")) assert.doesNotMatch(c.evidence, /\*\*|__|`|^#|\]\(/, c.id);
    }
  });

  it("has claims that name existing entity keys and well-formed fields", () => {
    for (const c of gold.claims) {
      assert.ok(entities.has(c.subject), `${c.id}: subject ${c.subject}`);
      if (c.speaker !== null) assert.ok(entities.has(c.speaker), `${c.id}: speaker ${c.speaker}`);
      assert.ok(PREDICATES.has(c.predicate), `${c.id}: predicate ${c.predicate}`);
      if (VALUE_PREDICATES.has(c.predicate)) {
        assert.equal(c.object, null, `${c.id}: value predicate with object`);
        assert.ok(c.value, `${c.id}: value predicate without value`);
      } else {
        assert.ok(c.object !== null && entities.has(c.object), `${c.id}: object ${c.object}`);
        assert.equal(c.value, null, `${c.id}: entity predicate with value`);
      }
      assert.ok(c.polarity === "positive" || c.polarity === "negative", `${c.id}: polarity`);
      assert.equal(typeof c.hedged, "boolean", `${c.id}: hedged`);
      // A claim's entities must be listed as appearing in the claim's document.
      for (const key of [c.subject, c.object, c.speaker]) {
        if (key === null) continue;
        assert.ok(
          entities.get(key)?.documents.includes(c.document),
          `${c.id}: ${key} not listed in ${c.document}`,
        );
      }
    }
  });

  it("has 10-25 claims per report", () => {
    for (const m of manifest) {
      const n = gold.claims.filter((c) => c.document === m.file).length;
      assert.ok(n >= 10 && n <= 25, `${m.file}: ${n} claims`);
    }
  });

  it("has conflicts and compatible pairs that name two existing claims", () => {
    assert.ok(gold.conflicts.length > 0);
    for (const p of [...gold.conflicts, ...gold.compatible]) {
      assert.ok(CONFLICT_KINDS.has(p.kind), `kind ${p.kind}`);
      assert.equal(p.claims.length, 2);
      const [a, b] = p.claims.map((id) => claims.get(id) ?? assert.fail(`unknown claim ${id}`));
      assert.equal(a!.subject, b!.subject, `${p.claims.join("/")}: same subject`);
      assert.equal(a!.predicate, b!.predicate, `${p.claims.join("/")}: same predicate`);
      if (p.kind === "polarity" || p.kind === "denial") assert.notEqual(a!.polarity, b!.polarity);
    }
    for (const p of gold.corroborations) for (const id of p.claims) assert.ok(claims.has(id), id);
    for (const kind of CONFLICT_KINDS) {
      assert.ok(
        gold.conflicts.some((c) => c.kind === kind),
        `a ${kind} conflict`,
      );
    }
  });

  it("has a self-contradiction: one speaker, two outlets, opposite polarity", () => {
    const found = gold.conflicts.some((p) => {
      const [a, b] = p.claims.map((id) => claims.get(id)!);
      return (
        p.kind === "polarity" &&
        a!.speaker !== null &&
        a!.speaker === b!.speaker &&
        docs.get(a!.document)!.publisher !== docs.get(b!.document)!.publisher
      );
    });
    assert.ok(found);
  });
});

describe("examples corpus features", () => {
  it("has defanged and plain indicators of every kind", () => {
    const text = corpus();
    assert.match(text, /\bhxxps?:\/\/\S+\[\.\]\S+/, "defanged URL");
    assert.match(text, /\b\d{1,3}\.\d{1,3}\.\d{1,3}\[\.\]\d{1,3}\b/, "defanged IPv4");
    assert.match(text, /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\[\.\]\w+/, "defanged e-mail");
    assert.match(text, /\bCVE-\d{4}-\d{4,}\b/, "CVE id");
    assert.match(text, /(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/i, "SHA-256");
    assert.match(text, /(?<![0-9a-f])[0-9a-f]{40}(?![0-9a-f])/i, "SHA-1");
    assert.match(text, /(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])/i, "MD5");
    for (const bait of ["version 2.1.4.7", "invoice.pdf", "U.S."]) assert.ok(text.includes(bait), bait);
  });

  it("spells one person and one group differently in different reports", () => {
    const holders = (s: string) => [...raw.keys()].filter((f) => visibleText(f).includes(s));
    const park = holders("Park Jin Hyok");
    const pak = holders("Pak Jin-hyok");
    assert.ok(park.length > 0 && pak.length > 0, "both spellings present");
    assert.ok(
      pak.some((f) => !park.includes(f)),
      "spellings in different reports",
    );
    for (const s of [
      "Lazarus Group",
      "Hidden Cobra",
      "National Intelligence Service",
      "(NIS)",
      "Seoul's spy agency",
    ]) {
      assert.ok(holders(s).length > 0, s);
    }
    const variants = gold.entities.find((e) => e.key === "park-jin-hyok");
    assert.ok(variants?.name === "Park Jin Hyok" && variants.aliases.includes("Pak Jin-hyok"));
  });

  it("keeps two people who share a surname as two entities", () => {
    const bySurname = new Map<string, string[]>();
    for (const e of gold.entities.filter((x) => x.type === "person")) {
      const parts = e.name.split(" ");
      // Korean names put the surname first; the corpus's other names put it last.
      for (const surname of new Set([parts[0]!, parts.at(-1)!])) {
        bySurname.set(surname, [...(bySurname.get(surname) ?? []), e.key]);
      }
    }
    assert.ok((bySurname.get("Dorn") ?? []).length >= 2, "Petra Dorn and Anton Dorn");
    assert.ok((bySurname.get("Kim") ?? []).length >= 2, "Kim Heung-kwang and Kim Jong Un");
  });

  it("has hedges, denials, quantities, relative dates and reporting constructions", () => {
    const text = corpus();
    const must = [
      "allegedly",
      "reportedly",
      "is believed to",
      "appears",
      "may have",
      "suspected",
      "is said to",
      "denied involvement",
      "has never arrested",
      "was not involved",
      "about 7,000 hackers",
      "tens of thousands of computers",
      "last month",
      "on Monday",
      "Earlier this year",
      "two years later",
      "quoted",
      "told CNN",
      "according to",
      "She added",
      "He added",
    ];
    for (const s of must) assert.ok(text.toLowerCase().includes(s.toLowerCase()), s);
    assert.match(text, /\$\d[\d,.]*( million| billion)?/, "dollars");
    assert.match(text, /€\d[\d,.]*( million)?/, "euros");
    assert.match(text, /["“][^"”\n]*[.!?,] [A-Z][^"”\n]*["”]/, "a quotation spanning two sentences");
  });

  it("has boilerplate of every kind", () => {
    const text = corpus();
    assert.match(text, /^FILE - /m, "photo caption");
    assert.match(text, /contributed to this report/, "credit line");
    assert.match(text, /comment(s)? (on this story|policy)|Comments that/i, "comment policy");
    assert.match(text, /newsletter|Sign up/i, "newsletter footer");
    assert.match(text, /Copyright \d{4}|© \d{4}/, "copyright footer");
  });

  it("has a syndicated pair that shares most sentences but not the title", () => {
    assert.equal(gold.syndication.length, 1);
    const { original, copy } = gold.syndication[0]!;
    const a = manifest.find((m) => m.file === original)!;
    const b = manifest.find((m) => m.file === copy)!;
    assert.notEqual(a.title, b.title);
    assert.notEqual(a.publisher, b.publisher);
    assert.equal(gold.documents.find((d) => d.file === copy)?.syndicatedFrom, original);
    const boilerplate = (f: string) => gold.documents.find((d) => d.file === f)?.boilerplate ?? [];
    const sa = bodySentences(original, boilerplate(original));
    const sb = bodySentences(copy, boilerplate(copy));
    assert.ok(sa.length >= 10 && sb.length >= 10, "both bodies have sentences");
    const shared = (xs: string[], ys: string[]) => xs.filter((s) => ys.includes(s)).length / xs.length;
    assert.ok(shared(sb, sa) > 0.6, `copy shares ${shared(sb, sa).toFixed(2)} of its sentences`);
    assert.ok(shared(sa, sb) > 0.6, `original shares ${shared(sa, sb).toFixed(2)} of its sentences`);
    assert.ok(shared(sb, sa) < 1, "the copy changes something");
  });

  it("lists in the manifest every feature tag the corpus is meant to exercise", () => {
    const tags = new Set(manifest.flatMap((m) => m.exercises));
    const required = [
      "name-variants",
      "shared-surname",
      "hedges",
      "denial",
      "negation",
      "numeric-conflict",
      "numeric-compatible",
      "date-conflict",
      "date-compatible",
      "self-contradiction",
      "defanged-indicators",
      "false-positive-bait",
      "syndicated-original",
      "syndicated-copy",
      "quantities",
      "relative-dates",
      "multi-sentence-quote",
      "html-readability",
      "markdown",
    ];
    for (const t of required) assert.ok(tags.has(t), t);
  });
});

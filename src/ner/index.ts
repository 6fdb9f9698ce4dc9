/**
 * Dossier's named-entity recognizer: two two-pass averaged-perceptron taggers trained here, one on
 * CoNLL-2003 news types (PER, ORG, LOC, MISC), one on harmonized CTI corpora (threat actor,
 * malware, tool, vulnerability, sector), merged into mentions of the spec's entity types.
 *
 * Hand-written: no pretrained NER model can be installed on Dossier's machines (see issue 3), and
 * compromise, the usual JavaScript choice, scores 0.34 F1 on CoNLL-2003.
 */
import { readFileSync } from "node:fs";
import countries from "i18n-iso-countries";
import { CANONICAL_COUNTRY_NAMES, COUNTRY_ALIASES, DEMONYMS } from "../extract/country-aliases.js";
import type { EntityType, Mention, Sentence, Token } from "../model/types.js";
import { readBundle, type TaggerBundle } from "./bundle.js";
import type { FeatDoc } from "./features.js";
import { BundleScorer, type StaticScores } from "./fused.js";
import type { PreparedDoc, TagResult, TwoPassTagger } from "./tagger.js";
import { type Span, spansFromTags } from "./tags.js";

export interface NerTagger {
  /** Tags the given tokens (a whole document, split in sentences) and returns mentions with exact offsets. */
  tag(input: { text: string; tokens: Token[]; sentences: Sentence[] }): Mention[];
}

export const DEFAULT_MODEL_PATH = new URL("../../models/ner.bin.gz", import.meta.url).pathname;

/** News (CoNLL) types onto Dossier types; MISC is kept only as a demonym of a country. */
const NEWS_TYPES: Record<string, EntityType | null> = {
  PER: "person",
  ORG: "organization",
  LOC: "location",
  MISC: null,
};

/** CTI types that the CTI tagger contributes (its organization/location are left to the news tagger). */
const CTI_OUTPUT = new Set<string>(["threat-actor", "malware", "tool", "vulnerability", "sector"]);

const DEMONYM_TO_CODE = new Map<string, string>();
for (const [code, forms] of Object.entries(DEMONYMS)) for (const f of forms) DEMONYM_TO_CODE.set(f, code);

/** ISO alpha-2 code when `name` names a country (or a demonym of one when `demonym`). */
export function countryCode(name: string, demonym = false): string | undefined {
  if (demonym) return DEMONYM_TO_CODE.get(name);
  // getAlpha2Code scans every country on each call; tagging asks for the same names again and again.
  if (CODE_CACHE.has(name)) return CODE_CACHE.get(name);
  const code = COUNTRY_ALIASES[name] ?? countries.getAlpha2Code(name, "en") ?? undefined;
  if (CODE_CACHE.size < 50_000) CODE_CACHE.set(name, code);
  return code;
}

const CODE_CACHE = new Map<string, string | undefined>();

/** Maps a token's text to the form the models were trained on (CoNLL quotes and apostrophes). */
export function normalizeWord(w: string): string {
  return w
    .replace(/[’‘`]/g, "'")
    .replace(/[“”„«»]/g, '"')
    .replace(/[–—]/g, "-");
}

/** Turns a margin (best minus second-best score) into a 0..1 confidence. */
function confidenceOf(res: TagResult, span: Span): number {
  let m = Infinity;
  for (let i = span.start; i < span.end; i++) m = Math.min(m, res.margins[i]!);
  return Math.round((1 / (1 + Math.exp(-m / 4))) * 1000) / 1000;
}

/** Cuts a span before a separator token ("JOSEPH FITSANAKIS | intelNews.org"); null when nothing is left. */
function cutAtSeparator(words: readonly string[], sp: Span): Span | null {
  for (let i = sp.start; i < sp.end; i++) {
    if (/^[|•·/\\]$/.test(words[i]!)) return i > sp.start ? { ...sp, end: i } : null;
  }
  return sp;
}

/** Whether the span is exactly an entry of the tagger's gazetteer list `list`. */
function inList(tagger: TwoPassTagger, words: readonly string[], sp: Span, list: string): boolean {
  const gaz = tagger.gazetteer;
  if (!gaz) return false;
  const id = gaz.lists.findIndex((l) => l.name === list);
  if (id < 0) return false;
  return gaz
    .match(words, sp.start, sp.end)
    .some((h) => h.start === sp.start && h.end === sp.end && h.list === id);
}

const MALWARE_HEADS = /^(ransomware|malware|trojan|backdoor|worm|rat|botnet|wiper|loader|implant|rootkit)$/i;

/**
 * Malware or tool: a trailing head noun decides ("WannaCry ransomware"), then the MISP/ATT&CK lists
 * when the name is in exactly one of them, then the model.
 */
function softwareType(tagger: TwoPassTagger, words: readonly string[], sp: Span): EntityType {
  const type = sp.type as EntityType;
  if (type !== "malware" && type !== "tool") return type;
  const last = words[sp.end - 1]!;
  if (MALWARE_HEADS.test(last)) return "malware";
  if (/^tool$/i.test(last)) return "tool";
  const mal = inList(tagger, words, sp, "kb:malware");
  const tool = inList(tagger, words, sp, "kb:tool");
  if (mal && !tool) return "malware";
  if (tool && !mal) return "tool";
  return type;
}

/**
 * Document-level consistency for CTI names: a name tagged once ("Bureau 121" as a threat actor)
 * is given the same type at its other, untagged occurrences in the document, before the news
 * tagger reads them (it would take "Bureau" there for a person). Capitalized names only.
 */
function propagate(
  words: readonly string[],
  found: readonly Mention[],
  tokens: readonly Token[],
  taken: Uint8Array,
  push: (span: Span, label: EntityType, conf: number) => void,
): void {
  const byFirst = new Map<string, { words: string[]; label: EntityType; conf: number }[]>();
  const startOf = new Map<number, number>();
  tokens.forEach((t, i) => {
    startOf.set(t.start, i);
  });
  for (const m of found) {
    const i = startOf.get(m.start);
    if (i === undefined || m.label === "sector") continue;
    let j = i;
    while (j < tokens.length && tokens[j]!.end <= m.end) j++;
    const seq = words.slice(i, j);
    if (seq.length === 0 || !/^\p{Lu}/u.test(seq[0]!)) continue;
    const list = byFirst.get(seq[0]!) ?? [];
    list.push({ words: seq, label: m.label as EntityType, conf: m.confidence });
    byFirst.set(seq[0]!, list);
  }
  for (let i = 0; i < words.length; i++) {
    const cands = byFirst.get(words[i]!);
    if (!cands || taken[i]) continue;
    for (const c of cands) {
      const end = i + c.words.length;
      if (end > words.length) continue;
      let ok = true;
      for (let k = 0; k < c.words.length && ok; k++) ok = words[i + k] === c.words[k] && !taken[i + k];
      if (!ok) continue;
      push({ start: i, end, type: c.label }, c.label, c.conf);
      break;
    }
  }
}

/**
 * Sets a bundle up as Dossier runs it: the CTI tagger's second pass re-reads only the sentences
 * that matter for the types Dossier takes from it (TwoPassTagger.secondPassOnlyFor; on the CTI dev
 * sets the same F1 within 0.001, and about 10% faster tagging of news text).
 */
export function configureBundle(bundle: TaggerBundle): TaggerBundle {
  bundle.taggers.cti?.secondPassOnlyFor([...CTI_OUTPUT]);
  return bundle;
}

/** The news tagger runs first: the CTI tagger starts from its local features. */
const TAGGER_ORDER = ["news", "cti"] as const;

export class DossierNer implements NerTagger {
  /**
   * Scores both taggers' local features in one pass (null with a single tagger, or taggers that
   * do not share their word cache). Built here rather than on the first document, so that loading
   * the tagger is the whole cost of getting it ready.
   */
  private readonly scorer: BundleScorer | null;

  constructor(readonly bundle: TaggerBundle) {
    configureBundle(bundle);
    const taggers = TAGGER_ORDER.map((name) => bundle.taggers[name]).filter((t) => t !== undefined);
    this.scorer =
      taggers.length > 1 && taggers.every((t) => t.wi === taggers[0]!.wi) ? new BundleScorer(taggers) : null;
  }

  /**
   * Both taggers over one document (words and sentences): the news tagger first, so that the CTI
   * tagger can start from its local features, then (when their models merge) one lookup per
   * feature for the four models. Tags and margins per tagger, before any mapping to mentions.
   */
  tagWords(doc: FeatDoc): Record<"news" | "cti", { tagger: TwoPassTagger; res: TagResult } | null> {
    const named = TAGGER_ORDER.map((name) => this.bundle.taggers[name] ?? null);
    const taggers = named.filter((t): t is TwoPassTagger => t !== null);
    const prepared: PreparedDoc[] = [];
    taggers.forEach((t, k) => {
      prepared.push(t.prepare(doc, k > 0 ? taggers[k - 1] : undefined));
    });
    const scorer = this.scorer;
    const first = prepared[0];
    const scores =
      scorer && first
        ? scorer.score(
            prepared.map((p) => p.feats),
            first.doc.sentences,
            first.doc.words.length,
            prepared.every((p) => p.idsValid) ? first.ids : null,
            first.generation,
          )
        : null;
    const results = taggers.map((t, k) => {
      const pre: [StaticScores, StaticScores | null] | undefined =
        scorer && scores
          ? [
              { scores, stride: scorer.columns, base: scorer.bases[k]![0] },
              scorer.bases[k]![1] >= 0 ? { scores, stride: scorer.columns, base: scorer.bases[k]![1] } : null,
            ]
          : undefined;
      return { tagger: t, res: t.decodePrepared(prepared[k]!, true, pre) };
    });
    const of = (t: TwoPassTagger | null) => (t ? results[taggers.indexOf(t)]! : null);
    return { news: of(named[0]!), cti: of(named[1]!) };
  }

  tag(input: { text: string; tokens: Token[]; sentences: Sentence[] }): Mention[] {
    const { text, tokens, sentences } = input;
    const doc: FeatDoc = {
      words: tokens.map((t) => normalizeWord(t.text)),
      sentences: sentences.map((s) => [s.firstToken, s.lastToken] as [number, number]),
    };
    const mentions: Mention[] = [];
    const taken = new Uint8Array(tokens.length);
    const push = (span: Span, label: EntityType, conf: number, canonical?: string) => {
      const start = tokens[span.start]!.start;
      const end = tokens[span.end - 1]!.end;
      const m: Mention = { start, end, text: text.slice(start, end), label, source: "ner", confidence: conf };
      if (canonical) m.canonical = canonical;
      mentions.push(m);
      for (let i = span.start; i < span.end; i++) taken[i] = 1;
    };
    // The news tagger runs first so that the CTI tagger can start from its local features; the
    // CTI tagger's names still go first below.
    const { news, cti } = this.tagWords(doc);
    if (cti) {
      for (const raw of spansFromTags(cti.tagger.pass1.tags, cti.res.tags)) {
        const sp = cutAtSeparator(doc.words, raw);
        if (!sp || !CTI_OUTPUT.has(sp.type)) continue;
        // Sectors are common nouns ("banks", "government agencies"): a capitalized span is a name.
        if (sp.type === "sector" && !/^\p{Ll}/u.test(doc.words[sp.start]!)) continue;
        const type = softwareType(cti.tagger, doc.words, sp);
        push(sp, type, confidenceOf(cti.res, sp));
      }
      propagate(doc.words, mentions.slice(), tokens, taken, push);
    }
    if (news) {
      for (const raw of spansFromTags(news.tagger.pass1.tags, news.res.tags)) {
        const sp = cutAtSeparator(doc.words, raw);
        if (!sp) continue;
        let overlap = false;
        for (let i = sp.start; i < sp.end; i++) if (taken[i]) overlap = true;
        if (overlap) continue;
        const surface = text.slice(tokens[sp.start]!.start, tokens[sp.end - 1]!.end);
        let label = NEWS_TYPES[sp.type] ?? null;
        let canonical: string | undefined;
        // A bare demonym read as an organization ("North Korean" officials) is the country too.
        const demonymOrg = sp.type === "ORG" ? countryCode(surface, true) : undefined;
        const code = demonymOrg ?? (sp.type === "MISC" ? countryCode(surface, true) : countryCode(surface));
        if (code && (sp.type !== "ORG" || demonymOrg)) {
          label = "country";
          canonical = CANONICAL_COUNTRY_NAMES[code] ?? countries.getName(code, "en") ?? undefined;
        } else if (sp.type === "PER" && inList(news.tagger, doc.words, sp, "city")) {
          // A city name read as a person ("capital Pyongyang"): places are the likelier reading here.
          label = "location";
        } else if (
          sp.type === "ORG" &&
          /^(Province|Prefecture|Region|County|District)$/.test(doc.words[sp.end - 1]!)
        ) {
          label = "location";
        }
        if (label) push(sp, label, confidenceOf(news.res, sp), canonical);
      }
    }
    return mentions.sort((a, b) => a.start - b.start || b.end - a.end);
  }
}

/** Loads the tagger from a model file (default: the committed model under models/). */
export function loadNerTagger(modelPath: string = DEFAULT_MODEL_PATH): NerTagger {
  return new DossierNer(readBundle(readFileSync(modelPath)));
}

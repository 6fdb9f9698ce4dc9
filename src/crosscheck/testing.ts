/** Builders of hand-made claims and documents for the cross-checking tests (test/crosscheck-*.test.ts). */
import type { ClaimJson, DocInfo, EntityRef } from "./index.js";

export function ent(id: string, name: string, type = "organization"): EntityRef {
  return { id, name, type };
}

export function doc(id: string, publisher: string, published: string, text: string, title = id): DocInfo {
  return { id, title, publisher, published, text };
}

let counter = 0;

export interface ClaimSpec {
  id?: string;
  subject: EntityRef;
  predicate: string;
  object?: EntityRef | null;
  value?: ClaimJson["value"];
  polarity?: "positive" | "negative";
  hedged?: boolean;
  speaker?: EntityRef | null;
  via?: string[];
  when?: string | null;
  doc: DocInfo;
  quote?: string;
}

export function claim(s: ClaimSpec): ClaimJson {
  counter++;
  return {
    id: s.id ?? `c${counter}`,
    subject: s.subject,
    predicate: s.predicate,
    object: s.object ?? null,
    value: s.value ?? null,
    polarity: s.polarity ?? "positive",
    hedged: s.hedged ?? false,
    speaker: s.speaker ?? null,
    via: (s.via ?? []).map((name) => ({ id: `v-${name}`, name })),
    // As the extractor does: a date-valued claim is about the time it gives.
    when: s.when ?? (s.value?.kind === "date" && typeof s.value.iso === "string" ? s.value.iso : null),
    document: { id: s.doc.id, title: s.doc.title, source: `${s.doc.id}.txt` },
    quote: s.quote ?? "",
    start: counter * 10,
    end: counter * 10 + 5,
    confidence: 0.9,
    cues: { hedge: [], negation: [] },
    rule: "fixture",
    published: s.doc.published,
    publisher: s.doc.publisher,
  };
}

export function money(
  text: string,
  value: number,
  currency: string,
  approximate = false,
): ClaimJson["value"] {
  return { kind: "money", text, value, currency, approximate };
}

export function qty(
  text: string,
  value: number,
  unit: string | null,
  approximate = false,
): ClaimJson["value"] {
  return { kind: "quantity", text, value, unit, approximate };
}

export function date(text: string, iso?: string, approximate = false): ClaimJson["value"] {
  return iso ? { kind: "date", text, iso, approximate } : { kind: "date", text };
}

/** A deterministic pseudo-article of `n` sentences, different for each seed word. */
export function article(seed: string, n = 30): string {
  const words =
    "grid power hackers agency officers malware network attack report court prosecutors analysts ministry port terminal bank transfer servers update phishing".split(
      " ",
    );
  let x = [...seed].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const s: string[] = [];
    for (let j = 0; j < 12; j++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      s.push(words[(x >>> 8) % words.length]!);
    }
    out.push(`${s.join(" ")}.`);
  }
  return out.join(" ");
}

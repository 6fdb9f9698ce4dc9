/**
 * Test fixtures for the server and browser tests (not a test file itself).
 *
 * The claims, conflicts, merge and ACH stages are being built by other engineers, so these tests
 * stand them in from the example corpus's hand-made answers, examples/gold.json:
 *  - `goldNameStage` marks the gold entities' names and aliases in the text (a stand-in for NER and
 *    resolution: "Pak Jin Hek" and "Park Jin Hyok" get one canonical name, so one entity);
 *  - `withGoldStandIns(repo)` gives a real Repository the methods the server's adapter looks for
 *    (listClaims, listConflicts, achMatrix) as own properties, answering from the gold claims located
 *    in the stored text; they shadow the store's own claims (if its claims stage has run), so the
 *    browser tests see the same claims whatever that stage finds today. Everything else is real.
 *  - `suggestMerge` writes an open merge suggestion into the real merge_suggestions table, as the
 *    resolver would, so that accept/undo run the store's real merge code.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Mention } from "../src/model/types.js";
import type { EntityStage, Stages } from "../src/pipeline/stages.js";
import { ruleStage } from "../src/pipeline/stages.js";
import { foldName } from "../src/resolve/keys.js";
import type { ClaimJson, ConflictJson, EntityRef } from "../src/server/data.js";
import type { EntitySummary, Repository } from "../src/store/repository.js";

export const REPORTS_DIR = fileURLToPath(new URL("../examples/reports/", import.meta.url));

interface GoldEntity {
  key: string;
  name: string;
  type: string;
  aliases: string[];
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
}
interface Gold {
  entities: GoldEntity[];
  claims: GoldClaim[];
  conflicts: { claims: string[]; kind: string; note?: string }[];
  documents: { file: string; published: string | null }[];
}

export const gold = JSON.parse(
  readFileSync(new URL("../examples/gold.json", import.meta.url), "utf8"),
) as Gold;

const NAMED_TYPES = new Set(["person", "threat-actor", "organization", "malware", "campaign", "tool"]);

/** Marks gold names and aliases of named types (longest first, whole words) with the gold name as canonical. */
export const goldNameStage: EntityStage = (doc, body) => {
  const names: { text: string; name: string; type: string }[] = [];
  for (const e of gold.entities) {
    if (!NAMED_TYPES.has(e.type)) continue;
    for (const a of [e.name, ...e.aliases]) {
      // One-word aliases starting lower-case ("the colonel") are too loose for a fixture.
      if (a.length < 4 || /^[a-z]/.test(a)) continue;
      names.push({ text: a, name: e.name, type: e.type });
    }
  }
  names.sort((a, b) => b.text.length - a.text.length);
  const out: Mention[] = [];
  const taken: [number, number][] = [];
  for (const n of names) {
    const re = new RegExp(
      `(?<![\\p{L}\\p{N}])${n.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}])`,
      "gu",
    );
    for (const m of doc.text.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + n.text.length;
      if (!body.some((b) => start >= b.start && end <= b.end)) continue;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      taken.push([start, end]);
      out.push({
        start,
        end,
        text: n.text,
        label: n.type as Mention["label"],
        source: "fixture:gold",
        canonical: n.name,
        confidence: 0.9,
      });
    }
  }
  return out;
};

/**
 * The rule layer (dates, quantities, indicators, places) and the gold names. The statistical NER is
 * left out so that these tests do not move when its model is retrained.
 */
export function fixtureStages(): Stages {
  return { entityStages: [ruleStage, goldNameStage] };
}

/** The real Repository plus stand-ins, from examples/gold.json, for the stages not built yet. */
class GoldStandIns {
  constructor(private readonly repo: Repository) {}

  private async refs(): Promise<(key: string | null) => EntityRef | null> {
    const entities = await this.repo.listEntities();
    const byFold = new Map<string, EntitySummary>();
    for (const e of entities)
      for (const n of [e.name, ...e.aliases]) if (!byFold.has(foldName(n))) byFold.set(foldName(n), e);
    return (key) => {
      if (!key) return null;
      const g = gold.entities.find((x) => x.key === key);
      if (!g) return null;
      const hit = [g.name, ...g.aliases]
        .map((n) => byFold.get(foldName(n)))
        .find((x) => x && x.type === g.type);
      return hit
        ? { id: hit.id, name: hit.name, type: hit.type }
        : { id: `gold-${g.key}`, name: g.name, type: g.type };
    };
  }

  async listClaims(filter: { entity?: string; document?: string } = {}): Promise<ClaimJson[]> {
    const ref = await this.refs();
    const docs = await this.repo.listDocuments();
    const out: ClaimJson[] = [];
    for (const c of gold.claims) {
      const d = docs.find((x) => x.source.endsWith(c.document) || x.title === titleOf(c.document));
      if (!d) continue;
      const stored = await this.repo.getDocument(d.id);
      const start = stored?.text.indexOf(c.evidence) ?? -1;
      if (!stored || start < 0) continue;
      const subject = ref(c.subject)!;
      const object = ref(c.object);
      const claim: ClaimJson = {
        id: c.id,
        subject,
        predicate: c.predicate,
        object,
        value: c.value ? { kind: "text", text: c.value } : null,
        polarity: c.polarity,
        hedged: c.hedged,
        speaker: ref(c.speaker),
        via: [],
        when: /^\d{4}/.test(c.value ?? "") ? (c.value ?? "").slice(0, 4) : null,
        document: { id: d.id, title: d.title, source: d.source },
        quote: c.evidence,
        start,
        end: start + c.evidence.length,
        confidence: 1,
        cues: { hedge: [], negation: [] },
        rule: "gold",
        published: d.published,
        publisher: d.publisher,
      };
      if (filter.document && d.id !== filter.document) continue;
      if (filter.entity && ![subject, object, claim.speaker].some((r) => r?.id === filter.entity)) continue;
      out.push(claim);
    }
    return out;
  }

  async listConflicts(): Promise<ConflictJson[]> {
    const ids = new Set((await this.listClaims()).map((c) => c.id));
    return gold.conflicts
      .filter((c) => c.claims.every((id) => ids.has(id)))
      .map((c, i) => ({ id: `x${i + 1}`, kind: c.kind, claims: c.claims, explanation: c.note ?? "" }));
  }

  async achMatrix() {
    // Hypotheses: who is behind the 2021 customs breach; evidence: the claims about it.
    const claims = (await this.listClaims()).filter((c) => c.predicate === "attributed-to" && c.object);
    const subject =
      claims.find((c) => c.subject.name.toLowerCase().includes("customs"))?.subject ?? claims[0]?.subject;
    const about = claims.filter((c) => c.subject.id === subject?.id);
    const hyps = [...new Map(about.map((c) => [c.object!.id, c.object!])).values()];
    const cells: Record<string, Record<string, string>> = {};
    for (const c of about) cells[c.id] = { [c.object!.id]: c.polarity === "positive" ? "C" : "I" };
    return {
      question: `Who is behind ${subject?.name ?? "?"}`,
      hypotheses: hyps.map((h) => ({ id: h.id, label: h.name })),
      evidence: about.map((c) => ({ id: c.id, label: `${c.speaker?.name ?? "the document"}: “${c.quote}”` })),
      cells,
    };
  }
}

/** The repository, with the gold stand-ins as own properties (see the header). */
export function withGoldStandIns(repo: Repository): Repository {
  const g = new GoldStandIns(repo);
  for (const name of ["listClaims", "listConflicts", "achMatrix"] as const) {
    Object.defineProperty(repo, name, { value: g[name].bind(g), configurable: true, writable: true });
  }
  return repo;
}

function titleOf(file: string): string | undefined {
  return (gold as unknown as { documents: { file: string; title?: string }[] }).documents.find(
    (d) => d.file === file,
  )?.title;
}

/** An open merge suggestion between two stored entities, written where the resolver writes them. */
export async function suggestMerge(
  repo: Repository,
  aId: string,
  bId: string,
  reason: string,
): Promise<string> {
  const id = `sfixture${aId.slice(1, 6)}${bId.slice(1, 6)}`;
  await repo.db
    .insertInto("merge_suggestions")
    .values({
      id,
      a_id: aId,
      b_id: bId,
      score: 0.5,
      reasons_json: JSON.stringify([reason]),
      status: "open",
      created_at: new Date().toISOString(),
      decided_at: null,
      decided_by: null,
      merge_id: null,
    })
    .execute();
  return id;
}

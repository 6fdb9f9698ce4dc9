/**
 * Cross-document resolution over the store: builds a candidate per surviving entity (names, aliases,
 * documents, and context from claims: roles, affiliations, countries, co-mentioned entities), lets
 * src/resolve cluster them, then records automatic merges above the threshold and suggestions below
 * it. Decisions an analyst took (a rejected suggestion, an undone merge) are never re-made.
 */
import { createHash } from "node:crypto";
import { type Candidate, type ClusterResult, clusterEntities } from "../resolve/score.js";
import type { Db } from "./connect.js";
import { mergeEntities, rootMap, rootOf } from "./merges.js";

export const RESOLVED_TYPES = ["person", "organization", "threat-actor"];

export interface ResolutionSummary {
  candidates: number;
  merged: number;
  suggested: number;
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export function suggestionId(a: string, b: string): string {
  return `s${createHash("sha256").update(pairKey(a, b)).digest("hex").slice(0, 12)}`;
}

export async function runResolution(db: Db, actor = "dossier", now = new Date()): Promise<ResolutionSummary> {
  const roots = await rootMap(db);
  const entities = await db
    .selectFrom("entities")
    .select(["id", "name", "type", "created_at"])
    .where("type", "in", RESOLVED_TYPES)
    .where("merged_into", "is", null)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  if (entities.length < 2) return { candidates: entities.length, merged: 0, suggested: 0 };
  const index = new Map(entities.map((e, i) => [e.id, i]));
  const candidates: Candidate[] = entities.map((e) => ({
    name: e.name,
    type: e.type,
    aliases: [],
    documents: [],
    context: { roles: [], affiliations: [], countries: [], coEntities: [] },
  }));
  const at = (id: string | null) => (id ? index.get(rootOf(roots, id)) : undefined);

  for (const a of await db.selectFrom("entity_aliases").select(["entity_id", "alias"]).execute()) {
    const i = at(a.entity_id);
    if (i !== undefined && !candidates[i]!.aliases.includes(a.alias) && a.alias !== candidates[i]!.name) {
      candidates[i]!.aliases.push(a.alias);
    }
  }
  const docEntities = new Map<string, Set<number>>();
  for (const m of await db
    .selectFrom("mentions")
    .select(["entity_id", "document_id"])
    .where("entity_id", "is not", null)
    .groupBy(["entity_id", "document_id"])
    .execute()) {
    const i = at(m.entity_id);
    if (i === undefined) continue;
    if (!candidates[i]!.documents.includes(m.document_id)) candidates[i]!.documents.push(m.document_id);
    const set = docEntities.get(m.document_id) ?? new Set<number>();
    set.add(i);
    docEntities.set(m.document_id, set);
  }
  // Context from claims: roles, affiliations and places, which tell two people of one name apart.
  const names = new Map<string, string>();
  for (const e of await db.selectFrom("entities").select(["id", "name"]).execute()) names.set(e.id, e.name);
  for (const c of await db
    .selectFrom("claims")
    .select(["subject_id", "predicate", "object_id", "value_json"])
    .where("predicate", "in", ["role", "affiliated-with", "located-at"])
    .execute()) {
    const i = at(c.subject_id);
    if (i === undefined) continue;
    const ctx = candidates[i]!.context;
    if (c.predicate === "role" && c.value_json)
      ctx.roles.push((JSON.parse(c.value_json) as { text: string }).text);
    const objectName = c.object_id ? names.get(rootOf(roots, c.object_id)) : undefined;
    if (c.predicate === "affiliated-with" && objectName) ctx.affiliations.push(objectName);
    if (c.predicate === "located-at" && objectName) ctx.countries.push(objectName);
  }
  for (const members of docEntities.values()) {
    for (const i of members) {
      const ctx = candidates[i]!.context;
      for (const j of members)
        if (j !== i && ctx.coEntities.length < 40) ctx.coEntities.push(candidates[j]!.name);
    }
  }

  // Merges join entities of one type (an organization and a threat actor of one name stay two, with
  // a suggestion when the names match), so each type is clustered on its own.
  const result: ClusterResult = { clusters: [], suggestions: [], merges: [] };
  for (const type of RESOLVED_TYPES) {
    const members = candidates.flatMap((c, i) => (c.type === type ? [i] : []));
    const part = clusterEntities(members.map((i) => candidates[i]!));
    const back = (k: number) => members[k]!;
    result.clusters.push(...part.clusters.map((cl) => cl.map(back)));
    result.suggestions.push(...part.suggestions.map((p) => ({ ...p, a: back(p.a), b: back(p.b) })));
    result.merges.push(...part.merges.map((p) => ({ ...p, a: back(p.a), b: back(p.b) })));
  }
  // Pairs an analyst already decided on: rejected suggestions and undone merges stay as decided.
  const decided = new Set<string>();
  for (const s of await db.selectFrom("merge_suggestions").select(["a_id", "b_id", "status"]).execute()) {
    if (s.status === "rejected") decided.add(pairKey(s.a_id, s.b_id));
  }
  for (const m of await db
    .selectFrom("merges")
    .select(["survivor_id", "absorbed_id"])
    .where("undone_at", "is not", null)
    .execute()) {
    decided.add(pairKey(m.survivor_id, m.absorbed_id));
  }

  let merged = 0;
  for (const cluster of result.clusters) {
    if (cluster.length < 2) continue;
    // The survivor is the best-named member: a full name over a bare surname or description, then the
    // one named in most documents, then the longer name, then the oldest.
    const words = (i: number) => Math.min(3, candidates[i]!.name.split(/\s+/).length);
    const ranked = [...cluster].sort(
      (x, y) =>
        words(y) - words(x) ||
        candidates[y]!.documents.length - candidates[x]!.documents.length ||
        candidates[y]!.name.length - candidates[x]!.name.length ||
        x - y,
    );
    const survivor = ranked[0]!;
    for (const other of ranked.slice(1)) {
      const a = entities[survivor]!.id;
      const b = entities[other]!.id;
      if (decided.has(pairKey(a, b))) continue;
      const evidence = result.merges.find(
        (p) => (cluster.includes(p.a) && p.b === other) || (cluster.includes(p.b) && p.a === other),
      );
      await mergeEntities(db, a, b, {
        kind: "auto",
        actor,
        score: evidence?.score ?? null,
        reasons: evidence?.reasons ?? ["joined the cluster of a name it matches"],
        now,
      });
      merged++;
    }
  }

  let suggested = 0;
  const rootsNow = await rootMap(db);
  for (const s of result.suggestions) {
    const a = rootOf(rootsNow, entities[s.a]!.id);
    const b = rootOf(rootsNow, entities[s.b]!.id);
    if (a === b || decided.has(pairKey(a, b))) continue;
    const id = suggestionId(a, b);
    const [first, second] = [a, b].sort() as [string, string];
    const exists = await db
      .selectFrom("merge_suggestions")
      .select("id")
      .where("id", "=", id)
      .executeTakeFirst();
    if (exists) continue;
    await db
      .insertInto("merge_suggestions")
      .values({
        id,
        a_id: first,
        b_id: second,
        score: s.score,
        reasons_json: JSON.stringify(s.reasons),
        status: "open",
        created_at: now.toISOString(),
        decided_at: null,
        decided_by: null,
        merge_id: null,
      })
      .execute();
    suggested++;
  }
  return { candidates: candidates.length, merged, suggested };
}

/** Merge suggestions under review: list, accept (which merges, logged) and reject (kept, never re-suggested). */
import type { Db } from "./connect.js";
import { MergeError, mergeEntities, rootMap, rootOf } from "./merges.js";

export interface SuggestionRecord {
  id: string;
  a: { id: string; name: string; type: string };
  b: { id: string; name: string; type: string };
  score: number;
  reasons: string[];
  status: "open" | "accepted" | "rejected";
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  mergeId: string | null;
}

export async function listSuggestions(db: Db, status?: string): Promise<SuggestionRecord[]> {
  let q = db
    .selectFrom("merge_suggestions as s")
    .innerJoin("entities as a", "a.id", "s.a_id")
    .innerJoin("entities as b", "b.id", "s.b_id")
    .select([
      "s.id",
      "s.a_id",
      "a.name as a_name",
      "a.type as a_type",
      "s.b_id",
      "b.name as b_name",
      "b.type as b_type",
      "s.score",
      "s.reasons_json",
      "s.status",
      "s.created_at",
      "s.decided_at",
      "s.decided_by",
      "s.merge_id",
    ]);
  if (status) q = q.where("s.status", "=", status);
  const rows = await q.orderBy("s.score", "desc").orderBy("s.id").execute();
  const roots = await rootMap(db);
  return rows
    .map((r) => ({
      id: r.id,
      a: { id: r.a_id, name: r.a_name, type: r.a_type },
      b: { id: r.b_id, name: r.b_name, type: r.b_type },
      score: r.score,
      reasons: JSON.parse(r.reasons_json) as string[],
      status: r.status as SuggestionRecord["status"],
      createdAt: r.created_at,
      decidedAt: r.decided_at,
      decidedBy: r.decided_by,
      mergeId: r.merge_id,
    }))
    .filter((s) => s.status !== "open" || rootOf(roots, s.a.id) !== rootOf(roots, s.b.id));
}

export async function decideSuggestion(
  db: Db,
  id: string,
  decision: "accept" | "reject",
  actor: string,
  now = new Date(),
): Promise<{ mergeId: string | null }> {
  return db.transaction().execute(async (trx) => {
    const s = await trx.selectFrom("merge_suggestions").selectAll().where("id", "=", id).executeTakeFirst();
    if (!s) throw new MergeError(`no merge suggestion ${id} (see: dossier merges)`);
    if (s.status !== "open") throw new MergeError(`suggestion ${id} was already ${s.status}`);
    let mergeId: string | null = null;
    if (decision === "accept") {
      mergeId = await mergeEntities(trx, s.a_id, s.b_id, {
        kind: "manual",
        actor,
        score: s.score,
        reasons: [`accepted suggestion ${id}`, ...(JSON.parse(s.reasons_json) as string[])],
        now,
      });
    }
    await trx
      .updateTable("merge_suggestions")
      .set({
        status: decision === "accept" ? "accepted" : "rejected",
        decided_at: now.toISOString(),
        decided_by: actor,
        merge_id: mergeId,
      })
      .where("id", "=", id)
      .execute();
    return { mergeId };
  });
}

/**
 * Knowledge-base records (MISP galaxy clusters, ATT&CK objects) in the store, and their associations
 * with Dossier's entities. An entity whose name a record lists is associated with that record, with
 * the source named; nothing is merged on it.
 */
import { createHash } from "node:crypto";
import { type KnowledgeRecord, sourceLabel } from "../kb/index.js";
import { foldName } from "../resolve/keys.js";
import type { Db } from "./connect.js";

export interface StoredAssociation {
  /** "name": the record is this entity (its own name matches); "alias": the record lists the name as a synonym. */
  via: "name" | "alias";
  matched: string;
  record: {
    id: string;
    source: string;
    sourceLabel: string;
    sourceId: string;
    name: string;
    type: string;
    country: string | null;
    externalIds: string[];
    aliases: string[];
  };
  /** Plain-language statement with its source. */
  statement: string;
}

export async function importKnowledge(
  db: Db,
  records: KnowledgeRecord[],
  now = new Date(),
): Promise<{ imported: number; names: number }> {
  let names = 0;
  await db.transaction().execute(async (trx) => {
    for (const r of records) {
      const id = `k${createHash("sha256").update(`${r.source}\u0000${r.sourceId}`).digest("hex").slice(0, 12)}`;
      await trx.deleteFrom("kb_records").where("id", "=", id).execute();
      await trx.deleteFrom("kb_names").where("record_id", "=", id).execute();
      await trx
        .insertInto("kb_records")
        .values({
          id,
          source: r.source,
          source_id: r.sourceId,
          name: r.name,
          type: r.type,
          country: r.country ?? null,
          external_ids_json: JSON.stringify(r.externalIds),
          description: r.description ?? null,
          imported_at: now.toISOString(),
        })
        .execute();
      const rows = [
        { record_id: id, name: r.name, folded: foldName(r.name), is_primary: 1 },
        ...[...new Set(r.aliases)].map((a) => ({
          record_id: id,
          name: a,
          folded: foldName(a),
          is_primary: 0,
        })),
      ].filter((x) => x.folded);
      for (let i = 0; i < rows.length; i += 200)
        await trx
          .insertInto("kb_names")
          .values(rows.slice(i, i + 200))
          .execute();
      names += rows.length;
    }
  });
  return { imported: records.length, names };
}

/** Associations of the names of one entity (its name and aliases) with knowledge-base records. */
export async function associationsFor(
  db: Db,
  entityName: string,
  names: string[],
): Promise<StoredAssociation[]> {
  const folded = [...new Set([entityName, ...names].map(foldName).filter(Boolean))];
  if (folded.length === 0) return [];
  const hits = await db
    .selectFrom("kb_names as n")
    .innerJoin("kb_records as r", "r.id", "n.record_id")
    .select([
      "r.id",
      "r.source",
      "r.source_id",
      "r.name",
      "r.type",
      "r.country",
      "r.external_ids_json",
      "n.name as matched",
      "n.is_primary",
    ])
    .where("n.folded", "in", folded)
    .orderBy("n.is_primary", "desc")
    .orderBy("r.source")
    .orderBy("r.name")
    .execute();
  const out: StoredAssociation[] = [];
  const seen = new Set<string>();
  for (const h of hits) {
    if (seen.has(h.id)) continue;
    seen.add(h.id);
    const aliases = await db
      .selectFrom("kb_names")
      .select("name")
      .where("record_id", "=", h.id)
      .where("is_primary", "=", 0)
      .orderBy("name")
      .execute();
    const label = sourceLabel(h.source as KnowledgeRecord["source"]);
    const idLabel = h.source.startsWith("misp-galaxy:") ? "uuid" : "id";
    const via = h.is_primary ? "name" : "alias";
    out.push({
      via,
      matched: h.matched,
      record: {
        id: h.id,
        source: h.source,
        sourceLabel: label,
        sourceId: h.source_id,
        name: h.name,
        type: h.type,
        country: h.country,
        externalIds: JSON.parse(h.external_ids_json) as string[],
        aliases: aliases.map((a) => a.name),
      },
      statement:
        via === "name"
          ? `${entityName} is known to ${label} as ${h.name} (${idLabel} ${h.source_id})`
          : `${entityName} is listed by ${label} as an alias of ${h.name} (${idLabel} ${h.source_id}); associated, not merged`,
    });
  }
  return out;
}

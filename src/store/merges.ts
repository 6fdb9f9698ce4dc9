/**
 * Reviewable, undoable entity merges.
 *
 * A merge never rewrites mentions, claims or aliases: it points the absorbed entity (and whatever
 * already pointed at it) at the surviving root through `entities.merged_into`, and records in the
 * audit log (`merges`) who decided, when, why and which pointers changed. Undo puts those pointers
 * back, so the earlier state returns exactly, aliases and their provenance included. A split moves
 * chosen mentions (and the claims whose arguments they are) to a new entity, recording each move.
 */
import { createHash, randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { Db } from "./connect.js";
import type { Database } from "./schema.js";

type Executor = Db | Transaction<Database>;

export class MergeError extends Error {}

export interface MergeRecord {
  id: string;
  kind: "auto" | "manual" | "split";
  survivor: { id: string; name: string };
  absorbed: { id: string; name: string };
  score: number | null;
  reasons: string[];
  actor: string;
  createdAt: string;
  undoneAt: string | null;
  undoneBy: string | null;
}

interface PointerChange {
  entity: string;
  from: string | null;
  to: string | null;
}

interface SplitChanges {
  mentions: { id: number; from: string }[];
  claims: { id: string; column: "subject_id" | "object_id" | "speaker_id"; from: string }[];
  aliases: { alias: string; provenance: string }[];
}

/** Root (surviving) entity id of every merged entity; an entity not in the map is its own root. */
export async function rootMap(db: Executor): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("entities")
    .select(["id", "merged_into"])
    .where("merged_into", "is not", null)
    .execute();
  return new Map(rows.map((r) => [r.id, r.merged_into!]));
}

export function rootOf(map: Map<string, string>, id: string): string {
  let at = id;
  for (let i = 0; i < 64 && map.has(at); i++) at = map.get(at)!;
  return at;
}

function newId(prefix: string, ...parts: string[]): string {
  return `${prefix}${createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 12)}`;
}

/** Folds `absorbed` (and everything already folded into it) into the root of `survivor`. */
export async function mergeEntities(
  db: Executor,
  survivorId: string,
  absorbedId: string,
  decision: { kind: "auto" | "manual"; actor: string; score?: number | null; reasons: string[]; now?: Date },
): Promise<string> {
  const roots = await rootMap(db);
  const survivor = rootOf(roots, survivorId);
  const absorbed = rootOf(roots, absorbedId);
  if (survivor === absorbed) throw new MergeError(`${survivorId} and ${absorbedId} are already one entity`);
  const pair = await db
    .selectFrom("entities")
    .select(["id", "type"])
    .where("id", "in", [survivor, absorbed])
    .execute();
  if (pair.length !== 2)
    throw new MergeError(`no entity ${pair.some((p) => p.id === survivor) ? absorbedId : survivorId}`);
  const [ta, tb] = [pair.find((p) => p.id === survivor)!.type, pair.find((p) => p.id === absorbed)!.type];
  if (ta !== tb) throw new MergeError(`cannot merge a ${tb} into a ${ta}`);

  const changes: PointerChange[] = [{ entity: absorbed, from: null, to: survivor }];
  for (const [id, to] of roots)
    if (to === absorbed) changes.push({ entity: id, from: absorbed, to: survivor });
  const now = (decision.now ?? new Date()).toISOString();
  const id = `m${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  for (const c of changes)
    await db.updateTable("entities").set({ merged_into: c.to }).where("id", "=", c.entity).execute();
  await db
    .insertInto("merges")
    .values({
      id,
      kind: decision.kind,
      survivor_id: survivor,
      absorbed_id: absorbed,
      score: decision.score ?? null,
      reasons_json: JSON.stringify(decision.reasons),
      actor: decision.actor,
      created_at: now,
      changes_json: JSON.stringify(changes),
      undone_at: null,
      undone_by: null,
    })
    .execute();
  return id;
}

/**
 * Moves the mentions of `entityId` whose text is one of `aliases` (with the claims whose arguments are
 * those mentions, and the aliases themselves) to a new entity named after the first alias.
 */
export async function splitEntity(
  db: Executor,
  entityId: string,
  aliases: string[],
  decision: { actor: string; reasons: string[]; now?: Date },
): Promise<{ mergeId: string; newEntityId: string }> {
  const roots = await rootMap(db);
  const root = rootOf(roots, entityId);
  const group = [root, ...[...roots.keys()].filter((id) => rootOf(roots, id) === root)];
  const entity = await db.selectFrom("entities").selectAll().where("id", "=", root).executeTakeFirst();
  if (!entity) throw new MergeError(`no entity ${entityId}`);
  const wanted = new Set(aliases.map((a) => a.toLowerCase()));
  const mentions = await db
    .selectFrom("mentions")
    .select(["id", "document_id", "start", "end", "text", "entity_id"])
    .where("entity_id", "in", group)
    .execute();
  const moving = mentions.filter((m) => wanted.has(m.text.toLowerCase()));
  if (moving.length === 0)
    throw new MergeError(`no mention of ${entityId} is written ${aliases.map((a) => `"${a}"`).join(" or ")}`);
  if (moving.length === mentions.length)
    throw new MergeError("a split must leave some mentions with the entity");

  const now = (decision.now ?? new Date()).toISOString();
  const name = aliases[0]!;
  const newEntityId = newId("e", entity.key, "split", name, now);
  await db
    .insertInto("entities")
    .values({
      id: newEntityId,
      name,
      type: entity.type,
      key: `${entity.type}:split:${newEntityId}`,
      attrs_json: entity.attrs_json,
      created_at: now,
      merged_into: null,
    })
    .execute();
  const changes: SplitChanges = { mentions: [], claims: [], aliases: [] };
  for (const m of moving) {
    await db.updateTable("mentions").set({ entity_id: newEntityId }).where("id", "=", m.id).execute();
    changes.mentions.push({ id: m.id, from: m.entity_id! });
  }
  // Claims follow their argument mentions.
  const claims = await db
    .selectFrom("claims")
    .select(["id", "document_id", "subject_id", "object_id", "speaker_id", "args_json"])
    .where((eb) =>
      eb.or([eb("subject_id", "in", group), eb("object_id", "in", group), eb("speaker_id", "in", group)]),
    )
    .execute();
  for (const c of claims) {
    const args = JSON.parse(c.args_json) as Record<string, { start: number; end: number } | null>;
    for (const role of ["subject", "object", "speaker"] as const) {
      const column = `${role}_id` as const;
      const arg = args[role];
      const current = c[column];
      if (!arg || !current || !group.includes(current)) continue;
      const moved = moving.some(
        (m) => m.document_id === c.document_id && m.start === arg.start && m.end === arg.end,
      );
      if (!moved) continue;
      await db
        .updateTable("claims")
        .set({ [column]: newEntityId })
        .where("id", "=", c.id)
        .execute();
      changes.claims.push({ id: c.id, column, from: current });
    }
  }
  const aliasRows = await db
    .selectFrom("entity_aliases")
    .select(["entity_id", "alias", "provenance"])
    .where("entity_id", "in", group)
    .execute();
  for (const a of aliasRows.filter((r) => wanted.has(r.alias.toLowerCase()))) {
    await db
      .insertInto("entity_aliases")
      .values({ entity_id: newEntityId, alias: a.alias, provenance: a.provenance })
      .onConflict((oc) => oc.columns(["entity_id", "alias", "provenance"]).doNothing())
      .execute();
    changes.aliases.push({ alias: a.alias, provenance: a.provenance });
  }
  const mergeId = `m${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  await db
    .insertInto("merges")
    .values({
      id: mergeId,
      kind: "split",
      survivor_id: root,
      absorbed_id: newEntityId,
      score: null,
      reasons_json: JSON.stringify(decision.reasons),
      actor: decision.actor,
      created_at: now,
      changes_json: JSON.stringify(changes),
      undone_at: null,
      undone_by: null,
    })
    .execute();
  return { mergeId, newEntityId };
}

/** Undoes a merge or a split exactly; refuses when a later decision built on it is still in force. */
export async function undoMerge(
  db: Executor,
  mergeId: string,
  actor: string,
  now = new Date(),
): Promise<void> {
  const m = await db.selectFrom("merges").selectAll().where("id", "=", mergeId).executeTakeFirst();
  if (!m) throw new MergeError(`no merge ${mergeId} (see: dossier merges --log)`);
  if (m.undone_at)
    throw new MergeError(`merge ${mergeId} was already undone on ${m.undone_at} by ${m.undone_by}`);
  if (m.kind === "split") {
    const changes = JSON.parse(m.changes_json) as SplitChanges;
    for (const c of changes.mentions)
      await db.updateTable("mentions").set({ entity_id: c.from }).where("id", "=", c.id).execute();
    for (const c of changes.claims)
      await db
        .updateTable("claims")
        .set({ [c.column]: c.from })
        .where("id", "=", c.id)
        .execute();
    const left = await db
      .selectFrom("mentions")
      .select("id")
      .where("entity_id", "=", m.absorbed_id)
      .limit(1)
      .execute();
    const pointing = await db
      .selectFrom("entities")
      .select("id")
      .where("merged_into", "=", m.absorbed_id)
      .limit(1)
      .execute();
    if (left.length > 0 || pointing.length > 0) {
      throw new MergeError(
        `the entity made by split ${mergeId} is used by later decisions; undo those first`,
      );
    }
    await db.deleteFrom("entity_aliases").where("entity_id", "=", m.absorbed_id).execute();
    await db.deleteFrom("entities").where("id", "=", m.absorbed_id).execute();
  } else {
    const changes = JSON.parse(m.changes_json) as PointerChange[];
    const current = await db
      .selectFrom("entities")
      .select(["id", "merged_into"])
      .where(
        "id",
        "in",
        changes.map((c) => c.entity),
      )
      .execute();
    for (const c of changes) {
      const now = current.find((r) => r.id === c.entity)?.merged_into ?? null;
      if (now !== c.to) throw new MergeError(`a later merge moved ${c.entity}; undo it before ${mergeId}`);
    }
    for (const c of changes)
      await db.updateTable("entities").set({ merged_into: c.from }).where("id", "=", c.entity).execute();
  }
  await db
    .updateTable("merges")
    .set({ undone_at: now.toISOString(), undone_by: actor })
    .where("id", "=", mergeId)
    .execute();
  // A suggestion accepted through this merge is open again.
  await db
    .updateTable("merge_suggestions")
    .set({ status: "open", decided_at: null, decided_by: null, merge_id: null })
    .where("merge_id", "=", mergeId)
    .execute();
}

export async function listMerges(db: Executor): Promise<MergeRecord[]> {
  const rows = await db
    .selectFrom("merges as m")
    .leftJoin("entities as s", "s.id", "m.survivor_id")
    .leftJoin("entities as a", "a.id", "m.absorbed_id")
    .select([
      "m.id",
      "m.kind",
      "m.survivor_id",
      "m.absorbed_id",
      "s.name as survivor_name",
      "a.name as absorbed_name",
      "m.score",
      "m.reasons_json",
      "m.actor",
      "m.created_at",
      "m.undone_at",
      "m.undone_by",
    ])
    .orderBy("m.created_at")
    .orderBy("m.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as MergeRecord["kind"],
    survivor: { id: r.survivor_id, name: r.survivor_name ?? r.survivor_id },
    absorbed: { id: r.absorbed_id, name: r.absorbed_name ?? r.absorbed_id },
    score: r.score,
    reasons: JSON.parse(r.reasons_json) as string[],
    actor: r.actor,
    createdAt: r.created_at,
    undoneAt: r.undone_at,
    undoneBy: r.undone_by,
  }));
}

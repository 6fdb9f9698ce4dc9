/**
 * The repository: every read and write of Dossier's store goes through here, so the CLI, the HTTP API
 * and the exporters never write SQL of their own. Queries are Kysely-built and parameterized; the only
 * dialect-specific statement is full-text search.
 */
import { createHash } from "node:crypto";
import { type Insertable, sql } from "kysely";
import type { ArgRef } from "../claims/index.js";
import type { Conflict, Proposition } from "../crosscheck/index.js";
import { storedMinhash } from "../crosscheck/minhash.js";
import { ENTITY_TYPES, type EntityType, type Mention } from "../model/types.js";
import type { AnalyzedDocument } from "../pipeline/analyze.js";
import { entityKey, mentionName } from "../resolve/keys.js";
import type { StixExportInput } from "../stix/input.js";
import type { Db } from "./connect.js";
import { achMatrix, runCrosscheck } from "./crosscheck.js";
import { isSqlite } from "./dialect.js";
import { rootMap, rootOf } from "./merges.js";
import type { ClaimsTable, DocumentsTable, MentionsTable } from "./schema.js";

export interface DocumentRow {
  id: string;
  title: string | null;
  source: string;
  author: string | null;
  publisher: string | null;
  published: string | null;
}

export interface StoredDocument extends DocumentRow {
  format: string;
  text: string;
  contentHash: string;
  ingestedAt: string;
  meta: Record<string, unknown>;
  boilerplate: { start: number; end: number; kind: string }[];
}

export interface StoredMention {
  documentId: string;
  start: number;
  end: number;
  text: string;
  label: string;
  source: string;
  canonical: string | null;
  attrs: Mention["attrs"] | null;
  confidence: number;
  entityId: string | null;
  entityName: string | null;
}

export interface EntitySummary {
  id: string;
  name: string;
  type: string;
  aliases: string[];
  documents: string[];
  mentions: number;
  attrs: Mention["attrs"] | null;
  /** Where each alias came from: "document:<id>", "kb:<source>", "analyst:<name>". */
  aliasOrigins?: Record<string, string[]>;
}

export interface SearchHit {
  documentId: string;
  title: string | null;
  sentence: string;
  start: number;
  end: number;
}

export interface EntityRef {
  id: string;
  name: string;
  type: string;
}

/** A claim in the spec's JSON form (`dossier claims --json`), plus confidence, cues and the rule that fired. */
export interface ClaimJson {
  id: string;
  subject: EntityRef;
  predicate: string;
  object: EntityRef | null;
  value: ({ kind: "date" | "quantity" | "money" | "text"; text: string } & Record<string, unknown>) | null;
  polarity: "positive" | "negative";
  hedged: boolean;
  speaker: EntityRef | null;
  /** The original source when the speaker relays a briefing (the NIS behind a committee chair's words). */
  origin?: EntityRef | null;
  via: { id: string; name: string }[];
  when: string | null;
  document: { id: string; title: string | null; source: string };
  quote: string;
  start: number;
  end: number;
  confidence: number;
  cues: { hedge: string[]; negation: string[] };
  rule: string;
  /** The publication date of the document (for timelines and cross-checking). */
  published: string | null;
  publisher: string | null;
}

/** One page of an entity's dossier (Repository.entityPage). */
export interface EntityPage {
  /** `documents`: this page's; `aliases`: all; `aliasOrigins`: this page's and non-document ones; `mentions`: the total. */
  entity: EntitySummary;
  /** The entity and the entities merged into it. */
  group: string[];
  documentCount: number;
  /** The entity's own aliases (not its merged ones') with provenance, by alias then provenance. */
  aliasRows: { alias: string; provenance: string }[];
  documents: { id: string; title: string | null; source: string; published: string | null }[];
  mentions: StoredMention[];
}

/** Which claims: by entity (subject, object or speaker, merged groups included) and/or document; a page. */
export interface ClaimFilter {
  entity?: string;
  document?: string;
  /** Only these claims (ids). */
  ids?: string[];
  /** Page size; without it every matching claim. */
  limit?: number;
  offset?: number;
}

/**
 * Sentences ranked per search: the most recently stored ones that match. Ranking every match of a
 * common word ("government") costs time in proportion to the store; with the cap a search costs
 * the same at 100k documents as at 10k, and rarer terms (fewer matches) are ranked in full.
 */
export const SEARCH_CANDIDATES = 5000;

export type SaveResult = { status: "ingested"; id: string } | { status: "unchanged"; id: string };

const ENTITY_TYPE_SET = new Set<string>(ENTITY_TYPES);

export function contentHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Document ids are short, stable and derived from content, so the same text gets the same id anywhere. */
export function documentId(hash: string): string {
  return `d${hash.slice(0, 12)}`;
}

export function entityId(key: string): string {
  return `e${createHash("sha256").update(key).digest("hex").slice(0, 12)}`;
}

/**
 * The rows one analyzed document adds to the store, worked out without the store: every id is
 * derived from content, so the plan is the same wherever it is made (a worker thread makes it, the
 * thread that owns the connection writes it). Plain data, so it crosses threads by structured clone.
 * Rows leave out what the write fills in: the document id on child rows, timestamps, provenance.
 */
export interface DocumentPlan {
  id: string;
  hash: string;
  /** Tokens of the document, for throughput figures. */
  tokens: number;
  document: Omit<Insertable<DocumentsTable>, "ingested_at" | "sentence_count" | "mention_count">;
  boilerplate: { start: number; end: number; kind: string }[];
  sentences: { idx: number; start: number; end: number; text: string }[];
  /** Each entity the document names, once, in the order first named; attrs from the first naming. */
  entities: { id: string; name: string; type: string; key: string; attrs_json: string | null }[];
  /** Distinct (entity, alias) pairs, in the order first seen; provenance is this document. */
  aliases: { entity_id: string; alias: string }[];
  mentions: Omit<Insertable<MentionsTable>, "document_id">[];
  claims: Omit<Insertable<ClaimsTable>, "document_id">[];
  /** The text's MinHash for near-duplicate grouping, computed here (in the analysis worker). */
  minhash: { shingles: number; minhash: string | null };
}

/**
 * Plans the rows of an analyzed document (see `DocumentPlan`). Mentions are taken after
 * coreference: a pronoun, a bare surname or a description takes the entity of its chain, and a
 * capital standing for its state ("Pyongyang accessed") takes the country's.
 */
export function planDocument(analyzed: AnalyzedDocument): DocumentPlan {
  const { doc } = analyzed;
  const hash = contentHash(doc.text);
  const id = documentId(hash);
  const mentions = analyzed.coref?.mentions ?? doc.mentions;
  const entities = new Map<string, DocumentPlan["entities"][number]>();
  const ensureEntity = (type: string, name: string, attrs: Mention["attrs"] | undefined): string => {
    const key = entityKey(type, name);
    const known = entities.get(key);
    if (known) return known.id;
    const eid = entityId(key);
    entities.set(key, { id: eid, name, type, key, attrs_json: attrs ? JSON.stringify(attrs) : null });
    return eid;
  };
  const chainEntity = (index: number): { id: string; label: string } | null => {
    const m = mentions[index];
    if (!m) return null;
    const chainId = analyzed.coref?.chainOf[index] ?? -1;
    const chain = chainId >= 0 ? analyzed.coref?.chains[chainId] : undefined;
    const label = chain?.label ?? m.label;
    if (!ENTITY_TYPE_SET.has(label)) return null;
    const head = chain ? (mentions[chain.head] ?? m) : m;
    const name = chain?.canonical ?? mentionName(head);
    // Only a mention of the entity's own type describes it (a capital's coordinates are not its country's).
    const attrs = m.label === label ? m.attrs : undefined;
    return { id: ensureEntity(label, name, attrs), label };
  };

  const aliases = new Map<string, DocumentPlan["aliases"][number]>();
  const mentionRows: DocumentPlan["mentions"] = [];
  const mentionEntity: (string | null)[] = [];
  for (const [i, m] of mentions.entries()) {
    const e = chainEntity(i);
    mentionEntity.push(e?.id ?? null);
    if (e && m.source !== "coref:pronoun" && m.source !== "coref:group") {
      const alias = m.text.replace(/\s+/g, " ");
      const k = `${e.id}\u0000${alias}`;
      if (!aliases.has(k)) aliases.set(k, { entity_id: e.id, alias });
    }
    mentionRows.push({
      start: m.start,
      end: m.end,
      text: m.text,
      label: e?.label ?? m.label,
      source: m.source,
      canonical: m.canonical ?? null,
      attrs_json: m.attrs ? JSON.stringify(m.attrs) : null,
      confidence: m.confidence,
      entity_id: e?.id ?? null,
    });
  }

  const argEntity = (arg: ArgRef | null): string | null => {
    if (!arg) return null;
    if (arg.mention >= 0) return mentionEntity[arg.mention] ?? chainEntity(arg.mention)?.id ?? null;
    // An argument with no mention in the body, such as the publishing outlet from the metadata.
    return ENTITY_TYPE_SET.has(arg.label)
      ? ensureEntity(arg.label, arg.canonical ?? arg.text, undefined)
      : null;
  };
  const argSpan = (arg: ArgRef | null) => {
    if (!arg) return null;
    const m = arg.mention >= 0 ? mentions[arg.mention] : undefined;
    const start = arg.start ?? m?.start;
    const end = arg.end ?? m?.end;
    return start === undefined || end === undefined ? null : { start, end, text: doc.text.slice(start, end) };
  };
  // The same claim found twice keeps its first place and its last reading.
  const claims = new Map<string, DocumentPlan["claims"][number]>();
  for (const c of analyzed.claims ?? []) {
    const subject = argEntity(c.subject);
    if (!subject) continue;
    const object = argEntity(c.object);
    if (c.object && !object) continue;
    const speaker = argEntity(c.speaker);
    const via: string[] = [];
    for (const v of c.via) {
      const e = argEntity(v);
      if (e) via.push(e);
    }
    const claimKey = [
      id,
      c.start,
      c.end,
      c.evidenceStart,
      subject,
      c.predicate,
      object ?? "",
      c.value?.text ?? "",
    ].join("|");
    const claimId = `c${createHash("sha256").update(claimKey).digest("hex").slice(0, 12)}`;
    claims.set(claimId, {
      id: claimId,
      subject_id: subject,
      predicate: c.predicate,
      object_id: object,
      value_json: c.value ? JSON.stringify(c.value) : null,
      polarity: c.polarity,
      hedged: c.hedged ? 1 : 0,
      cues_json: JSON.stringify({
        hedge: c.hedgeCues,
        negation: c.negationCues,
        ...(c.origin ? { origin: argEntity(c.origin) } : {}),
      }),
      speaker_id: speaker,
      via_json: JSON.stringify(via),
      args_json: JSON.stringify({
        subject: argSpan(c.subject),
        object: argSpan(c.object),
        speaker: argSpan(c.speaker),
      }),
      when_text: c.when,
      quote: c.quote,
      start: c.start,
      end: c.end,
      confidence: c.confidence,
      rule: c.rule,
    });
  }

  return {
    id,
    hash,
    tokens: doc.tokens.length,
    document: {
      id,
      source: doc.source,
      format: doc.format,
      title: doc.meta.title,
      author: doc.meta.author,
      publisher: doc.meta.publisher,
      published: doc.meta.published,
      content_hash: hash,
      text: doc.text,
      meta_json: JSON.stringify(analyzed.extraMeta ?? {}),
    },
    minhash: storedMinhash(doc.text),
    boilerplate: doc.boilerplate.map((b) => ({ start: b.start, end: b.end, kind: b.kind })),
    sentences: doc.sentences.map((s, idx) => ({
      idx,
      start: s.start,
      end: s.end,
      text: doc.text.slice(s.start, s.end),
    })),
    entities: [...entities.values()],
    aliases: [...aliases.values()],
    mentions: mentionRows,
    claims: [...claims.values()],
  };
}

export class Repository {
  constructor(readonly db: Db) {}

  async close(): Promise<void> {
    await this.db.destroy();
  }

  /**
   * Stores one analyzed document in one transaction: after an error or a crash the whole document is
   * there or nothing of it is. The same text stored twice is reported "unchanged".
   */
  async saveDocument(analyzed: AnalyzedDocument, now = new Date()): Promise<SaveResult> {
    return this.savePlan(planDocument(analyzed), now);
  }

  /**
   * Writes the rows of one planned document (see `planDocument`) in one transaction, in a fixed
   * number of statements whatever the document's size: one multi-row insert per table.
   */
  async savePlan(plan: DocumentPlan, now = new Date()): Promise<SaveResult> {
    const { id, hash } = plan;
    const existing = await this.db
      .selectFrom("documents")
      .select("id")
      .where("content_hash", "=", hash)
      .executeTakeFirst();
    if (existing) return { status: "unchanged", id: existing.id };

    const ingestedAt = now.toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("documents")
        .values({
          ...plan.document,
          ingested_at: ingestedAt,
          // Written as 0 first and set at the end: a count that matches the rows proves the document whole.
          sentence_count: 0,
          mention_count: 0,
        })
        .execute();
      await trx
        .insertInto("document_minhashes")
        .values({ document_id: id, ...plan.minhash })
        .execute();
      for (const chunk of chunks(plan.boilerplate, 1000)) {
        await trx
          .insertInto("boilerplate")
          .values(chunk.map((b) => ({ document_id: id, ...b })))
          .execute();
      }
      for (const chunk of chunks(plan.sentences, 1000)) {
        await trx
          .insertInto("sentences")
          .values(chunk.map((s) => ({ document_id: id, ...s })))
          .execute();
      }
      if (isSqlite(trx)) {
        await sql`INSERT INTO sentence_fts (text, sentence_id) SELECT text, id FROM sentences WHERE document_id = ${id}`.execute(
          trx,
        );
      }
      // An entity already stored keeps its row; it only gains attributes it did not have.
      for (const chunk of chunks(plan.entities, 1000)) {
        await trx
          .insertInto("entities")
          .values(chunk.map((e) => ({ ...e, created_at: ingestedAt, merged_into: null })))
          .onConflict((oc) =>
            oc
              .column("key")
              .doUpdateSet((eb) => ({ attrs_json: eb.ref("excluded.attrs_json") }))
              .where("entities.attrs_json", "is", null)
              .where("excluded.attrs_json", "is not", null),
          )
          .execute();
      }
      for (const chunk of chunks(plan.aliases, 1000)) {
        await trx
          .insertInto("entity_aliases")
          .values(
            chunk.map((a) => ({ entity_id: a.entity_id, alias: a.alias, provenance: `document:${id}` })),
          )
          .onConflict((oc) => oc.columns(["entity_id", "alias", "provenance"]).doNothing())
          .execute();
      }
      for (const chunk of chunks(plan.mentions, 1000)) {
        await trx
          .insertInto("mentions")
          .values(chunk.map((m) => ({ document_id: id, ...m })))
          .execute();
      }
      for (const chunk of chunks(plan.claims, 500)) {
        await trx
          .insertInto("claims")
          .values(chunk.map((c) => ({ document_id: id, ...c })))
          .execute();
      }
      await trx
        .updateTable("documents")
        .set({ sentence_count: plan.sentences.length, mention_count: plan.mentions.length })
        .where("id", "=", id)
        .execute();
    });
    return { status: "ingested", id };
  }

  async listDocuments(): Promise<DocumentRow[]> {
    return this.db
      .selectFrom("documents")
      .select(["id", "title", "source", "author", "publisher", "published"])
      .orderBy("ingested_at")
      .orderBy("id")
      .execute();
  }

  /** A document by id or by a unique id prefix. */
  async getDocument(ref: string): Promise<StoredDocument | null> {
    const rows = await this.db
      .selectFrom("documents")
      .selectAll()
      .where((eb) => eb.or([eb("id", "=", ref), eb("id", "like", `${ref.replace(/[%_]/g, "")}%`)]))
      .limit(2)
      .execute();
    const row = rows.find((r) => r.id === ref) ?? (rows.length === 1 ? rows[0] : undefined);
    if (!row) return null;
    const boilerplate = await this.db
      .selectFrom("boilerplate")
      .select(["start", "end", "kind"])
      .where("document_id", "=", row.id)
      .orderBy("start")
      .execute();
    return {
      id: row.id,
      title: row.title,
      source: row.source,
      author: row.author,
      publisher: row.publisher,
      published: row.published,
      format: row.format,
      text: row.text,
      contentHash: row.content_hash,
      ingestedAt: row.ingested_at,
      meta: JSON.parse(row.meta_json) as Record<string, unknown>,
      boilerplate,
    };
  }

  /** Every mention of one entity (with the entities merged into it), through the entity index. */
  async mentionsOfEntity(entityId: string): Promise<StoredMention[]> {
    const roots = await rootMap(this.db);
    const root = rootOf(roots, entityId);
    const group = [root, ...[...roots.keys()].filter((id) => rootOf(roots, id) === root)];
    return this.mentions(undefined, group);
  }

  /**
   * One page of an entity's dossier, read through the indexes so that its cost follows the page,
   * not the store: the entity (a root; null for an unknown or merged-away id) with its total counts
   * and every alias, and for `limit` of its documents in id order from `offset`: the documents, the
   * group's mentions in them, and the aliases those documents gave it (with every alias that came
   * from elsewhere: knowledge bases, analysts).
   */
  async entityPage(id: string, page: { limit: number; offset: number }): Promise<EntityPage | null> {
    const entity = await this.db
      .selectFrom("entities")
      .select(["id", "name", "type", "attrs_json", "merged_into"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!entity || entity.merged_into !== null) return null;
    const group = groupOf(await rootMap(this.db), id);
    const counts = await this.db
      .selectFrom("mentions")
      .select((eb) => [
        eb.fn.countAll<number>().as("mentions"),
        eb.fn.count<number>("document_id").distinct().as("documents"),
      ])
      .where("entity_id", "in", group)
      .executeTakeFirst();
    const documentIds = (
      await this.db
        .selectFrom("mentions")
        .select("document_id")
        .distinct()
        .where("entity_id", "in", group)
        .orderBy("document_id")
        .limit(page.limit)
        .offset(page.offset)
        .execute()
    ).map((r) => r.document_id);
    const aliases = await this.db
      .selectFrom("entity_aliases")
      .select("alias")
      .distinct()
      .where("entity_id", "in", group)
      .execute();
    const provenances = documentIds.map((d) => `document:${d}`);
    const aliasRows = await this.db
      .selectFrom("entity_aliases")
      .select(["entity_id", "alias", "provenance"])
      .where("entity_id", "in", group)
      .where((eb) =>
        eb.or([
          ...(provenances.length ? [eb("provenance", "in", provenances)] : []),
          eb("provenance", "not like", "document:%"),
        ]),
      )
      .orderBy("alias")
      .orderBy("provenance")
      .execute();
    const documents =
      documentIds.length === 0
        ? []
        : await this.db
            .selectFrom("documents")
            .select(["id", "title", "source", "published"])
            .where("id", "in", documentIds)
            .orderBy("id")
            .execute();
    const origins = new Map<string, Set<string>>();
    for (const a of aliasRows) {
      const p = origins.get(a.alias) ?? new Set<string>();
      p.add(a.provenance);
      origins.set(a.alias, p);
    }
    return {
      entity: {
        id: entity.id,
        name: entity.name,
        type: entity.type,
        aliases: aliases
          .map((a) => a.alias)
          .filter((a) => a !== entity.name)
          .sort(),
        aliasOrigins: Object.fromEntries([...origins].map(([a, p]) => [a, [...p].sort()])),
        documents: documentIds,
        mentions: Number(counts?.mentions ?? 0),
        attrs: entity.attrs_json ? (JSON.parse(entity.attrs_json) as Mention["attrs"]) : null,
      },
      group,
      documentCount: Number(counts?.documents ?? 0),
      aliasRows: aliasRows
        .filter((a) => a.entity_id === id)
        .map((a) => ({ alias: a.alias, provenance: a.provenance })),
      documents,
      mentions: await this.mentions(undefined, group, documentIds),
    };
  }

  /**
   * Entities named in the same documents as a group (as their roots), with how many documents each
   * shares with it, most shared first, at most `top` of them. Over a hub's many documents this would
   * read most of the store, so it reads at most `sample` of them: the first in id order, and ids are
   * content hashes, so these are a fixed pseudo-random sample. One read of the (document, entity)
   * index for the sample, then names for the top ones only.
   */
  async cooccurring(
    group: string[],
    sample: number,
    top = 40,
  ): Promise<{ sampled: number; entities: { id: string; name: string; type: string; shared: number }[] }> {
    const docs = this.db
      .selectFrom("mentions")
      .select("document_id")
      .distinct()
      .where("entity_id", "in", group)
      .orderBy("document_id")
      .limit(sample);
    // Aggregated in SQL: the top rows only cross into JavaScript.
    const pairs = this.db
      .selectFrom("mentions")
      .select(["document_id", "entity_id"])
      .distinct()
      .where("document_id", "in", docs)
      .where("entity_id", "is not", null)
      .as("p");
    const rows = await this.db
      .selectFrom(pairs)
      .select(["p.entity_id", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("p.entity_id")
      .orderBy("n", "desc")
      .orderBy("p.entity_id")
      .limit(top * 4 + group.length)
      .execute();
    const sampledRow = await this.db
      .selectFrom(docs.as("s"))
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirst();
    const sampled = Number(sampledRow?.n ?? 0);
    const roots = await rootMap(this.db);
    const mine = new Set(group);
    // Merged members count for their root; a document naming two members of one group is counted
    // twice, so a root's figure is capped at the sample.
    const shared = new Map<string, number>();
    for (const r of rows) {
      const root = rootOf(roots, r.entity_id!);
      if (mine.has(root)) continue;
      shared.set(root, Math.min(sampled, (shared.get(root) ?? 0) + Number(r.n)));
    }
    const best = [...shared.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, top);
    const names =
      best.length === 0
        ? []
        : await this.db
            .selectFrom("entities")
            .select(["id", "name", "type"])
            .where(
              "id",
              "in",
              best.map(([id]) => id),
            )
            .execute();
    const byId = new Map(names.map((n) => [n.id, n]));
    return {
      sampled,
      entities: best.flatMap(([id, n]) => {
        const e = byId.get(id);
        return e ? [{ id, name: e.name, type: e.type, shared: n }] : [];
      }),
    };
  }

  /** Mentions of a document, of entities, or of entities in some documents; in document and text order. */
  async mentions(
    documentId?: string,
    entityIds?: string[],
    documentIds?: string[],
  ): Promise<StoredMention[]> {
    let q = this.db
      .selectFrom("mentions")
      .leftJoin("entities", "entities.id", "mentions.entity_id")
      .select([
        "mentions.document_id",
        "mentions.start",
        "mentions.end",
        "mentions.text",
        "mentions.label",
        "mentions.source",
        "mentions.canonical",
        "mentions.attrs_json",
        "mentions.confidence",
        "mentions.entity_id",
        "entities.name as entity_name",
      ]);
    if (documentId) q = q.where("mentions.document_id", "=", documentId);
    if (entityIds) q = q.where("mentions.entity_id", "in", entityIds);
    if (documentIds) {
      if (documentIds.length === 0) return [];
      q = q.where("mentions.document_id", "in", documentIds);
    }
    const rows = await q.orderBy("mentions.document_id").orderBy("mentions.start").execute();
    // Mentions of merged entities name the surviving root.
    const roots = await rootMap(this.db);
    const rootNames = new Map<string, string>();
    // Only the roots these mentions name: a store with many merges would overflow the parameters.
    const targets =
      roots.size > 0
        ? [
            ...new Set(
              rows.flatMap((r) =>
                r.entity_id && roots.has(r.entity_id) ? [rootOf(roots, r.entity_id)] : [],
              ),
            ),
          ]
        : [];
    for (let i = 0; i < targets.length; i += 500) {
      for (const e of await this.db
        .selectFrom("entities")
        .select(["id", "name"])
        .where("id", "in", targets.slice(i, i + 500))
        .execute()) {
        rootNames.set(e.id, e.name);
      }
    }
    return rows.map((r) => ({
      documentId: r.document_id,
      start: r.start,
      end: r.end,
      text: r.text,
      label: r.label,
      source: r.source,
      canonical: r.canonical,
      attrs: r.attrs_json ? (JSON.parse(r.attrs_json) as Mention["attrs"]) : null,
      confidence: r.confidence,
      entityId: r.entity_id ? rootOf(roots, r.entity_id) : null,
      entityName:
        r.entity_id && roots.has(r.entity_id)
          ? (rootNames.get(rootOf(roots, r.entity_id)) ?? null)
          : r.entity_name,
    }));
  }

  /**
   * Entities with their aliases, the documents that name them and how often. Merged entities are
   * listed once, under their surviving root, with the aliases and documents of the whole group.
   */
  async listEntities(filter: { type?: EntityType | string; ids?: string[] } = {}): Promise<EntitySummary[]> {
    const roots = await rootMap(this.db);
    // Asked for a few entities, read only their groups (through the indexes), not the whole store.
    const groupIds = filter.ids
      ? [...new Set(filter.ids.map((id) => rootOf(roots, id)))].flatMap((root) => [
          root,
          ...[...roots.keys()].filter((id) => rootOf(roots, id) === root),
        ])
      : null;
    let q = this.db.selectFrom("entities").select(["id", "name", "type", "attrs_json", "merged_into"]);
    if (filter.type) q = q.where("type", "=", filter.type);
    if (groupIds) q = q.where("id", "in", groupIds);
    const all = await q.orderBy("type").orderBy("name").execute();
    let aq = this.db.selectFrom("entity_aliases").select(["entity_id", "alias", "provenance"]);
    if (groupIds) aq = aq.where("entity_id", "in", groupIds);
    const aliases = await aq.execute();
    let cq = this.db
      .selectFrom("mentions")
      .select(["entity_id", "document_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("entity_id", "is not", null);
    if (groupIds) cq = cq.where("entity_id", "in", groupIds);
    const counts = await cq.groupBy(["entity_id", "document_id"]).execute();
    const byRoot = new Map<
      string,
      { aliases: Set<string>; provenance: Map<string, Set<string>>; docs: Set<string>; n: number }
    >();
    const group = (id: string) => {
      const root = rootOf(roots, id);
      const g = byRoot.get(root) ?? { aliases: new Set(), provenance: new Map(), docs: new Set(), n: 0 };
      byRoot.set(root, g);
      return g;
    };
    for (const a of aliases) {
      const g = group(a.entity_id);
      g.aliases.add(a.alias);
      const p = g.provenance.get(a.alias) ?? new Set<string>();
      p.add(a.provenance);
      g.provenance.set(a.alias, p);
    }
    for (const c of counts) {
      const g = group(c.entity_id!);
      g.docs.add(c.document_id);
      g.n += Number(c.n);
    }
    const wanted = filter.ids ? new Set(filter.ids.map((id) => rootOf(roots, id))) : null;
    return all
      .filter((e) => e.merged_into === null && (!wanted || wanted.has(e.id)))
      .map((e) => {
        const g = byRoot.get(e.id);
        return {
          id: e.id,
          name: e.name,
          type: e.type,
          aliases: [...(g?.aliases ?? [])].filter((a) => a !== e.name).sort(),
          aliasOrigins: Object.fromEntries(
            [...(g?.provenance ?? new Map<string, Set<string>>())].map(([a, p]) => [a, [...p].sort()]),
          ),
          documents: [...(g?.docs ?? [])].sort(),
          mentions: g?.n ?? 0,
          attrs: e.attrs_json ? (JSON.parse(e.attrs_json) as Mention["attrs"]) : null,
        };
      });
  }

  /**
   * Dates, quantities and money found in the documents, grouped by their normalized value: "ten years
   * later" and "in 2005" are one date, 2005.
   */
  async listValues(): Promise<EntitySummary[]> {
    const rows = await this.db
      .selectFrom("mentions")
      .select(["document_id", "text", "label", "attrs_json"])
      .where("label", "in", ["date", "quantity", "money"])
      .orderBy("document_id")
      .orderBy("start")
      .execute();
    const groups = new Map<string, EntitySummary>();
    for (const r of rows) {
      const attrs = r.attrs_json ? (JSON.parse(r.attrs_json) as Mention["attrs"]) : null;
      const name = valueName(r.label, attrs, r.text);
      const key = `${r.label}:${name}`;
      let g = groups.get(key);
      if (!g) {
        g = {
          id: `v${createHash("sha256").update(key).digest("hex").slice(0, 12)}`,
          name,
          type: r.label,
          aliases: [],
          documents: [],
          mentions: 0,
          attrs,
        };
        groups.set(key, g);
      }
      g.mentions++;
      if (!g.aliases.includes(r.text)) g.aliases.push(r.text);
      if (!g.documents.includes(r.document_id)) g.documents.push(r.document_id);
    }
    return [...groups.values()].sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
  }

  /**
   * Full-text search over sentences: document, sentence and its offsets, best matches first. On
   * SQLite, the best among the SEARCH_CANDIDATES most recently stored matching sentences.
   */
  async search(query: string, limit = 20): Promise<SearchHit[]> {
    const terms = query.match(/[\p{L}\p{N}]+/gu) ?? [];
    if (terms.length === 0) return [];
    if (isSqlite(this.db)) {
      // Each term is quoted, so user input can never be read as FTS5 syntax.
      const match = terms.map((t) => `"${t}"`).join(" ");
      const rows = await sql<{
        document_id: string;
        title: string | null;
        text: string;
        start: number;
        end: number;
      }>`
        SELECT s.document_id, d.title, s.text, s.start, s."end"
        FROM (
          SELECT sentence_id, bm25(sentence_fts) AS score FROM sentence_fts
          WHERE sentence_fts MATCH ${match}
          ORDER BY rowid DESC
          LIMIT ${SEARCH_CANDIDATES}
        ) f
        JOIN sentences s ON s.id = f.sentence_id
        JOIN documents d ON d.id = s.document_id
        ORDER BY f.score, s.document_id, s.idx
        LIMIT ${limit}`.execute(this.db);
      return rows.rows.map((r) => ({
        documentId: r.document_id,
        title: r.title,
        sentence: r.text,
        start: r.start,
        end: r.end,
      }));
    }
    const tsq = terms.join(" & ");
    const rows = await this.db
      .selectFrom("sentences as s")
      .innerJoin("documents as d", "d.id", "s.document_id")
      .select(["s.document_id", "d.title", "s.text", "s.start", "s.end"])
      .where(sql<boolean>`to_tsvector('english', s.text) @@ to_tsquery('english', ${tsq})`)
      .orderBy(sql`ts_rank(to_tsvector('english', s.text), to_tsquery('english', ${tsq}))`, "desc")
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      documentId: r.document_id,
      title: r.title,
      sentence: r.text,
      start: r.start,
      end: r.end,
    }));
  }

  /**
   * Claims in the spec's JSON form, arguments named by their surviving (merged) entity. `entity`
   * matches the subject, object or speaker (any member of a merged group finds the group's claims).
   */
  async listClaims(filter: ClaimFilter = {}): Promise<ClaimJson[]> {
    const roots = await rootMap(this.db);
    let q = this.claimQuery(filter, roots)
      .innerJoin("documents as d", "d.id", "c.document_id")
      .selectAll("c")
      .select(["d.title", "d.source", "d.published", "d.publisher"])
      .orderBy("d.published")
      .orderBy("c.document_id")
      .orderBy("c.start")
      .orderBy("c.id");
    if (filter.limit !== undefined) q = q.limit(filter.limit).offset(filter.offset ?? 0);
    const rows = await q.execute();
    // Only the entities these claims name (and their roots) are read.
    const named = new Set<string>();
    for (const r of rows) {
      for (const id of [r.subject_id, r.object_id, r.speaker_id, ...(JSON.parse(r.via_json) as string[])]) {
        if (id) named.add(rootOf(roots, id));
      }
      const origin = (JSON.parse(r.cues_json) as { origin?: string | null }).origin;
      if (origin) named.add(rootOf(roots, origin));
    }
    const entities = new Map<string, { id: string; name: string; type: string }>();
    const ids = [...named];
    for (let i = 0; i < ids.length; i += 500) {
      const part = await this.db
        .selectFrom("entities")
        .select(["id", "name", "type"])
        .where("id", "in", ids.slice(i, i + 500))
        .execute();
      for (const e of part) entities.set(e.id, e);
    }
    const ref = (id: string | null): EntityRef | null => {
      if (!id) return null;
      const e = entities.get(rootOf(roots, id));
      return e ? { id: e.id, name: e.name, type: e.type } : null;
    };
    const wanted = filter.entity ? rootOf(roots, filter.entity) : null;
    const out: ClaimJson[] = [];
    for (const r of rows) {
      const subject = ref(r.subject_id)!;
      const object = ref(r.object_id);
      const speaker = ref(r.speaker_id);
      if (wanted && ![subject, object, speaker].some((x) => x?.id === wanted)) continue;
      const cues = JSON.parse(r.cues_json) as ClaimJson["cues"] & { origin?: string | null };
      out.push({
        id: r.id,
        subject,
        predicate: r.predicate,
        object,
        value: r.value_json ? (JSON.parse(r.value_json) as ClaimJson["value"]) : null,
        polarity: r.polarity === "negative" ? "negative" : "positive",
        hedged: r.hedged === 1,
        speaker,
        via: (JSON.parse(r.via_json) as string[]).flatMap((v) => {
          const e = ref(v);
          return e ? [{ id: e.id, name: e.name }] : [];
        }),
        when: r.when_text,
        document: { id: r.document_id, title: r.title, source: r.source },
        quote: r.quote,
        start: r.start,
        end: r.end,
        confidence: r.confidence,
        cues: { hedge: cues.hedge, negation: cues.negation },
        ...(cues.origin ? { origin: ref(cues.origin) } : {}),
        rule: r.rule,
        published: r.published,
        publisher: r.publisher,
      });
    }
    return out;
  }

  /** How many claims `listClaims` would give without limit and offset. */
  async countClaims(filter: ClaimFilter = {}): Promise<number> {
    const row = await this.claimQuery(filter, await rootMap(this.db))
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  private claimQuery(filter: ClaimFilter, roots: Map<string, string>) {
    let q = this.db.selectFrom("claims as c");
    if (filter.document) q = q.where("c.document_id", "=", filter.document);
    if (filter.ids)
      q = filter.ids.length > 0 ? q.where("c.id", "in", filter.ids) : q.where(sql<boolean>`1 = 0`);
    if (filter.entity) {
      // Every entity merged into the same root: the indexes on subject, object and speaker answer.
      const group = groupOf(roots, filter.entity);
      q = q.where((eb) =>
        eb.or([
          eb("c.subject_id", "in", group),
          eb("c.object_id", "in", group),
          eb("c.speaker_id", "in", group),
        ]),
      );
    }
    return q;
  }

  /** Conflicts between claims (polarity, numeric, date, denial), each with a plain explanation. */
  async listConflicts(): Promise<Conflict[]> {
    return (await runCrosscheck(this)).conflicts;
  }

  /** Propositions: claims grouped across documents, with independent sources, lineage and grade. */
  async listPropositions(filter: { entity?: string } = {}): Promise<Proposition[]> {
    const props = (await runCrosscheck(this)).propositions;
    if (!filter.entity) return props;
    const id = rootOf(await rootMap(this.db), filter.entity);
    return props.filter((p) => p.subject.id === id || p.object?.id === id);
  }

  /** The competing-hypotheses matrix (Heuer's ACH) over the stored or proposed hypotheses. */
  async achMatrix(): Promise<Awaited<ReturnType<typeof achMatrix>>> {
    return achMatrix(this);
  }

  /** A snapshot of the store in the shape STIX export reads. */
  async exportInput(): Promise<StixExportInput> {
    const docs = await this.db
      .selectFrom("documents")
      .select(["id", "title", "source", "author", "publisher", "published", "ingested_at", "content_hash"])
      .orderBy("id")
      .execute();
    const entities = await this.listEntities();
    const mentions = await this.mentions();
    const claims = await this.listClaims();
    const propositions = (await runCrosscheck(this)).propositions;
    return {
      producer: { name: "Dossier" },
      documents: docs.map((d) => ({
        id: d.id,
        title: d.title,
        source: d.source,
        author: d.author,
        publisher: d.publisher,
        published: d.published,
        ingestedAt: d.ingested_at,
        contentHash: d.content_hash,
      })),
      entities: entities.map((e) => ({
        id: e.id,
        name: e.name,
        type: e.type as EntityType,
        aliases: e.aliases,
        documents: e.documents,
        ...(e.attrs ? { attrs: e.attrs } : {}),
      })),
      mentions: mentions.map((m) => ({
        documentId: m.documentId,
        entityId: m.entityId,
        start: m.start,
        end: m.end,
        text: m.text,
        label: m.label,
      })),
      claims: claims
        .filter((c) => c.predicate !== "role" || c.value)
        .map((c) => ({
          id: c.id,
          documentId: c.document.id,
          subjectId: c.subject.id,
          predicate: c.predicate,
          objectId: c.object?.id ?? null,
          value: c.value,
          polarity: c.polarity,
          hedged: c.hedged,
          speakerId: c.speaker?.id ?? null,
          via: c.via.map((v) => v.id),
          when: c.when,
          quote: c.quote,
          start: c.start,
          end: c.end,
          confidence: c.confidence,
        })),
      propositions: propositions.map((p) => ({
        id: p.id,
        statement: p.statement,
        claims: p.claims,
        independentSources: p.independentSources,
        sources: p.sources.map((x) => x.label),
        grade: {
          code: p.grade.code,
          reliability: p.grade.reliability,
          credibility: p.grade.credibility,
          reasons: p.grade.reasons,
        },
      })),
    };
  }

  /** Documents whose stored counts do not match their rows: should always be empty. */
  async incompleteDocuments(): Promise<string[]> {
    const rows = await this.db
      .selectFrom("documents as d")
      .select([
        "d.id",
        "d.sentence_count",
        "d.mention_count",
        (eb) =>
          eb
            .selectFrom("sentences")
            .select(eb.fn.countAll<number>().as("n"))
            .whereRef("document_id", "=", "d.id")
            .as("s"),
        (eb) =>
          eb
            .selectFrom("mentions")
            .select(eb.fn.countAll<number>().as("n"))
            .whereRef("document_id", "=", "d.id")
            .as("m"),
      ])
      .execute();
    return rows
      .filter(
        (r) => Number(r.s) !== r.sentence_count || Number(r.m) !== r.mention_count || r.sentence_count === 0,
      )
      .map((r) => r.id);
  }
}

/** The root of `id` and every entity merged into it, root first. */
function groupOf(roots: Map<string, string>, id: string): string[] {
  const root = rootOf(roots, id);
  return [root, ...[...roots.keys()].filter((x) => rootOf(roots, x) === root)];
}

function valueName(label: string, attrs: Mention["attrs"] | null, text: string): string {
  if (attrs?.kind === "date") return attrs.iso;
  if (attrs?.kind === "quantity") return attrs.unit ? `${attrs.value} ${attrs.unit}` : String(attrs.value);
  if (attrs?.kind === "money") return `${attrs.value} ${attrs.currency}`;
  return `${label}:${text}`;
}

function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

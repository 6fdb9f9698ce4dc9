/**
 * The server's data adapter: everything the HTTP routes read or write goes through here.
 *
 * Documents, mentions, entities, claims and search are the Repository's own methods. Conflicts,
 * propositions and the ACH matrix are looked up on the repository by name (CANDIDATES below), so a
 * store without the cross-checking stage, or a test store standing in gold answers, still serves the
 * workbench, which then says honestly that the stage is not available. Merge suggestions,
 * accept/reject and undo use the store's own functions (src/store/suggestions.ts, merges.ts).
 */
import type { Mention } from "../model/types.js";
import type { Stages } from "../pipeline/stages.js";
import { MergeError, undoMerge } from "../store/merges.js";
import type {
  ClaimFilter,
  ClaimJson,
  EntitySummary,
  Repository,
  StoredMention,
} from "../store/repository.js";
import { decideSuggestion, listSuggestions } from "../store/suggestions.js";

export type { ClaimJson, EntityRef } from "../store/repository.js";

/** A conflict as `dossier conflicts --json` prints it. */
export interface ConflictJson {
  id: string;
  kind: "polarity" | "numeric" | "date" | "denial" | string;
  claims: string[];
  explanation: string;
}

/** Optional parts of the model, with whether the store can provide them at all. */
export interface Optional<T> {
  available: boolean;
  items: T[];
  /** How many there are when `items` is one page of them. */
  total?: number;
}

export interface AliasWithProvenance {
  alias: string;
  provenance: string;
  /** For document provenance: the document's id and title. */
  document: { id: string; title: string | null } | null;
}

export interface PlaceJson {
  id: string;
  name: string;
  type: string;
  countryCode: string | null;
  latitude: number | null;
  longitude: number | null;
  documents: string[];
  mentions: number;
}

/** Which page of an entity's documents a dossier shows, and how many of its claims. */
export interface DossierPage {
  limit?: number;
  offset?: number;
  claimLimit?: number;
}

/** Documents per dossier page, claims per dossier, documents sampled for neighbours. */
export const DOSSIER_PAGE = 100;
export const DOSSIER_CLAIMS = 500;
const NEIGHBOUR_SAMPLE = 50;
const VALUE_TYPES = new Set(["date", "quantity", "money"]);

/**
 * `documents`, `documentList`, `mentionList` and `aliasSources` cover one page of the entity's
 * documents (`page`); `documentCount`, `mentions` and `aliases` are its totals.
 */
export interface EntityDossier extends EntitySummary {
  documentCount: number;
  page: { limit: number; offset: number };
  aliasSources: AliasWithProvenance[];
  documentList: { id: string; title: string | null; published: string | null }[];
  mentionList: MentionJson[];
  /** Places the entity is located at (from claims) or is itself, with coordinates. */
  places: PlaceJson[];
  /** Entities named in the same documents, most shared first. */
  neighbours: { id: string; name: string; type: string; shared: number }[];
  claims: Optional<ClaimJson>;
}

/** A mention in the spec's JSON form, plus the label-specific attributes. */
export interface MentionJson {
  document: { id: string; title: string | null; source: string };
  start: number;
  end: number;
  text: string;
  type: string;
  entity: { id: string; name: string } | null;
  attrs: Mention["attrs"] | null;
}

/** Repository method names the adapter looks for, first found wins. */
export const CANDIDATES = {
  conflicts: ["listConflicts", "conflicts"],
  propositions: ["listPropositions", "propositions"],
  merges: ["listMergeSuggestions", "mergeSuggestions", "listMerges"],
  acceptMerge: ["acceptMerge", "acceptMergeSuggestion"],
  rejectMerge: ["rejectMerge", "rejectMergeSuggestion"],
  undoMerge: ["undoMerge"],
  ach: ["achMatrix", "ach"],
} as const;

type AnyFn = (...args: unknown[]) => Promise<unknown>;

function method(repo: Repository, names: readonly string[]): AnyFn | null {
  const r = repo as unknown as Record<string, unknown>;
  for (const n of names) {
    const f = r[n];
    if (typeof f === "function") return (f as AnyFn).bind(repo);
  }
  return null;
}

async function optionalList<T>(
  repo: Repository,
  names: readonly string[],
  ...args: unknown[]
): Promise<Optional<T>> {
  const f = method(repo, names);
  if (!f) return { available: false, items: [] };
  const out = await f(...args);
  return { available: true, items: Array.isArray(out) ? (out as T[]) : [] };
}

export class ServerData {
  constructor(
    readonly repo: Repository,
    readonly stages?: Stages,
  ) {}

  listDocuments() {
    return this.repo.listDocuments();
  }

  async getDocument(id: string) {
    const doc = await this.repo.getDocument(id);
    if (!doc) return null;
    const mentions = await this.mentions(doc.id);
    return { ...doc, mentions };
  }

  async mentions(documentId?: string): Promise<MentionJson[]> {
    const [rows, docs] = await Promise.all([this.repo.mentions(documentId), this.repo.listDocuments()]);
    const byId = new Map(docs.map((d) => [d.id, d]));
    return rows.map((m) => toMentionJson(m, byId.get(m.documentId)));
  }

  search(q: string, limit?: number) {
    return this.repo.search(q, limit);
  }

  async listEntities(type?: string): Promise<EntitySummary[]> {
    const entities = await this.repo.listEntities(type ? { type } : {});
    if (type && !["date", "quantity", "money"].includes(type)) return entities;
    const values = await this.repo.listValues();
    return [...entities, ...(type ? values.filter((v) => v.type === type) : values)];
  }

  /**
   * One entity's dossier, or null when there is no entity with that id. Its documents (with their
   * mentions and the aliases they gave) come a page at a time, so that a hub named in half the store
   * costs what one page costs; `documentCount` and `claims.total` give the totals.
   */
  async entity(id: string, page: DossierPage = {}): Promise<EntityDossier | null> {
    if (id.startsWith("v")) return this.valueDossier(id);
    const limit = page.limit ?? DOSSIER_PAGE;
    const offset = page.offset ?? 0;
    const p = await this.repo.entityPage(id, { limit, offset });
    if (!p) return null;
    const docById = new Map(p.documents.map((d) => [d.id, d]));
    const aliasSources = p.aliasRows.map((a) => {
      const docId = a.provenance.startsWith("document:") ? a.provenance.slice("document:".length) : null;
      const d = docId ? docById.get(docId) : undefined;
      return { alias: a.alias, provenance: a.provenance, document: d ? { id: d.id, title: d.title } : null };
    });
    const claimLimit = page.claimLimit ?? DOSSIER_CLAIMS;
    const [items, total] = await Promise.all([
      this.repo.listClaims({ entity: id, limit: claimLimit, offset: 0 }),
      this.repo.countClaims({ entity: id }),
    ]);
    const claims: Optional<ClaimJson> = { available: true, items, total };
    const [places, neighbours] = await Promise.all([
      this.placesOf(p.entity, items),
      this.neighboursOf(p.group, items),
    ]);
    return {
      ...p.entity,
      documentCount: p.documentCount,
      page: { limit, offset },
      aliasSources,
      documentList: p.documents.map((d) => ({ id: d.id, title: d.title, published: d.published })),
      mentionList: p.mentions.map((m) => toMentionJson(m, docById.get(m.documentId))),
      places,
      neighbours,
      claims,
    };
  }

  /**
   * Other entities named in the same documents (over a fixed sample of a hub's documents) or in its
   * claims, weighted by documents shared plus claims shared; normalized values are not neighbours.
   */
  private async neighboursOf(group: string[], claims: ClaimJson[]): Promise<EntityDossier["neighbours"]> {
    const co = await this.repo.cooccurring(group, NEIGHBOUR_SAMPLE);
    const byId = new Map(co.entities.map((x) => [x.id, x]));
    const shared = new Map(co.entities.map((x) => [x.id, x.shared]));
    const mine = new Set(group);
    for (const c of claims) {
      for (const ref of [c.subject, c.object, c.speaker]) {
        if (ref && !mine.has(ref.id)) shared.set(ref.id, (shared.get(ref.id) ?? 0) + 1);
      }
    }
    const missing = [...shared.keys()].filter((x) => !byId.has(x));
    if (missing.length) {
      const rows = await this.repo.db
        .selectFrom("entities")
        .select(["id", "name", "type"])
        .where("id", "in", missing)
        .execute();
      for (const r of rows) byId.set(r.id, { ...r, shared: 0 });
    }
    return [...shared.entries()]
      .map(([nid, n]) => {
        const o = byId.get(nid);
        return o && !VALUE_TYPES.has(o.type) ? { id: o.id, name: o.name, type: o.type, shared: n } : null;
      })
      .filter((x): x is NonNullable<typeof x> => x !== null)
      .sort((a, b) => b.shared - a.shared || a.name.localeCompare(b.name))
      .slice(0, 40);
  }

  /** The entity itself when it is a place, and the places its located-at claims put it. */
  private async placesOf(e: EntitySummary, claims: ClaimJson[]): Promise<PlaceJson[]> {
    const out = new Map<string, PlaceJson>();
    if (e.type === "country" || e.type === "location") out.set(e.id, toPlace(e));
    const ids = [
      ...new Set(
        claims
          .filter((c) => c.predicate === "located-at" && c.subject.id === e.id && c.object)
          .map((c) => c.object!.id),
      ),
    ].filter((x) => !out.has(x));
    if (ids.length === 0) return [...out.values()];
    // Only the name, coordinates and mention count: a place's full document list is the map's job.
    const [rows, counts] = await Promise.all([
      this.repo.db
        .selectFrom("entities")
        .select(["id", "name", "type", "attrs_json"])
        .where("id", "in", ids)
        .where("type", "in", ["country", "location"])
        .execute(),
      this.repo.db
        .selectFrom("mentions")
        .select(["entity_id", (eb) => eb.fn.countAll<number>().as("n")])
        .where("entity_id", "in", ids)
        .groupBy("entity_id")
        .execute(),
    ]);
    const n = new Map(counts.map((c) => [c.entity_id, Number(c.n)]));
    for (const r of rows) {
      out.set(
        r.id,
        toPlace({
          id: r.id,
          name: r.name,
          type: r.type,
          aliases: [],
          aliasOrigins: {},
          documents: [],
          mentions: n.get(r.id) ?? 0,
          attrs: r.attrs_json ? (JSON.parse(r.attrs_json) as Mention["attrs"]) : null,
        }),
      );
    }
    return [...out.values()];
  }

  /** A normalized value's dossier (dates, quantities): grouped in code from its documents' mentions. */
  private async valueDossier(id: string): Promise<EntityDossier | null> {
    const e = (await this.repo.listValues()).find((x) => x.id === id);
    if (!e) return null;
    const docs = await this.repo.listDocuments();
    const docById = new Map(docs.map((d) => [d.id, d]));
    const mine = (await Promise.all(e.documents.map((d) => this.repo.mentions(d))))
      .flat()
      .filter((m) => e.aliases.includes(m.text));
    const all = await this.neighbourCandidates(e.documents);
    const aliasSources = e.aliases.map((a) => ({ alias: a, provenance: "document", document: null }));
    const claims = await this.claims({ entity: id });
    const places = await this.placesFor(e, all, claims.items);
    const shared = new Map<string, number>();
    const myDocs = new Set(e.documents);
    for (const other of all) {
      if (other.id === id || VALUE_TYPES.has(other.type)) continue;
      const n = other.documents.filter((d) => myDocs.has(d)).length;
      if (n > 0) shared.set(other.id, n);
    }
    for (const c of claims.items) {
      for (const ref of [c.subject, c.object, c.speaker]) {
        if (ref && ref.id !== id) shared.set(ref.id, (shared.get(ref.id) ?? 0) + 1);
      }
    }
    const byId = new Map(all.map((x) => [x.id, x]));
    const neighbours = [...shared.entries()]
      .map(([nid, n]) => {
        const o = byId.get(nid);
        return o ? { id: o.id, name: o.name, type: o.type, shared: n } : null;
      })
      .filter((x): x is NonNullable<typeof x> => x !== null)
      .sort((a, b) => b.shared - a.shared || a.name.localeCompare(b.name))
      .slice(0, 40);
    return {
      ...e,
      documentCount: e.documents.length,
      page: { limit: e.documents.length, offset: 0 },
      aliasSources,
      documentList: e.documents.map((d) => ({
        id: d,
        title: docById.get(d)?.title ?? null,
        published: docById.get(d)?.published ?? null,
      })),
      mentionList: mine.map((m) => toMentionJson(m, docById.get(m.documentId))),
      places,
      neighbours,
      claims,
    };
  }

  /** The entities named in the given documents (the only ones that can be neighbours), with their groups. */
  private async neighbourCandidates(documents: string[]): Promise<EntitySummary[]> {
    if (documents.length === 0) return [];
    const ids = new Set<string>();
    for (let i = 0; i < documents.length; i += 500) {
      const rows = await this.repo.db
        .selectFrom("mentions")
        .select("entity_id")
        .distinct()
        .where("document_id", "in", documents.slice(i, i + 500))
        .where("entity_id", "is not", null)
        .execute();
      for (const r of rows) ids.add(r.entity_id!);
    }
    return ids.size ? this.repo.listEntities({ ids: [...ids] }) : [];
  }

  /** All places (countries and locations) with coordinates, for the map. */
  async places(): Promise<PlaceJson[]> {
    const all = await this.repo.listEntities();
    return all.filter((e) => e.type === "country" || e.type === "location").map(toPlace);
  }

  private async placesFor(e: EntitySummary, all: EntitySummary[], claims: ClaimJson[]): Promise<PlaceJson[]> {
    const out = new Map<string, PlaceJson>();
    if (e.type === "country" || e.type === "location") out.set(e.id, toPlace(e));
    for (const c of claims) {
      if (c.predicate !== "located-at" || c.subject.id !== e.id || !c.object) continue;
      const p = all.find((x) => x.id === c.object?.id);
      if (p) out.set(p.id, toPlace(p));
    }
    return [...out.values()];
  }

  /** Claims in the spec's JSON form, from the store; with `limit`, one page and the total. */
  async claims(filter: ClaimFilter = {}): Promise<Optional<ClaimJson>> {
    const items = await this.repo.listClaims(filter);
    if (filter.limit === undefined) return { available: true, items };
    return { available: true, items, total: await this.repo.countClaims(filter) };
  }

  /** Conflicts; with `limit`, one page (from `offset`) and the total. */
  async conflicts(page: { limit?: number; offset?: number } = {}): Promise<Optional<ConflictJson>> {
    const all = await optionalList<ConflictJson>(this.repo, CANDIDATES.conflicts);
    if (page.limit === undefined) return all;
    const from = page.offset ?? 0;
    return { ...all, items: all.items.slice(from, from + page.limit), total: all.items.length };
  }

  propositions(): Promise<Optional<Record<string, unknown>>> {
    return optionalList(this.repo, CANDIDATES.propositions);
  }

  async merges(): Promise<Optional<Record<string, unknown>>> {
    const f = method(this.repo, CANDIDATES.merges);
    if (f) return optionalList(this.repo, CANDIDATES.merges);
    return {
      available: true,
      items: (await listSuggestions(this.repo.db)) as unknown as Record<string, unknown>[],
    };
  }

  async ach(): Promise<{ available: boolean; matrix: unknown }> {
    const f = method(this.repo, CANDIDATES.ach);
    if (!f) return { available: false, matrix: null };
    return { available: true, matrix: await f() };
  }

  /**
   * Accept, reject or undo a merge, decided by `actor` (who holds the API token). Throws MergeError
   * when the store refuses (unknown id, already decided, a later merge depends on it).
   */
  async mergeAction(action: "accept" | "reject" | "undo", id: string, actor: string): Promise<unknown> {
    const names =
      action === "accept"
        ? CANDIDATES.acceptMerge
        : action === "reject"
          ? CANDIDATES.rejectMerge
          : CANDIDATES.undoMerge;
    const f = method(this.repo, names);
    if (f) return (await f(id, actor)) ?? null;
    if (action === "undo") {
      await undoMerge(this.repo.db, id, actor);
      return { mergeId: id, undone: true };
    }
    return decideSuggestion(this.repo.db, id, action, actor);
  }
}

export { MergeError };

function toMentionJson(
  m: StoredMention,
  d: { id: string; title: string | null; source: string } | undefined,
): MentionJson {
  return {
    document: { id: m.documentId, title: d?.title ?? null, source: d?.source ?? "" },
    start: m.start,
    end: m.end,
    text: m.text,
    type: m.label,
    entity: m.entityId ? { id: m.entityId, name: m.entityName ?? m.text } : null,
    attrs: m.attrs,
  };
}

function toPlace(e: EntitySummary): PlaceJson {
  const a = e.attrs && e.attrs.kind === "place" ? e.attrs : null;
  return {
    id: e.id,
    name: e.name,
    type: e.type,
    countryCode: a?.countryCode ?? null,
    latitude: a?.latitude ?? null,
    longitude: a?.longitude ?? null,
    documents: e.documents,
    mentions: e.mentions,
  };
}

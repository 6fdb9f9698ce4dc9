/**
 * The workbench's API client: JSON over fetch to the same origin. The API token is asked for once and
 * kept in sessionStorage (gone when the tab closes); when set it goes with every request, so a server
 * that wants tokens for reads too works the same way.
 */

export interface DocumentRow {
  id: string;
  title: string | null;
  source: string;
  author: string | null;
  publisher: string | null;
  published: string | null;
}

export interface MentionJson {
  document: { id: string; title: string | null; source: string };
  start: number;
  end: number;
  text: string;
  type: string;
  entity: { id: string; name: string } | null;
  attrs: Record<string, unknown> | null;
}

export interface StoredDocument extends DocumentRow {
  format: string;
  text: string;
  ingestedAt: string;
  boilerplate: { start: number; end: number; kind: string }[];
  mentions: MentionJson[];
}

export interface EntitySummary {
  id: string;
  name: string;
  type: string;
  aliases: string[];
  documents: string[];
  mentions: number;
  attrs: Record<string, unknown> | null;
}

export interface EntityRef {
  id: string;
  name: string;
  type: string;
}

export interface Claim {
  id: string;
  subject: EntityRef;
  predicate: string;
  object: EntityRef | null;
  value: { kind: string; text: string } | null;
  polarity: "positive" | "negative";
  hedged: boolean;
  speaker: EntityRef | null;
  via: { id: string; name: string }[];
  when: string | null;
  document: { id: string; title: string | null; source: string };
  quote: string;
  start: number;
  end: number;
  grade?: string;
  proposition?: string;
  independentSources?: number;
}

export interface Conflict {
  id: string;
  kind: string;
  claims: string[];
  explanation: string;
}

export interface Optional<T> {
  available: boolean;
  items: T[];
  /** How many there are when items is one page of them. */
  total?: number;
}

export interface Place {
  id: string;
  name: string;
  type: string;
  countryCode: string | null;
  latitude: number | null;
  longitude: number | null;
  documents: string[];
  mentions: number;
}

/** documentList, mentionList and aliasSources cover one page of documents; documentCount is the total. */
export interface EntityDossier extends EntitySummary {
  documentCount: number;
  page: { limit: number; offset: number };
  aliasSources: {
    alias: string;
    provenance: string;
    document: { id: string; title: string | null } | null;
  }[];
  documentList: { id: string; title: string | null; published: string | null }[];
  mentionList: MentionJson[];
  places: Place[];
  neighbours: { id: string; name: string; type: string; shared: number }[];
  claims: Optional<Claim>;
}

export interface SearchHit {
  documentId: string;
  title: string | null;
  sentence: string;
  start: number;
  end: number;
}

export interface MergeSuggestion {
  id: string;
  status?: string;
  mergeId?: string | null;
  score?: number;
  reason?: string;
  reasons?: string[];
  decidedBy?: string | null;
  a?: EntityRef;
  b?: EntityRef;
  entities?: EntityRef[];
  left?: EntityRef;
  right?: EntityRef;
  [k: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const TOKEN_KEY = "dossier.apiToken";

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token.trim());
  else sessionStorage.removeItem(TOKEN_KEY);
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`./api${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (await res.json().catch(() => null)) as { message?: string } | null;
  if (!res.ok) throw new ApiError(res.status, data?.message ?? `${res.status} ${res.statusText}`);
  return data as T;
}

const q = encodeURIComponent;

export const api = {
  documents: () => request<DocumentRow[]>("GET", "/documents"),
  document: (id: string) => request<StoredDocument>("GET", `/documents/${q(id)}`),
  ingestText: (b: { text: string; title?: string; published?: string; source?: string }) =>
    request<{ status: string; id: string; title: string | null }>("POST", "/documents", b),
  ingestFile: (b: { filename: string; content: string; encoding: "base64"; published?: string }) =>
    request<{ status: string; id: string; title: string | null }>("POST", "/documents", b),
  search: (s: string) => request<SearchHit[]>("GET", `/search?q=${q(s)}`),
  entities: (type?: string) => request<EntitySummary[]>("GET", `/entities${type ? `?type=${q(type)}` : ""}`),
  entity: (id: string) => request<EntityDossier>("GET", `/entities/${q(id)}`),
  places: () => request<Place[]>("GET", "/places"),
  claims: (f: { entity?: string; document?: string; ids?: string[] } = {}) => {
    const p = new URLSearchParams();
    if (f.entity) p.set("entity", f.entity);
    if (f.document) p.set("document", f.document);
    if (f.ids) p.set("ids", f.ids.join(","));
    const s = p.toString();
    return request<Optional<Claim>>("GET", `/claims${s ? `?${s}` : ""}`);
  },
  conflicts: (page: { limit: number; offset?: number }) =>
    request<Optional<Conflict>>("GET", `/conflicts?limit=${page.limit}&offset=${page.offset ?? 0}`),
  propositions: () => request<Optional<Record<string, unknown>>>("GET", "/propositions"),
  ach: () => request<{ available: boolean; matrix: unknown }>("GET", "/ach"),
  merges: () => request<Optional<MergeSuggestion>>("GET", "/merges"),
  acceptMerge: (id: string) => request<{ ok: boolean; result: unknown }>("POST", `/merges/${q(id)}/accept`),
  rejectMerge: (id: string) => request<{ ok: boolean; result: unknown }>("POST", `/merges/${q(id)}/reject`),
  undoMerge: (mergeId: string) =>
    request<{ ok: boolean; result: unknown }>("POST", `/merges/undo/${q(mergeId)}`),
};

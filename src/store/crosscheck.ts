/**
 * Cross-checking over the store: the claims and document texts go to src/crosscheck (pure), together
 * with the analysts' decisions kept here (source reliability, grade overrides, ACH hypotheses).
 * Results are computed on read, so they always reflect the current claims and merges.
 */
import { createHash } from "node:crypto";
import {
  type AchMatrix,
  buildAch,
  type Conflict,
  type Credibility,
  crosscheck,
  type DocInfo,
  type Hypothesis,
  type HypothesisTest,
  type Override,
  type Proposition,
  proposeHypotheses,
  type Reliability,
} from "../crosscheck/index.js";
import { decodeMinhash, storedMinhash } from "../crosscheck/minhash.js";
import type { Repository } from "./repository.js";

export class CrosscheckError extends Error {}

const RELIABILITIES = new Set(["A", "B", "C", "D", "E", "F"]);

export interface CrosscheckResult {
  propositions: Proposition[];
  conflicts: Conflict[];
}

/**
 * The documents with their stored MinHashes, not their texts. A document stored before MinHashes were
 * (migration 0006) gets its MinHash here, once, from its text.
 */
async function documents(repo: Repository): Promise<DocInfo[]> {
  const rows = await repo.db
    .selectFrom("documents as d")
    .leftJoin("document_minhashes as m", "m.document_id", "d.id")
    .select([
      "d.id",
      "d.title",
      "d.publisher",
      "d.published",
      "m.shingles",
      "m.minhash",
      "m.document_id as hashed",
    ])
    .execute();
  const missing = rows.filter((r) => r.hashed === null).map((r) => r.id);
  const backfilled = new Map<string, { shingles: number; minhash: string | null }>();
  for (let i = 0; i < missing.length; i += 200) {
    const texts = await repo.db
      .selectFrom("documents")
      .select(["id", "text"])
      .where("id", "in", missing.slice(i, i + 200))
      .execute();
    const values = texts.map((t) => ({ document_id: t.id, ...storedMinhash(t.text) }));
    for (const v of values) backfilled.set(v.document_id, v);
    if (values.length > 0)
      await repo.db
        .insertInto("document_minhashes")
        .values(values)
        .onConflict((oc) => oc.column("document_id").doNothing())
        .execute();
  }
  return rows.map((r) => {
    const stored = r.hashed === null ? backfilled.get(r.id) : { shingles: r.shingles!, minhash: r.minhash };
    return {
      id: r.id,
      title: r.title,
      publisher: r.publisher,
      published: r.published,
      minhash: stored?.minhash ? decodeMinhash(stored.shingles, stored.minhash) : null,
    };
  });
}

/**
 * What cross-checking depends on, in a few aggregate queries: documents and claims, merges and their
 * undoing, and every analyst decision. Results are cached per store and reused while it is the same
 * (recomputing means MinHashing every document again).
 */
async function storeVersion(repo: Repository): Promise<string> {
  const one = async (q: Promise<unknown>) => JSON.stringify(await q);
  const db = repo.db;
  return [
    // Two queries: max() alone is one index lookup, count() alone a scan of the smallest index.
    await one(
      db
        .selectFrom("documents")
        .select((eb) => eb.fn.countAll().as("n"))
        .execute(),
    ),
    await one(
      db
        .selectFrom("documents")
        .select((eb) => eb.fn.max("ingested_at").as("t"))
        .execute(),
    ),
    await one(
      db
        .selectFrom("claims")
        .select((eb) => eb.fn.countAll().as("n"))
        .execute(),
    ),
    await one(
      db
        .selectFrom("merges")
        .select((eb) => [eb.fn.countAll().as("n"), eb.fn.max("undone_at").as("u")])
        .execute(),
    ),
    await one(
      db
        .selectFrom("entities")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("merged_into", "is not", null)
        .execute(),
    ),
    await one(
      db
        .selectFrom("source_reliability")
        .select((eb) => [eb.fn.countAll().as("n"), eb.fn.max("decided_at").as("t")])
        .execute(),
    ),
    await one(
      db
        .selectFrom("grade_overrides")
        .select((eb) => [eb.fn.countAll().as("n"), eb.fn.max("decided_at").as("t")])
        .execute(),
    ),
  ].join("|");
}

const cache = new WeakMap<object, { version: string; result: Promise<CrosscheckResult> }>();

export async function runCrosscheck(repo: Repository): Promise<CrosscheckResult> {
  const version = await storeVersion(repo);
  const hit = cache.get(repo.db);
  if (hit && hit.version === version) return hit.result;
  const result = computeCrosscheck(repo);
  cache.set(repo.db, { version, result });
  result.catch(() => cache.delete(repo.db));
  return result;
}

async function computeCrosscheck(repo: Repository): Promise<CrosscheckResult> {
  const claims = await repo.listClaims();
  const reliabilityBySource = new Map<string, Reliability>();
  for (const r of await repo.db.selectFrom("source_reliability").selectAll().execute()) {
    reliabilityBySource.set(r.source, r.reliability as Reliability);
  }
  const overrides = new Map<string, Override>();
  for (const o of await repo.db.selectFrom("grade_overrides").selectAll().execute()) {
    overrides.set(o.proposition_id, {
      ...(o.credibility ? { credibility: o.credibility as Credibility } : {}),
      ...(o.reliability ? { reliability: o.reliability as Reliability } : {}),
      note: o.note,
      by: o.decided_by,
      at: o.decided_at,
    });
  }
  return crosscheck(claims, await documents(repo), { reliabilityBySource, overrides });
}

/** The reliability (A–F) an analyst gives a source: a speaker's entity id or an outlet name. */
export async function setSourceReliability(
  repo: Repository,
  source: string,
  reliability: string,
  note: string,
  by: string,
  now = new Date(),
): Promise<void> {
  if (!RELIABILITIES.has(reliability))
    throw new CrosscheckError(`reliability must be A to F, not "${reliability}"`);
  const row = { reliability, note, decided_by: by, decided_at: now.toISOString() };
  await repo.db
    .insertInto("source_reliability")
    .values({ source, ...row })
    .onConflict((oc) => oc.column("source").doUpdateSet(row))
    .execute();
}

/** An analyst's grade for a proposition, with the note that says why; it is kept over recomputation. */
export async function overrideGrade(
  repo: Repository,
  propositionId: string,
  grade: { credibility?: number; reliability?: string },
  note: string,
  by: string,
  now = new Date(),
): Promise<void> {
  if (
    grade.credibility !== undefined &&
    !(grade.credibility >= 1 && grade.credibility <= 6 && Number.isInteger(grade.credibility))
  ) {
    throw new CrosscheckError("credibility must be a whole number from 1 to 6");
  }
  if (grade.reliability !== undefined && !RELIABILITIES.has(grade.reliability)) {
    throw new CrosscheckError(`reliability must be A to F, not "${grade.reliability}"`);
  }
  if (!note.trim()) throw new CrosscheckError("an override needs a note saying why");
  const row = {
    credibility: grade.credibility ?? null,
    reliability: grade.reliability ?? null,
    note,
    decided_by: by,
    decided_at: now.toISOString(),
  };
  await repo.db
    .insertInto("grade_overrides")
    .values({ proposition_id: propositionId, ...row })
    .onConflict((oc) => oc.column("proposition_id").doUpdateSet(row))
    .execute();
}

export async function addHypothesis(
  repo: Repository,
  label: string,
  test: HypothesisTest,
  by: string,
  now = new Date(),
): Promise<Hypothesis> {
  const id = `h${createHash("sha256")
    .update(`${label}\u0000${JSON.stringify(test)}`)
    .digest("hex")
    .slice(0, 10)}`;
  await repo.db
    .insertInto("hypotheses")
    .values({ id, label, test_json: JSON.stringify(test), created_by: by, created_at: now.toISOString() })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  return { id, label, test };
}

export async function listHypotheses(repo: Repository): Promise<Hypothesis[]> {
  const rows = await repo.db
    .selectFrom("hypotheses")
    .selectAll()
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, label: r.label, test: JSON.parse(r.test_json) as HypothesisTest }));
}

/** Stores the hypotheses Dossier proposes from a conflict (the statement and its negation, or one per figure). */
export async function proposeFromConflict(
  repo: Repository,
  conflictId: string,
  by: string,
): Promise<Hypothesis[]> {
  const { propositions, conflicts } = await runCrosscheck(repo);
  const conflict = conflicts.find((c) => c.id === conflictId);
  if (!conflict) throw new CrosscheckError(`no conflict ${conflictId} (see: dossier conflicts)`);
  const out: Hypothesis[] = [];
  for (const h of proposeHypotheses(conflict, propositions, await repo.listClaims())) {
    out.push(await addHypothesis(repo, h.label, h.test, by));
  }
  return out;
}

/**
 * The ACH matrix over the stored hypotheses; with none stored, over the hypotheses proposed from the
 * first conflict, so an analyst always has a matrix to start from.
 */
export async function achMatrix(repo: Repository): Promise<AchMatrix & { proposed: boolean }> {
  const { propositions, conflicts } = await runCrosscheck(repo);
  const claims = await repo.listClaims();
  let hypotheses = await listHypotheses(repo);
  let proposed = false;
  if (hypotheses.length === 0 && conflicts[0]) {
    hypotheses = proposeHypotheses(conflicts[0], propositions, claims);
    proposed = true;
  }
  return { ...buildAch(hypotheses, propositions, claims), proposed };
}

/** For `npm run eval`: the conflicts found over the store's claims. */
export async function listConflictsForEval(repo: Repository): Promise<{ claims: string[]; kind: string }[]> {
  return (await runCrosscheck(repo)).conflicts;
}

/**
 * Evaluation of the whole pipeline against gold files in the spec's gold form: each gold file's
 * documents are ingested into a fresh in-memory store (with the gold's publication dates), resolved
 * across documents, and scored:
 *   - entities: recall of gold entities (by name or alias, with the right type) and precision of
 *     predicted entities of the gold's types, overall and for person/organization/threat-actor;
 *   - claims: recall over non-optional gold claims, precision over predicted claims whose subject and
 *     object are gold entities, speaker, hedge and polarity accuracy on matched claims;
 *   - B-cubed precision, recall and F1 of person, organization and threat-actor clusters;
 *   - conflicts found vs gold conflicts (when the cross-checking stage provides them).
 */
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { type ScoreReport, scoreClaims } from "../claims/eval-gold.js";
import { normalizeInput } from "../normalize/index.js";
import { analyze } from "../pipeline/analyze.js";
import { BCUBED_TYPES, bcubedAgainstGold, type GoldBCubedScore } from "../resolve/bcubed.js";
import { openDb } from "../store/connect.js";
import { Repository } from "../store/repository.js";
import { runResolution } from "../store/resolution.js";
import { foldForMatch, type GoldFile, loadGold } from "./gold.js";

export interface EntityScore {
  gold: number;
  found: number;
  recall: number;
  predicted: number;
  correct: number;
  precision: number;
  missed: string[];
  wrong: string[];
}

export interface GoldEvaluation {
  file: string;
  documents: number;
  entities: EntityScore;
  entitiesPerOrgActor: EntityScore;
  claims: Omit<ScoreReport, "details" | "byPredicate">;
  bcubed: GoldBCubedScore;
  conflicts: { gold: number; found: number } | null;
}

export type ConflictFinder = (repo: Repository) => Promise<{ claims: string[]; kind: string }[]>;

/** Where a gold document's text is: relative to ../shared for shared gold, to the repo for ours. */
function documentPath(goldPath: string, docPath: string): string {
  if (isAbsolute(docPath)) return docPath;
  const goldDir = dirname(goldPath);
  // ../shared/gold/x.json names paths relative to ../shared; examples/gold.json relative to the repo.
  return goldDir.endsWith("/gold") ? join(goldDir, "..", docPath) : join(goldDir, "..", docPath);
}

function scoreEntities(
  gold: GoldFile,
  predicted: { name: string; aliases: string[]; type: string }[],
  types: readonly string[] | null,
): EntityScore {
  const goldEntities = gold.entities.filter((e) => !types || types.includes(e.type));
  const goldTypes = new Set(goldEntities.map((e) => e.type));
  const pred = predicted.filter((p) => (types ? types.includes(p.type) : goldTypes.has(p.type)));
  const namesOf = (x: { name: string; aliases: string[] }) =>
    new Set([x.name, ...x.aliases].map(foldForMatch));
  const matches = (p: (typeof pred)[number], g: (typeof goldEntities)[number]) => {
    if (p.type !== g.type) return false;
    const gn = namesOf(g);
    return [...namesOf(p)].some((n) => gn.has(n));
  };
  const missed = goldEntities.filter((g) => !pred.some((p) => matches(p, g)));
  const wrong = pred.filter((p) => !goldEntities.some((g) => matches(p, g)));
  const found = goldEntities.length - missed.length;
  const correct = pred.length - wrong.length;
  return {
    gold: goldEntities.length,
    found,
    recall: goldEntities.length ? found / goldEntities.length : 1,
    predicted: pred.length,
    correct,
    precision: pred.length ? correct / pred.length : 1,
    missed: missed.map((g) => `${g.type}:${g.name}`),
    wrong: wrong.map((p) => `${p.type}:${p.name}`),
  };
}

export async function evaluateGold(
  goldPath: string,
  conflictFinder?: ConflictFinder,
): Promise<GoldEvaluation> {
  const gold = loadGold(goldPath);
  const repo = new Repository(await openDb(":memory:"));
  try {
    const fileOf = new Map<string, string>();
    const predictedClaims = [];
    for (const d of gold.documents) {
      const path = documentPath(goldPath, d.path);
      const normalized = normalizeInput({
        source: path,
        bytes: readFileSync(path),
        ...(d.published ? { published: d.published } : {}),
      });
      const analyzed = analyze(normalized);
      predictedClaims.push({ document: d.file, claims: analyzed.claims ?? [] });
      const saved = await repo.saveDocument(analyzed);
      fileOf.set(saved.id, d.file);
    }
    await runResolution(repo.db, "eval");
    const entities = await repo.listEntities();
    const claimReport = scoreClaims(predictedClaims, gold);
    const { details: _d, byPredicate: _b, ...claims } = claimReport;
    const bcubed = bcubedAgainstGold(
      entities
        .filter((e) => BCUBED_TYPES.includes(e.type))
        .map((e) => ({ ...e, documents: e.documents.map((id) => fileOf.get(id) ?? id) })),
      gold,
      {},
    );
    let conflicts: GoldEvaluation["conflicts"] = null;
    if (conflictFinder) {
      const found = await conflictFinder(repo);
      const claimsById = new Map((await repo.listClaims()).map((c) => [c.id, c]));
      // A gold conflict is found when a predicted conflict of the same kind pairs claims that match
      // the gold claims' subject and predicate in the gold claims' documents.
      let hit = 0;
      for (const gc of gold.conflicts) {
        const goldClaims = gc.claims.map((id) => gold.claims.find((c) => c.id === id)).filter(Boolean);
        const ok = found.some((f) => {
          const pair = f.claims.map((id) => claimsById.get(id)).filter(Boolean);
          return (
            pair.length === 2 &&
            goldClaims.every((g) =>
              pair.some((p) => fileOf.get(p!.document.id) === g!.document && p!.predicate === g!.predicate),
            )
          );
        });
        if (ok) hit++;
      }
      conflicts = { gold: gold.conflicts.length, found: hit };
    }
    return {
      file: goldPath,
      documents: gold.documents.length,
      entities: scoreEntities(gold, entities, null),
      entitiesPerOrgActor: scoreEntities(gold, entities, BCUBED_TYPES),
      claims,
      bcubed,
      conflicts,
    };
  } finally {
    await repo.close();
  }
}

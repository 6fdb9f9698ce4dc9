/**
 * Admiralty grades of propositions: source reliability A–F and information credibility 1–6, with
 * the reasons in plain words. Hand-written: the rules are Dossier's reading of the NATO/Admiralty
 * scale for claims it extracted itself.
 *
 * Credibility: no source → 6; three or more independent unhedged sources → 1; two → 2; one → 3;
 * only hedged sources → 4. A contradiction by other independent sources makes the majority side 4
 * (doubtful) and the minority or an even split 5/4; a denial by the party concerned is reported but
 * does not count as independent contradiction (the grade is then no better than 2).
 * Reliability: the best grade set for any supporting source (speaker id, outlet name or source key),
 * else F (cannot be judged). Analysts' overrides apply last and their note is kept in the reasons.
 */
import type {
  ClaimJson,
  Conflict,
  Credibility,
  CrosscheckOptions,
  Grade,
  Override,
  Proposition,
  Reliability,
  Source,
} from "./types.js";
import { CREDIBILITY_WORDS, RELIABILITY_WORDS } from "./types.js";

function names(sources: Source[]): string {
  return sources
    .map((s) => (s.speaker && s.outlets.length ? `${s.label} (via ${s.outlets.join(", ")})` : s.label))
    .join("; ");
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function overrideFor(options: CrosscheckOptions, id: string): Override | undefined {
  const o = options.overrides;
  if (!o) return undefined;
  return o instanceof Map ? o.get(id) : o[id];
}

function reliabilityOf(support: Source[], options: CrosscheckOptions): { r: Reliability; reason: string } {
  const map = options.reliabilityBySource;
  let best: Reliability = "F";
  let who = "";
  if (map) {
    for (const s of support) {
      const keys = [s.key, s.speaker?.id, s.speaker?.name, ...s.outlets].filter((k): k is string => !!k);
      for (const k of keys) {
        const r = map.get(k);
        if (r && r < best) {
          best = r;
          who = s.label;
        }
      }
    }
  }
  return best === "F" && !who
    ? { r: "F", reason: "Source reliability F: no analyst has rated these sources, so it cannot be judged." }
    : { r: best, reason: `Source reliability ${best} (${RELIABILITY_WORDS[best]}): as rated for ${who}.` };
}

const claimSources = new WeakMap<Map<string, Proposition>, Map<string, Source>>();

/** The source that made a claim (indexed once per set of propositions). */
function sourceOfClaim(allProps: Map<string, Proposition>, id: string): Source | undefined {
  let index = claimSources.get(allProps);
  if (!index) {
    index = new Map();
    for (const p of allProps.values()) for (const s of p.sources) for (const c of s.claims) index.set(c, s);
    claimSources.set(allProps, index);
  }
  return index.get(id);
}

export function gradeProposition(
  p: Proposition,
  conflicts: Conflict[],
  allProps: Map<string, Proposition>,
  claims: Map<string, ClaimJson>,
  options: CrosscheckOptions = {},
): Grade {
  const reasons: string[] = [];
  const support = p.sources.filter((s) => s.polarities.includes(p.stance));
  const unhedged = support.filter((s) => !s.hedged);
  const mine = conflicts.filter((c) => c.propositions.includes(p.id));

  // Independence and circular reporting, spelled out.
  const outlets = new Set(p.lineage.map((l) => l.document.publisher ?? l.document.id));
  const stories = new Set(p.lineage.map((l) => l.story));
  const docs = new Set(p.lineage.map((l) => l.document.id));
  if (support.length > 0)
    reasons.push(
      `${plural(support.length, "independent source")} ${support.length === 1 ? "says" : "say"} so: ${names(support)}.`,
    );
  if (outlets.size > p.sources.length)
    reasons.push(
      `Reported by ${plural(outlets.size, "outlet")}, counted once per original speaker (${plural(p.sources.length, "source")}).`,
    );
  if (stories.size < docs.size)
    reasons.push(
      `${plural(docs.size - stories.size, "document")} ${docs.size - stories.size === 1 ? "is a near-duplicate copy" : "are near-duplicate copies"} of another story and ${docs.size - stories.size === 1 ? "counts" : "count"} once.`,
    );

  let cred: Credibility;
  if (support.length === 0) {
    cred = 6;
    reasons.push("No source supports it.");
  } else if (unhedged.length >= 3) cred = 1;
  else if (unhedged.length === 2) cred = 2;
  else if (unhedged.length === 1) cred = 3;
  else {
    cred = 4;
    reasons.push('Every source hedges it ("believed", "likely", "assesses").');
  }
  if (unhedged.length > 0 && unhedged.length < support.length)
    reasons.push(
      `${plural(support.length - unhedged.length, "source")} only ${support.length - unhedged.length === 1 ? "hedges" : "hedge"} it.`,
    );

  // Contradictions: opposite polarity in this proposition, or incompatible values in another one.
  const supportKeys = new Set(support.map((s) => s.key));
  const opposing = new Map<string, string>();
  const deniers = new Set<string>();
  let self = false;
  for (const c of mine) {
    if (c.selfContradiction) {
      self = true;
      continue;
    }
    for (const id of c.claims) {
      const claim = claims.get(id);
      if (!claim) continue;
      const inThis = p.claims.includes(id);
      const against = inThis ? claim.polarity !== p.stance : true;
      if (!against) continue;
      const src = sourceOfClaim(allProps, id);
      const key = src?.key ?? id;
      if (supportKeys.has(key)) continue;
      if (c.kind === "denial" && c.byPartyConcerned) deniers.add(src?.label ?? claim.speaker?.name ?? key);
      else opposing.set(key, src?.label ?? key);
    }
  }
  if (self) {
    const who = p.sources.filter((s) => s.polarities.length === 2).map((s) => s.label);
    reasons.push(
      `${who.join(", ") || "A speaker"} makes both the statement and its opposite in different reports.`,
    );
    if (cred < 4) cred = 4;
  }
  if (opposing.size > 0) {
    const n = support.length;
    const o = opposing.size;
    reasons.push(`Contradicted by ${plural(o, "independent source")}: ${[...opposing.values()].join("; ")}.`);
    const c: Credibility = n > o ? 4 : n === o ? 4 : 5;
    if (c > cred) cred = c;
    if (n < o) reasons.push("It is the minority account: improbable unless the other sources are wrong.");
  }
  if (deniers.size > 0) {
    reasons.push(
      `${[...deniers].join(", ")}, the party concerned, ${deniers.size === 1 ? "denies" : "deny"} it; a denial by an interested party does not count as independent contradiction.`,
    );
    if (cred < 2) cred = 2;
  }
  reasons.push(`Information credibility ${cred} (${CREDIBILITY_WORDS[cred]}).`);

  const rel = reliabilityOf(support, options);
  reasons.push(rel.reason);
  let reliability = rel.r;

  const ov = overrideFor(options, p.id);
  let overridden: Grade["overridden"];
  if (ov) {
    if (ov.credibility) cred = ov.credibility;
    if (ov.reliability) reliability = ov.reliability;
    overridden = { by: ov.by, at: ov.at, note: ov.note };
    reasons.push(
      `Analyst override by ${ov.by} on ${ov.at}${ov.reliability ? `: reliability ${ov.reliability}` : ""}${ov.credibility ? `${ov.reliability ? "," : ":"} credibility ${ov.credibility}` : ""}. Note: ${ov.note}`,
    );
  }
  return {
    reliability,
    credibility: cred,
    code: `${reliability}${cred}`,
    reasons,
    ...(overridden ? { overridden } : {}),
  };
}

/** Grades every proposition in place. */
export function gradeAll(
  props: Proposition[],
  conflicts: Conflict[],
  claims: ClaimJson[],
  options: CrosscheckOptions = {},
): void {
  const all = new Map(props.map((p) => [p.id, p]));
  const byId = new Map(claims.map((c) => [c.id, c]));
  for (const p of props) p.grade = gradeProposition(p, conflicts, all, byId, options);
}

/**
 * Relayed briefings: "In a closed-door meeting with the intelligence committee, the NIS described …"
 * and later "Seo [chairman of the committee] said that …". The member of the briefed body passes on
 * what the briefer told it: Seo stays the speaker (he asserts it), and the NIS is recorded as the
 * claim's `origin`. Cross-checking counts the origin as the independent source, so a briefing
 * retold by its audience is not a second, independent source.
 */
import type { Doc } from "../model/types.js";
import type { CorefResult, ExtractedClaim } from "./types.js";

const BRIEFING_RE = /\b(?:meeting|hearing|session|briefing)\s+(?:with|for|of|to|before)\s+(?:the\s+)?$/i;

export function relayBriefings(doc: Doc, coref: CorefResult, claims: ExtractedClaim[]): ExtractedClaim[] {
  const headOf = (index: number): number => {
    const chain = coref.chainOf[index] ?? -1;
    return chain >= 0 ? (coref.chains[chain]?.head ?? index) : index;
  };
  // Bodies briefed by a speaker: the organization named right after "meeting with (the)" in a claim
  // whose speaker is an organization.
  const briefings: { audience: number; briefer: NonNullable<ExtractedClaim["speaker"]>; at: number }[] = [];
  for (const c of claims) {
    if (!c.speaker || (c.speaker.label !== "organization" && c.speaker.label !== "country")) continue;
    coref.mentions.forEach((m, i) => {
      if (m.label !== "organization" || m.start < c.start || m.end > c.end) return;
      if (!BRIEFING_RE.test(doc.text.slice(Math.max(c.start, m.start - 40), m.start))) return;
      briefings.push({ audience: headOf(i), briefer: c.speaker!, at: c.start });
    });
  }
  if (briefings.length === 0) return claims;
  // Members of a briefed body: subjects of affiliated-with claims whose object is the audience.
  const relay = new Map<number, (typeof briefings)[number]>();
  for (const c of claims) {
    if (c.predicate !== "affiliated-with" || !c.object) continue;
    const b = briefings.find(
      (x) => x.audience === c.object!.mention || x.audience === headOf(c.object!.mention),
    );
    if (b && c.subject.label === "person") relay.set(c.subject.mention, b);
  }
  return claims.map((c) => {
    const b = c.speaker ? relay.get(c.speaker.mention) : undefined;
    if (!b || !c.speaker || c.start < b.at) return c;
    return { ...c, origin: b.briefer, rule: `${c.rule}|relayed-briefing` };
  });
}

/**
 * "Seoul's spy agency further claims …": the speaker is the agency, not the country that owns it.
 * When a speaker is a country or place written as a possessive in front of an organization that
 * coreference resolved ("Seoul's spy agency" → National Intelligence Service), the organization speaks.
 */
export function possessiveSpeakers(doc: Doc, coref: CorefResult, claims: ExtractedClaim[]): ExtractedClaim[] {
  return claims.map((c) => {
    const s = c.speaker;
    if (
      !s ||
      (s.label !== "country" && s.label !== "location") ||
      s.start === undefined ||
      s.end === undefined
    )
      return c;
    if (!/^['’]s\s/.test(doc.text.slice(s.end, s.end + 3))) return c;
    const i = coref.mentions.findIndex(
      (m) => m.label === "organization" && m.start <= s.start! && m.end > s.end! + 3,
    );
    if (i < 0) return c;
    const chain = coref.chainOf[i] ?? -1;
    const head = chain >= 0 ? (coref.chains[chain]?.head ?? i) : i;
    const hm = coref.mentions[head]!;
    const m = coref.mentions[i]!;
    return {
      ...c,
      speaker: {
        mention: head,
        text: hm.text,
        ...(hm.canonical ? { canonical: hm.canonical } : {}),
        label: "organization",
        start: m.start,
        end: m.end,
      },
      rule: `${c.rule}|possessive-speaker`,
    };
  });
}

/** Plain-language statements of claims and propositions ("China does not tolerate North Korea"). */

import type { ClaimJson, ClaimValueJson, EntityRef } from "./types.js";
import { foldText } from "./values.js";

const VERBS: Record<string, [string, string]> = {
  "attributed-to": ["is the work of", "is not the work of"],
  "part-of": ["is part of", "is not part of"],
  "located-at": ["operates from", "does not operate from"],
  targets: ["targets", "does not target"],
  compromised: ["compromised", "did not compromise"],
  uses: ["uses", "does not use"],
  "affiliated-with": ["is affiliated with", "is not affiliated with"],
  tolerates: ["tolerates", "does not tolerate"],
  "cooperates-with": ["cooperates with", "does not cooperate with"],
  role: ["has the role", "does not have the role"],
  founded: ["was founded in", "was not founded in"],
  "active-since": ["has been active since", "has not been active since"],
  defected: ["defected in", "did not defect in"],
  headcount: ["numbers", "does not number"],
  damage: ["cost", "did not cost"],
  occurred: ["took place in", "did not take place in"],
};

export function statement(
  subject: { name: string },
  predicate: string,
  object: { name: string } | null,
  value: ClaimValueJson | null,
  polarity: "positive" | "negative",
): string {
  const verbs = VERBS[predicate] ?? [predicate, `not ${predicate}`];
  const verb = polarity === "positive" ? verbs[0] : verbs[1];
  const what = object ? object.name : value ? value.text : "?";
  return `${subject.name} ${verb} ${what}`;
}

export function claimStatement(c: ClaimJson): string {
  return statement(c.subject, c.predicate, c.object, c.value, c.polarity);
}

export function sameEntity(a: EntityRef | { id: string; name: string } | null, b: EntityRef | null): boolean {
  if (!a || !b) return false;
  return a.id === b.id || foldText(a.name) === foldText(b.name);
}

/** The chain from speaker to reader: intermediaries then the publisher ("CNN/intelNews.org"). */
export function outletChain(c: ClaimJson): string[] {
  const chain = c.via.map((v) => v.name);
  const pub = c.publisher;
  if (pub && foldText(chain[chain.length - 1] ?? "") !== foldText(pub)) chain.push(pub);
  return chain;
}

export function year(published: string | null): string | null {
  return published ? (/^\d{4}/.exec(published)?.[0] ?? null) : null;
}

/** "Kim Heung-Kwang" or "intelNews.org (author)". */
export function speakerLabel(c: ClaimJson): string {
  return c.speaker ? c.speaker.name : `${c.publisher ?? c.document.title ?? c.document.id} (author)`;
}

/** "via CNN/intelNews.org (2015)". */
export function viaPhrase(c: ClaimJson): string {
  const y = year(c.published);
  const chain = outletChain(c);
  if (c.speaker && chain.length === 1 && foldText(chain[0]!) === foldText(c.speaker.name))
    return `in its own publication${y ? ` (${y})` : ""}`;
  return `via ${chain.join("/")}${y ? ` (${y})` : ""}`;
}

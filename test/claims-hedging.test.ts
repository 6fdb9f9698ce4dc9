/**
 * Hedge cues and negation on fixture sentences written for these tests: each cue of the spec
 * hedges, reporting "claims" does not; negation in the claim's clause before its trigger negates,
 * negation after the trigger ("knows ..., but never prosecuted") does not.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hedgeCues } from "../src/claims/hedging.js";
import { extractClaims } from "../src/claims/index.js";
import { negationCues } from "../src/claims/polarity.js";
import { type MentionSpec, makeDoc } from "../src/claims/testing.js";

const A = (text: string): MentionSpec => ({ text, label: "threat-actor" });
const S = (text: string): MentionSpec => ({ text, label: "sector" });
const O = (text: string): MentionSpec => ({ text, label: "organization" });

function targetsClaim(sentence: string) {
  const cs = extractClaims(makeDoc(sentence, [A("APT33"), S("airlines"), O("Symantec")]));
  const c = cs.find((x) => x.predicate === "targets" && x.subject.text === "APT33");
  assert.ok(c, `no targets claim in «${sentence}»`);
  return c;
}

describe("hedging", () => {
  const hedged = [
    "APT33 allegedly targeted airlines.",
    "APT33 reportedly targeted airlines.",
    "APT33 is believed to have targeted airlines.",
    "APT33 appears to have targeted airlines.",
    "APT33 may have targeted airlines.",
    "APT33 might have targeted airlines.",
    "APT33 could have targeted airlines.",
    "APT33 is suspected to have targeted airlines.",
    "APT33 is said to have targeted airlines.",
    "APT33 likely targeted airlines.",
    "APT33 possibly targeted airlines.",
    "Symantec said that there appears to be a campaign in which APT33 targeted airlines.",
  ];
  for (const s of hedged)
    it(`hedged: «${s}»`, () => {
      const c = targetsClaim(s);
      assert.equal(c.hedged, true);
      assert.ok(c.hedgeCues.length > 0);
    });
  for (const s of [
    "APT33 targeted airlines.",
    "Symantec claims that APT33 targeted airlines.",
    "Symantec confirmed that APT33 targeted airlines.",
  ])
    it(`not hedged: «${s}»`, () => assert.equal(targetsClaim(s).hedged, false));
  it("the month May is no hedge", () => {
    assert.deepEqual(hedgeCues("In May the group may strike.", 0, 28), ["may"]);
  });
});

describe("polarity", () => {
  for (const s of [
    "APT33 has not targeted airlines.",
    "APT33 never targeted airlines.",
    "APT33 didn't target airlines.",
    "There is no evidence that APT33 targeted airlines.",
  ])
    it(`negative: «${s}»`, () => {
      const c = targetsClaim(s);
      assert.equal(c.polarity, "negative");
      assert.ok(c.negationCues.length > 0);
    });
  it("a negation after the trigger does not negate", () => {
    assert.equal(targetsClaim("APT33 targeted airlines but was never charged.").polarity, "positive");
    assert.equal(targetsClaim("APT33 targeted airlines, and no one noticed.").polarity, "positive");
  });
  it("'not only' is not a negation", () => {
    assert.deepEqual(negationCues("not only banks but also", 0, 23), []);
  });
  it("a denial negates and is spoken by the denier", () => {
    const c = targetsClaim("Symantec denied that APT33 targeted airlines.");
    assert.equal(c.polarity, "negative");
    assert.equal(c.speaker?.text, "Symantec");
  });
});

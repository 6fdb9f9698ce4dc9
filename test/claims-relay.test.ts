import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { normalizeInput } from "../src/normalize/index.js";
import { analyze } from "../src/pipeline/analyze.js";

const TEXT = `Parliament hears of Iranian hacking

In a closed-door meeting with the defence committee of the National Assembly on Monday, the Security Bureau said that Iranian hackers are active in Iraq.
Lawmaker Park Min-jun is chairman of the defence committee. He said that Iran has set up a hacking unit in Iraq.`;

describe("relayed briefings and possessive speakers", () => {
  it("keeps the committee chair as speaker and records the briefer as the claim's origin", () => {
    const a = analyze(
      normalizeInput({ source: "t.txt", bytes: new TextEncoder().encode(TEXT), published: "2020-05-01" }),
    );
    const relayed = a.claims!.filter((c) => c.speaker?.text === "Park Min-jun");
    assert.ok(relayed.length > 0, "the chair makes claims");
    for (const c of relayed) {
      assert.equal(c.origin?.text, "Security Bureau", `${c.predicate}: ${c.quote}`);
      assert.match(c.rule, /relayed-briefing/);
    }
    // Claims before the briefing, or by other speakers, have no origin.
    assert.ok(a.claims!.filter((c) => c.speaker?.text !== "Park Min-jun").every((c) => !c.origin));
  });
});

/** The merged rule layer: overlaps, precedence, body ranges. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractRuleMentions, resolveOverlaps } from "../src/extract/rules.js";
import type { Mention } from "../src/model/types.js";

const m = (start: number, end: number, label: Mention["label"], confidence: number): Mention => ({
  start,
  end,
  text: "x".repeat(end - start),
  label,
  source: "test",
  confidence,
});

describe("resolveOverlaps", () => {
  it("keeps the longest, then the most confident, and sorts by start", () => {
    const out = resolveOverlaps([
      m(10, 12, "country", 0.9),
      m(0, 5, "location", 0.5),
      m(0, 8, "organization", 0.4),
    ]);
    assert.deepEqual(
      out.map((x) => [x.start, x.end, x.label]),
      [
        [0, 8, "organization"],
        [10, 12, "country"],
      ],
    );
    const tie = resolveOverlaps([m(0, 4, "location", 0.6), m(0, 4, "country", 0.9)]);
    assert.deepEqual(
      tie.map((x) => x.label),
      ["country"],
    );
  });

  it("lets a date or an indicator beat a longer quantity", () => {
    const out = resolveOverlaps([m(0, 10, "quantity", 0.9), m(3, 7, "date", 0.5)]);
    assert.deepEqual(
      out.map((x) => x.label),
      ["date"],
    );
    const ind = resolveOverlaps([
      m(0, 10, "money", 0.9),
      m(2, 8, "indicator", 0.5),
      m(12, 14, "quantity", 0.5),
    ]);
    assert.deepEqual(
      ind.map((x) => x.label),
      ["indicator", "quantity"],
    );
  });
});

describe("extractRuleMentions", () => {
  it("merges every extractor on one text", () => {
    const text =
      "In 1995 North Korea set up Bureau 121 in Shenyang; ten years later about 1,700 hackers used " +
      "hxxp://evil[.]com and CVE-2017-0144, causing $800 million in damage.";
    const got = extractRuleMentions(text, [{ start: 0, end: text.length }], "2015-01-07").map(
      (x) => `${x.text}:${x.label}`,
    );
    assert.deepEqual(got, [
      "1995:date",
      "North Korea:country",
      "Shenyang:location",
      "ten years later:date",
      "about 1,700:quantity",
      "hxxp://evil[.]com:indicator",
      "CVE-2017-0144:vulnerability",
      "$800 million:money",
    ]);
  });

  it("skips text outside the body", () => {
    const text = "Photo: Seoul in 2010.\nIn 2004 he left Pyongyang.";
    const body = [{ start: 22, end: text.length }];
    const got = extractRuleMentions(text, body, null).map((x) => x.text);
    assert.deepEqual(got, ["2004", "Pyongyang"]);
  });

  it("processes plain prose at a useful speed", () => {
    const para =
      "Seo also said that there appears to be about 1,700 North Korean hackers and 4,200 supporting agents " +
      "active in China. In October, South Korea's KBS TV reported that the attack cost $800 million. ";
    const text = para.repeat(200);
    const t0 = performance.now();
    const n = extractRuleMentions(text, [{ start: 0, end: text.length }], "2013-11").length;
    const secs = (performance.now() - t0) / 1000;
    assert.equal(n, 200 * 7);
    assert.ok(text.length / secs > 50_000, `${Math.round(text.length / secs)} chars/s`);
  });
});

/** The rule layer on the two seed reports: the places, dates and amounts every later stage relies on. */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { extractRuleMentions } from "../src/extract/rules.js";
import type { DateValue, Mention, MoneyValue, PlaceValue, QuantityValue } from "../src/model/types.js";

const SHARED = fileURLToPath(new URL("../../shared", import.meta.url));
const SKIP = existsSync(`${SHARED}/seeds`)
  ? false
  : `../shared is absent (looked in ${SHARED}): skipping the seed checks`;

function seed(name: string, published: string): { text: string; mentions: Mention[] } {
  const text = readFileSync(`${SHARED}/seeds/${name}`, "utf8");
  return { text, mentions: extractRuleMentions(text, [{ start: 0, end: text.length }], published) };
}

describe("rule mentions on the seeds", { skip: SKIP }, () => {
  const s0 = SKIP ? null : seed("000_ac786c2e87323fc7.txt", "2015-01-07");
  const s2 = SKIP ? null : seed("002_0c3864d68d1d3c41.txt", "2013-11");
  const all = () => [...s0!.mentions, ...s2!.mentions];

  it("keeps exact offsets and sorted, non-overlapping spans", () => {
    for (const { text, mentions } of [s0!, s2!]) {
      let lastEnd = 0;
      for (const m of mentions) {
        assert.equal(text.slice(m.start, m.end), m.text);
        assert.ok(m.start >= lastEnd, `overlap at ${m.start}: ${m.text}`);
        lastEnd = m.end;
        assert.ok(m.source.startsWith("rules:"));
        assert.ok(m.confidence > 0 && m.confidence <= 1);
      }
    }
  });

  it("finds the countries North Korea, China, South Korea, Japan and the United States", () => {
    const countries = new Set(
      all()
        .filter((m) => m.label === "country")
        .map((m) => m.canonical),
    );
    for (const c of ["North Korea", "China", "South Korea", "Japan", "United States"])
      assert.ok(countries.has(c), c);
    const nk = all().find((m) => m.text === "North Korean");
    assert.ok(nk, "the adjective is found");
    assert.equal(nk.canonical, "North Korea", "the adjective names the country");
    assert.equal((nk.attrs as PlaceValue).countryCode, "KP");
  });

  it("places Shenyang, Liaoning, Pyongyang and Seoul with coordinates", () => {
    const expect: Record<string, [string, number, number]> = {
      Shenyang: ["CN", 41.8, 123.4],
      Liaoning: ["CN", 41.8, 123.4],
      Pyongyang: ["KP", 39.0, 125.75],
      Seoul: ["KR", 37.57, 126.98],
    };
    for (const [name, [cc, lat, lon]] of Object.entries(expect)) {
      const m = all().find((x) => x.label === "location" && x.canonical === name);
      assert.ok(m, `${name} found`);
      const p = m.attrs as PlaceValue;
      assert.equal(p.countryCode, cc);
      assert.ok(
        Math.abs(p.latitude! - lat) < 0.5 && Math.abs(p.longitude! - lon) < 0.5,
        `${name} at ${p.latitude},${p.longitude}`,
      );
    }
    const shenyang = all().find((x) => x.canonical === "Shenyang")!.attrs as PlaceValue;
    assert.equal(shenyang.region, "Liaoning");
    assert.ok(s0!.mentions.some((m) => m.text === "Liaoning Province" && m.canonical === "Liaoning"));
  });

  it("dates 2004, 1995 and 2005 (ten years later) in seed 000", () => {
    const dates = s0!.mentions.filter((m) => m.label === "date");
    const iso = (t: string) => (dates.find((m) => m.text === t)?.attrs as DateValue | undefined)?.iso;
    assert.equal(iso("2004"), "2004");
    assert.equal(iso("1995"), "1995");
    assert.equal(iso("ten years later"), "2005");
    assert.equal(iso("Tuesday"), "2015-01-06");
  });

  it("resolves seed 002's dates against 2013-11", () => {
    const iso = (t: string) => (s2!.mentions.find((m) => m.text === t)?.attrs as DateValue | undefined)?.iso;
    assert.equal(iso("This month"), "2013-11");
    assert.equal(iso("October"), "2013-10");
    assert.equal(iso("earlier this year"), "2013");
    assert.equal(iso("1990s"), "1990/1999");
  });

  it("counts 1,700 hackers (approximate), 4,200 agents and $800 million", () => {
    const q = s2!.mentions.filter((m) => m.label === "quantity").map((m) => m.attrs as QuantityValue);
    const hackers = q.find((v) => v.value === 1700);
    assert.deepEqual([hackers?.unit, hackers?.approximate], ["hackers", true]);
    assert.equal(q.find((v) => v.value === 4200)?.unit, "agents");
    assert.equal(q.find((v) => v.value === 7)?.unit, "organizations");
    const money = s2!.mentions.find((m) => m.label === "money");
    assert.equal(money?.text, "$800 million");
    const mv = money?.attrs as MoneyValue;
    assert.deepEqual([mv.value, mv.currency], [800_000_000, "USD"]);
  });
});

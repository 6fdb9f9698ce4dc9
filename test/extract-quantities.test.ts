/** Quantity and money rules on sentences written for the purpose. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractQuantities } from "../src/extract/quantities.js";
import type { MoneyValue, QuantityValue } from "../src/model/types.js";

function q(text: string) {
  return extractQuantities(text, [{ start: 0, end: text.length }]).map((m) => {
    assert.equal(text.slice(m.start, m.end), m.text);
    return { text: m.text, label: m.label, ...(m.attrs as QuantityValue | MoneyValue) };
  });
}

describe("extractQuantities", () => {
  it("takes the counted noun as unit, past adjectives and nationality words", () => {
    const [a, b] = q(
      "There appear to be about 1,700 North Korean hackers and 4,200 supporting agents in China.",
    );
    assert.deepEqual(
      [a?.text, a?.value, (a as QuantityValue).unit, a?.approximate],
      ["about 1,700", 1700, "hackers", true],
    );
    assert.deepEqual(
      [b?.text, b?.value, (b as QuantityValue).unit, b?.approximate],
      ["4,200", 4200, "agents", false],
    );
    const [c] = q("the NIS described seven North Korean hacking organizations");
    assert.deepEqual([c?.value, (c as QuantityValue).unit], [7, "organizations"]);
  });

  it("reads money with symbols, codes and scales", () => {
    const [m] = q("the cost was estimated at $800 million.");
    assert.deepEqual(
      [m?.label, m?.text, m?.value, (m as MoneyValue).currency],
      ["money", "$800 million", 8e8, "USD"],
    );
    const [e] = q("a loss of €2.5bn last year");
    assert.deepEqual([e?.text, e?.value, (e as MoneyValue).currency], ["€2.5bn", 2.5e9, "EUR"]);
    const [k] = q("they stole 2,000 won");
    assert.deepEqual([k?.value, (k as MoneyValue).currency], [2000, "KRW"]);
    const [t] = q("tens of millions of dollars were lost");
    assert.equal((t as MoneyValue).currency, "USD");
    assert.deepEqual([t?.min, t?.max, t?.approximate], [2e7, 99999999, true]);
  });

  it("gives ranges for vague amounts and bounds for hedges", () => {
    const [v] = q("attacks shut down tens of thousands of computers");
    assert.equal(v?.text, "tens of thousands");
    assert.deepEqual(
      [(v as QuantityValue).unit, v?.min, v?.max, v?.approximate],
      ["computers", 20000, 99999, true],
    );
    assert.ok(v!.value > 20000 && v!.value < 99999);
    const [more] = q("more than 100 victims");
    assert.deepEqual(
      [more?.text, more?.value, more?.min, more?.approximate],
      ["more than 100", 100, 100, true],
    );
    const [nearly] = q("nearly 80 of the servers");
    assert.deepEqual([nearly?.value, nearly?.max, (nearly as QuantityValue).unit], [80, 80, "servers"]);
    const [mil] = q("1.2 million records leaked");
    assert.deepEqual([mil?.value, (mil as QuantityValue).unit], [1.2e6, "records"]);
  });

  it("counts a year-like number only when a plural noun follows it", () => {
    const found = q("In 2004, 2004 computers were infected");
    assert.deepEqual(
      found.map((x) => [x.text, x.value, (x as QuantityValue).unit]),
      [["2004", 2004, "computers"]],
    );
    assert.deepEqual(q("in 2004 and since 1995 and the 2013 attacks"), []);
  });

  it("does not tag versions, CVE ids, IPs, ordinals, names or dates", () => {
    for (const s of [
      "version 1.2.3.4 and v2.0.1 and version 2.0",
      "CVE-2017-0144 at 10.1.2.3",
      "the first attack",
      "one of the groups",
      "Bureau 121 operatives",
      "Windows 10 machines",
      "On 5 January 2015 at 3 pm",
      "the two won the match",
      "page 12 of the report",
      "Over a six-month period, a 20-year-old wrote %1 version %2.",
      "base64 +0bn/AJ5Tf98Gj+0bn=",
    ])
      assert.deepEqual(q(s), [], s);
  });
});

/** Date rules on sentences written for the purpose. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractDates } from "../src/extract/dates.js";
import type { DateValue } from "../src/model/types.js";

function dates(text: string, published: string | null = null): [string, string, string, boolean][] {
  return extractDates(text, [{ start: 0, end: text.length }], published).map((m) => {
    assert.equal(text.slice(m.start, m.end), m.text);
    assert.equal(m.label, "date");
    assert.equal(m.source, "rules:date");
    const v = m.attrs as DateValue;
    return [m.text, v.iso, v.precision, v.approximate];
  });
}
const isos = (text: string, published: string | null = null) =>
  dates(text, published).map(([t, iso]) => `${t}=${iso}`);

describe("extractDates", () => {
  it("resolves deictic expressions against the publication date", () => {
    assert.deepEqual(dates("This month, the agency said.", "2013-11"), [
      ["This month", "2013-11", "month", false],
    ]);
    assert.deepEqual(isos("In October, KBS reported it.", "2013-11"), ["October=2013-10"]);
    assert.deepEqual(isos("In December, KBS reported it.", "2013-11"), ["December=2012-12"]);
    assert.deepEqual(dates("attacks earlier this year that", "2013-11"), [
      ["earlier this year", "2013", "year", false],
    ]);
    assert.deepEqual(isos("He told CNN on Tuesday that", "2015-01-07"), ["Tuesday=2015-01-06"]);
    assert.deepEqual(isos("two years ago", "2015-01-07"), ["two years ago=2013"]);
    assert.deepEqual(isos("last month", "2013-11"), ["last month=2013-10"]);
  });

  it("does not invent a day the reference does not give", () => {
    assert.deepEqual(dates("He told CNN on Tuesday that", "2013-11"), [
      ["Tuesday", "2013-11", "month", true],
    ]);
    assert.deepEqual(dates("This month and in October", null), []);
  });

  it("reads years, decades, ranges and qualified years", () => {
    assert.deepEqual(isos("until his defection in 2004."), ["2004=2004"]);
    assert.deepEqual(dates("trained hackers since the 1990s"), [["1990s", "1990/1999", "interval", false]]);
    assert.deepEqual(dates("in the early 2000s"), [["early 2000s", "2000/2003", "interval", true]]);
    assert.deepEqual(isos("from 2010 to 2012 and in 2013-14"), [
      "2010 to 2012=2010/2012",
      "2013-14=2013/2014",
    ]);
    assert.deepEqual(dates("in mid-2014"), [["mid-2014", "2014", "year", true]]);
    assert.deepEqual(isos("in Q3 2014"), ["Q3 2014=2014-07/2014-09"]);
    assert.deepEqual(isos("on 5 January 2015 and May 2010"), [
      "5 January 2015=2015-01-05",
      "May 2010=2010-05",
    ]);
    assert.deepEqual(isos("in 2004, 2005 and 2008"), ["2004=2004", "2005=2005", "2008=2008"]);
    assert.deepEqual(isos("the 2013 attacks"), ["2013=2013"]);
  });

  it("resolves anaphoric counts against the last year written before them", () => {
    assert.deepEqual(isos("established in 1995 and ten years later it began"), [
      "1995=1995",
      "ten years later=2005",
    ]);
    assert.deepEqual(
      isos("In 1995 it was founded. The following year it grew. A year later it moved.", "2015-01-07"),
      ["1995=1995", "The following year=1996", "A year later=1997"],
    );
    assert.deepEqual(isos("In 2001 it spread; two years earlier, it began."), [
      "2001=2001",
      "two years earlier=1999",
    ]);
    assert.deepEqual(
      isos("ten years later it began", "2015-01-07"),
      [],
      "no year before it: nothing to count from",
    );
    assert.deepEqual(isos("two years before the attack", null), []);
  });

  it("leaves alone what is not a date", () => {
    assert.deepEqual(isos("about 2004 computers were infected"), []);
    assert.deepEqual(isos("It may have been an attack. May I ask?", "2013-11"), []);
    assert.deepEqual(isos("Windows 2000 and Office 2013"), []);
    assert.deepEqual(isos("CVE-2014-6271 and 10.20.30.40"), []);
    assert.deepEqual(isos("now experts say they worked for several years", "2013-11"), []);
    assert.deepEqual(isos("Sun Microsystems and Bureau 121", "2013-11"), []);
    assert.deepEqual(isos("build 9.9.9440, score 5/7, over the past six months", "2021-05-14"), []);
  });

  it("reads only inside the body ranges", () => {
    const text = "Posted in 2019. Body: in 2004 he left.";
    const body = [{ start: 16, end: text.length }];
    const found = extractDates(text, body, null).map((m) => m.text);
    assert.deepEqual(found, ["2004"]);
  });
});

/**
 * Organization names: acronyms, generic suffixes, descriptive and possessive prefixes, descriptions,
 * and country context that separates organizations sharing an acronym.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  acronymMatches,
  acronymOf,
  acronymScore,
  clippedCompound,
  compareOrgNames,
  isDescription,
  looksLikeAcronym,
  stripCountryPrefix,
} from "../src/resolve/acronyms.js";
import { countriesIn, countryCode } from "../src/resolve/countries.js";

describe("acronyms", () => {
  test("initials of significant words, stopwords optional", () => {
    assert.equal(acronymOf("National Intelligence Service"), "NIS");
    assert.equal(acronymOf("Federal Bureau of Investigation"), "FBI");
    assert.ok(acronymMatches("NIS", "National Intelligence Service"));
    assert.ok(acronymMatches("VOA", "Voice of America"));
    assert.ok(acronymMatches("FBI", "Federal Bureau of Investigation"));
    assert.ok(acronymMatches("U.S.", "United States"));
    assert.ok(acronymMatches("NIS", "South Korea's National Intelligence Service"));
    assert.ok(acronymMatches("RGB", "the Reconnaissance General Bureau"));
  });

  test("hyphenated words give one letter or one per part", () => {
    assert.ok(acronymMatches("CERT", "Computer Emergency Response Team"));
    assert.ok(acronymMatches("ACSC", "Anti-Cyber Security Centre"));
  });

  test("not acronyms: wrong letters, wrong order, not written like an acronym", () => {
    assert.ok(!acronymMatches("NIS", "North Korea Intellectuals Solidarity"));
    assert.ok(!acronymMatches("SIN", "National Intelligence Service"));
    assert.ok(!acronymMatches("nis", "National Intelligence Service"));
    assert.ok(!acronymMatches("NI", "National Intelligence Service"));
    assert.ok(!looksLikeAcronym("Seoul"));
    assert.ok(looksLikeAcronym("U.S."));
  });

  test("country context separates organizations that share an acronym", () => {
    const same = acronymScore("NIS", "National Intelligence Service", ["KR"], ["KR"]);
    const none = acronymScore("NIS", "National Intelligence Service", [], []);
    const differ = acronymScore("NIS", "National Intelligence Service", ["ID"], ["KR"]);
    assert.ok(same.score > none.score && none.score > differ.score);
    assert.ok(same.score >= 0.9);
    assert.ok(differ.score < 0.6);
    assert.match(differ.reason, /countries differ/);
    // The country written in the long name counts too.
    assert.ok(acronymScore("NIS", "South Korea's National Intelligence Service", ["KR"], []).score >= 0.9);
  });
});

describe("names, prefixes and descriptions", () => {
  test("generic suffixes: KBS = KBS TV, Lazarus = Lazarus Group, intelNews = intelNews.org", () => {
    for (const [a, b] of [
      ["KBS", "KBS TV"],
      ["Lazarus", "Lazarus Group"],
      ["intelNews", "intelNews.org"],
      ["Acme", "Acme Corp."],
    ] as const) {
      const c = compareOrgNames(a, b);
      assert.equal(c.relation, "core", `${a} / ${b}`);
      assert.ok(c.score >= 0.9);
    }
  });

  test("a country possessive in front is dropped and kept as context", () => {
    const c = compareOrgNames("National Assembly", "South Korea's National Assembly");
    assert.equal(c.relation, "core");
    assert.deepEqual(c.countriesB, ["KR"]);
    assert.deepEqual(stripCountryPrefix("Seoul's spy agency"), { rest: "spy agency", countries: ["KR"] });
  });

  test("a description in front of a name: 'Dutch chip maker Acme' is Acme", () => {
    assert.equal(compareOrgNames("Acme", "Dutch chip maker Acme").relation, "described");
    assert.equal(compareOrgNames("Globex", "public-service broadcaster Globex").relation, "described");
  });

  test("impostors are not the organization: 'Criminals posing as Lazarus Group'", () => {
    assert.equal(compareOrgNames("Lazarus Group", "Criminals posing as Lazarus Group").score, 0);
    assert.equal(compareOrgNames("Lazarus Group", "hackers posing as Lazarus Group").score, 0);
    // Capitalized words in front are part of another name, not a description: NAIKON CASTLE is not CASTLE.
    assert.equal(compareOrgNames("CASTLE", "NAIKON CASTLE").relation, "different");
    assert.equal(compareOrgNames("Mirage", "COBALT MIRAGE").relation, "different");
  });

  test("descriptions fit organizations by concept and head noun, countries permitting", () => {
    assert.ok(isDescription("Seoul's spy agency"));
    assert.ok(isDescription("the committee"));
    assert.ok(!isDescription("National Intelligence Service"));
    assert.equal(
      compareOrgNames("Seoul's spy agency", "National Intelligence Service").relation,
      "description",
    );
    assert.equal(
      compareOrgNames("the committee", "intelligence committee of the National Assembly").relation,
      "description",
    );
    assert.equal(compareOrgNames("Seoul's spy agency", "National Police Agency").relation, "different");
    assert.equal(
      compareOrgNames("Tokyo's spy agency", "South Korea's National Intelligence Service").relation,
      "different",
    );
  });

  test("head of a longer name, unit designators, clipped compounds", () => {
    assert.equal(compareOrgNames("audit committee", "audit committee of the Senate").relation, "head");
    assert.equal(compareOrgNames("Unit 121", "Bureau 121").relation, "designator");
    assert.notEqual(compareOrgNames("Unit 121", "Bureau 180").relation, "designator");
    assert.ok(clippedCompound("MetService", "Meteorological Service of New Zealand"));
    assert.ok(!clippedCompound("MetService", "Metropolitan Police"));
  });
});

describe("country context", () => {
  test("country names, demonyms, capitals and knowledge-source spellings", () => {
    assert.deepEqual(countriesIn("North Korean hackers in Shenyang, China"), ["KP", "CN"]);
    assert.deepEqual(countriesIn("Seoul's spy agency"), ["KR"]);
    assert.equal(countryCode("Korea (Democratic People's Republic of)"), "KP");
    assert.equal(countryCode("Iran (Islamic Republic of)"), "IR");
    assert.equal(countryCode("Russian Federation"), "RU");
    assert.equal(countryCode("KP"), "KP");
    assert.equal(countryCode("Unknown"), undefined);
    assert.deepEqual(countriesIn("us and them"), []);
  });
});

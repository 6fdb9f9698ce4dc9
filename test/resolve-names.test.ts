/**
 * Person names across romanization systems, hyphenation, spacing, case and name order; the surname
 * rule (people who share only a surname are different people); surname-only mentions.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  comparePersonNames,
  foldSyllables,
  isRomanizedSyllables,
  isSurnameOnly,
  jaroWinkler,
  parsePersonName,
  personKey,
  samePersonName,
  surnamesEqual,
} from "../src/resolve/names.js";

describe("romanization folding", () => {
  test("Kim Heung-Kwang in four spellings is one key and one person", () => {
    const spellings = [
      "Kim Heung-Kwang",
      "Kim Hung-kwang",
      "Kim Heung-kwang",
      "Kim Heungkwang",
      "KIM HEUNG KWANG",
    ];
    const keys = new Set(spellings.map(personKey));
    assert.equal(keys.size, 1);
    for (const s of spellings) assert.ok(samePersonName("Kim Heung-Kwang", s), s);
  });

  test("spacing and hyphenation of the given name: Kim Jong Un = Kim Jong-un = Kim Jongun", () => {
    assert.ok(samePersonName("Kim Jong Un", "Kim Jong-un"));
    assert.ok(samePersonName("Kim Jong Un", "Kim Jongun"));
    assert.equal(comparePersonNames("Kim Jong Un", "Kim Jong-un").relation, "identical");
  });

  test("McCune-Reischauer and Revised Romanization: Park Jin Hyok = Pak Jin-hyok = Bak Jin-hyeok = Pak Chin-hyŏk", () => {
    for (const other of ["Pak Jin-hyok", "Bak Jin-hyeok", "Pak Chin-hyŏk"]) {
      const c = comparePersonNames("Park Jin Hyok", other);
      assert.equal(c.relation, "romanization", other);
      assert.ok(c.score >= 0.9, other);
    }
  });

  test("surname spellings are grouped: Lee/Yi/Rhee/Ri, Park/Pak/Bak, Choi/Choe, Jeong/Chung/Jung", () => {
    for (const [a, b] of [
      ["Lee", "Yi"],
      ["Lee", "Rhee"],
      ["Lee", "Ri"],
      ["Park", "Bak"],
      ["Choi", "Choe"],
      ["Jeong", "Chung"],
      ["Jeong", "Jung"],
    ] as const)
      assert.ok(surnamesEqual(a, b), `${a} / ${b}`);
    assert.ok(!surnamesEqual("Kim", "Lee"));
    assert.ok(!surnamesEqual("Park", "Choi"));
  });

  test("vowel and consonant variants fold together: eo/o, eu/u, ae/e, g/k, b/p, ch/j", () => {
    assert.equal(foldSyllables("hyeok"), foldSyllables("hyok"));
    assert.equal(foldSyllables("heung"), foldSyllables("hung"));
    assert.equal(foldSyllables("jae"), foldSyllables("je"));
    assert.equal(foldSyllables("gwang"), foldSyllables("kwang"));
    assert.equal(foldSyllables("bok"), foldSyllables("pok"));
    assert.equal(foldSyllables("chol"), foldSyllables("jol"));
    assert.notEqual(foldSyllables("jong"), foldSyllables("jin"));
  });

  test("Chinese names in pinyin and Wade-Giles: Xi Jinping = Hsi Chin-p'ing", () => {
    assert.ok(samePersonName("Xi Jinping", "Hsi Chin-p'ing"));
    assert.ok(!samePersonName("Xi Jinping", "Xi Mingze"));
  });

  test("vowel-only differences are near misses, graded below equality", () => {
    for (const [a, b] of [
      ["Lee Myung-bak", "Yi Myŏng-bak"],
      ["Kim Il Sung", "Kim Il-song"],
      ["Mao Zedong", "Mao Tse-tung"],
    ] as const) {
      const c = comparePersonNames(a, b);
      assert.equal(c.relation, "similar", `${a} / ${b}`);
      assert.ok(c.score > 0.5 && c.score < 0.9);
    }
    assert.ok(jaroWinkler("martha", "marhta") > 0.95 && jaroWinkler("martha", "marhta") < 1);
    assert.equal(jaroWinkler("abc", "xyz"), 0);
  });
});

describe("the surname rule", () => {
  test("Kim Jong Un, Youmi Kim and Kim Heung-kwang are three people", () => {
    const names = ["Kim Jong Un", "Youmi Kim", "Kim Heung-kwang"];
    for (const a of names)
      for (const b of names) {
        if (a === b) continue;
        const c = comparePersonNames(a, b);
        assert.equal(c.relation, "shared-surname", `${a} / ${b}`);
        assert.equal(c.score, 0);
        assert.match(c.reason, /share only the surname kim/);
      }
  });

  test("Kim Jong Un, Kim Jong Il and Kim Jong Nam share more than a surname yet stay apart", () => {
    assert.equal(comparePersonNames("Kim Jong Un", "Kim Jong Il").score, 0);
    assert.equal(comparePersonNames("Kim Jong Un", "Kim Jong-nam").relation, "shared-surname");
    assert.equal(comparePersonNames("Lee Jae-myung", "Lee Jae-yong").relation, "shared-surname");
    assert.equal(comparePersonNames("Wang Yi", "Wang Yu").relation, "shared-surname");
  });

  test("a Korean surname spelling used as a Western first name: Jon Smith is Mr. Smith", () => {
    const p = parsePersonName("Jon Smith");
    assert.equal(p.surname, "smith");
    assert.equal(p.order, "surname-last");
    assert.ok(isRomanizedSyllables("heung-kwang") && isRomanizedSyllables("jinping"));
    assert.ok(!isRomanizedSyllables("smith") && !isRomanizedSyllables("joseph"));
  });

  test("given-name-first order is read: Youmi Kim has surname Kim, last", () => {
    const p = parsePersonName("Youmi Kim");
    assert.equal(p.surname, "kim");
    assert.deepEqual(p.given, ["youmi"]);
    assert.equal(p.order, "surname-last");
    assert.equal(parsePersonName("Kim Jong Un").order, "surname-first");
    assert.equal(parsePersonName("Joseph Fitsanakis").surname, "fitsanakis");
  });

  test("the same words in the other order are a suggestion, not an automatic match", () => {
    const c = comparePersonNames("Youmi Kim", "Kim Youmi");
    assert.equal(c.relation, "romanization");
    assert.ok(c.score < 0.9 && c.score >= 0.6);
  });

  test("initials: J. Fitsanakis and Joseph Fitsanakis are a suggestion", () => {
    const c = comparePersonNames("J. Fitsanakis", "Joseph Fitsanakis");
    assert.equal(c.relation, "initials");
    assert.ok(c.score >= 0.6 && c.score < 0.9);
  });
});

describe("surname-only mentions", () => {
  test("a bare surname is surname-only for people, titles ignored", () => {
    assert.ok(isSurnameOnly("Kim", "person"));
    assert.ok(isSurnameOnly("Mr. Seo", "person"));
    assert.ok(isSurnameOnly("DeBolt", "person"));
    assert.ok(!isSurnameOnly("Seo Sang-ki", "person"));
    assert.ok(!isSurnameOnly("Kim", "organization"));
  });

  test("a bare surname never equals a full name", () => {
    const c = comparePersonNames("Kim", "Kim Jong Un");
    assert.equal(c.relation, "surname-only");
    assert.ok(c.score < 0.6);
    assert.equal(comparePersonNames("Kim", "Park Jin Hyok").score, 0);
    assert.equal(comparePersonNames("Kim", "Kim").relation, "surname-only");
  });

  test("the same one-word name that is not a known surname (a handle) is a suggestion", () => {
    const c = comparePersonNames("Guccifer", "guccifer");
    assert.equal(c.relation, "single-name");
    assert.ok(c.score >= 0.6 && c.score < 0.9);
  });
});

/**
 * Attribution constructions on fixture sentences written for these tests: speaker verbs, "told X"
 * (via), "according to", "quoted ... as saying", inverted "said X", "<country> officials say",
 * quotations across sentences, carry-over, denials, and the author's own voice.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractClaims } from "../src/claims/index.js";
import { type MentionSpec, makeDoc } from "../src/claims/testing.js";
import type { ExtractedClaim } from "../src/claims/types.js";

const C = (text: string, canonical?: string): MentionSpec => ({
  text,
  label: "country",
  canonical: canonical ?? text,
});
const L = (text: string): MentionSpec => ({ text, label: "location", canonical: text });
const A = (text: string): MentionSpec => ({ text, label: "threat-actor" });
const O = (text: string): MentionSpec => ({ text, label: "organization" });
const P = (text: string): MentionSpec => ({ text, label: "person" });
const S = (text: string): MentionSpec => ({ text, label: "sector" });
const M = (text: string): MentionSpec => ({ text, label: "malware" });

const run = (text: string, specs: MentionSpec[], publisher: string | null = "The Daily Byte") =>
  extractClaims(makeDoc(text, specs, { meta: { publisher } }));

const nm = (a: { text: string; canonical?: string } | null | undefined) => a?.canonical ?? a?.text ?? null;

function only(cs: ExtractedClaim[], predicate: string, object: string): ExtractedClaim {
  const c = cs.find(
    (x) => x.predicate === predicate && (nm(x.object) === object || x.value?.text === object),
  );
  assert.ok(
    c,
    `no ${predicate} ${object} in:\n${cs.map((x) => `  ${x.subject.text} ${x.predicate} ${nm(x.object)}`).join("\n")}`,
  );
  return c;
}

describe("speaker verbs", () => {
  for (const verb of [
    "said",
    "says",
    "claimed",
    "confirmed",
    "warned",
    "noted",
    "added",
    "reported",
    "stated",
  ]) {
    it(`"X ${verb} that ..." gives speaker X, via the publisher`, () => {
      const cs = run(`Microsoft ${verb} that Nobelium targeted government agencies.`, [
        O("Microsoft"),
        A("Nobelium"),
        S("government agencies"),
      ]);
      const c = only(cs, "targets", "government agencies");
      assert.equal(nm(c.speaker), "Microsoft");
      assert.deepEqual(
        c.via.map((v) => v.text),
        ["The Daily Byte"],
      );
      assert.equal(c.hedged, false, `"${verb}" asserts; it is no hedge`);
    });
  }
  it('"alleged" hedges what it reports', () => {
    const cs = run("Prosecutors alleged that Park Jin Hyok worked for Chosun Expo.", [
      O("Prosecutors"),
      P("Park Jin Hyok"),
      O("Chosun Expo"),
    ]);
    const c = only(cs, "affiliated-with", "Chosun Expo");
    assert.equal(c.hedged, true);
    assert.deepEqual(c.hedgeCues, ["alleged"]);
  });
  it('"X told <outlet> that ..." puts the outlet in via, before the publisher', () => {
    const cs = run("Jane Doe told Reuters that APT41 breached the Acme Corp network.", [
      P("Jane Doe"),
      O("Reuters"),
      A("APT41"),
      O("Acme Corp"),
    ]);
    const c = only(cs, "compromised", "Acme Corp");
    assert.equal(nm(c.speaker), "Jane Doe");
    assert.deepEqual(
      c.via.map((v) => v.text),
      ["Reuters", "The Daily Byte"],
    );
  });
  it("an apposition between speaker and verb keeps the speaker", () => {
    const cs = run("Lee Min-jun, director of the Korea Internet Agency, said that Kimsuky targeted Hanwha.", [
      P("Lee Min-jun"),
      O("Korea Internet Agency"),
      A("Kimsuky"),
      O("Hanwha"),
    ]);
    assert.equal(nm(only(cs, "targets", "Hanwha").speaker), "Lee Min-jun");
  });
  it('"<country> officials say" gives the country', () => {
    const cs = run(
      "U.S. officials say Iran targeted the Bowman dam. Officials in Germany said APT28 hacked the Bundestag.",
      [C("U.S.", "United States"), C("Iran"), O("Bowman dam"), C("Germany"), A("APT28"), O("Bundestag")],
    );
    assert.equal(nm(only(cs, "targets", "Bowman dam").speaker), "United States");
    assert.equal(nm(only(cs, "compromised", "Bundestag").speaker), "Germany");
  });
});

describe("according to, quoted as saying, inverted verbs", () => {
  it('"according to X" at either end', () => {
    const cs = run(
      "According to ESET, Sandworm used Industroyer. Turla hijacked Iranian servers, according to the NCSC.",
      [O("ESET"), A("Sandworm"), M("Industroyer"), A("Turla"), C("Iranian", "Iran"), O("NCSC")],
    );
    assert.equal(nm(only(cs, "uses", "Industroyer").speaker), "ESET");
    assert.equal(nm(only(cs, "compromised", "Iran").speaker), "NCSC");
  });
  it('"X quoted Y as saying" gives speaker Y via X', () => {
    const cs = run("Yonhap quoted Kim Min-seok as saying that Lazarus targeted crypto exchanges.", [
      O("Yonhap"),
      P("Kim Min-seok"),
      A("Lazarus"),
      S("crypto exchanges"),
    ]);
    const c = only(cs, "targets", "crypto exchanges");
    assert.equal(nm(c.speaker), "Kim Min-seok");
    assert.deepEqual(
      c.via.map((v) => v.text),
      ["Yonhap", "The Daily Byte"],
    );
  });
  it('inverted "…, said X." covers the whole sentence', () => {
    const cs = run("APT10 hacked the cloud providers, said Jane Doe.", [
      A("APT10"),
      O("cloud providers"),
      P("Jane Doe"),
    ]);
    assert.equal(nm(only(cs, "compromised", "cloud providers").speaker), "Jane Doe");
  });
  it("a parenthetical speaker covers the sentence", () => {
    const cs = run("Lazarus, Jane Doe said, stole the tokens from Atomic Wallet.", [
      A("Lazarus"),
      P("Jane Doe"),
      O("Atomic Wallet"),
    ]);
    const c = cs.find((x) => x.predicate === "compromised" || x.predicate === "damage");
    assert.ok(c === undefined || nm(c.speaker) === "Jane Doe");
  });
});

describe("quotations and carry-over", () => {
  it("a quotation spanning sentences takes the speaker named where it closes", () => {
    const cs = run(
      "“Lazarus is based in Pyongyang. It also used AppleJeus against exchanges,” said John Porter.",
      [A("Lazarus"), L("Pyongyang"), M("AppleJeus"), P("John Porter")],
    );
    assert.equal(nm(only(cs, "located-at", "Pyongyang").speaker), "John Porter");
    assert.equal(nm(only(cs, "uses", "AppleJeus").speaker), "John Porter");
  });
  it("carries the speaker to following sentences of the paragraph, and 'He added' keeps it", () => {
    const text =
      "Kaspersky said Lazarus was behind the heist. The group used AppleJeus in the attack. He added nothing.\n\nTurla used Snake.";
    const cs = run(text, [O("Kaspersky"), A("Lazarus"), M("AppleJeus"), A("Turla"), M("Snake")]);
    assert.equal(nm(only(cs, "uses", "AppleJeus").speaker), "Kaspersky");
    assert.equal(only(cs, "uses", "Snake").speaker, null, "a new paragraph starts in the author's voice");
  });
  it("'He said' resolves to the last person and a new full name ends the carry-over", () => {
    const text =
      "Tom Burt leads the security team at Microsoft. He said Nobelium used FoggyWeb. Tom Burt is a lawyer in Redmond.";
    const cs = run(text, [P("Tom Burt"), O("Microsoft"), A("Nobelium"), M("FoggyWeb"), L("Redmond")]);
    assert.equal(nm(only(cs, "uses", "FoggyWeb").speaker), "Tom Burt");
    assert.equal(only(cs, "located-at", "Redmond").speaker, null);
  });
  it("the author's own voice gives speaker null and no via", () => {
    const cs = run("Lazarus Group used AppleJeus.", [A("Lazarus Group"), M("AppleJeus")]);
    const c = only(cs, "uses", "AppleJeus");
    assert.equal(c.speaker, null);
    assert.deepEqual(c.via, []);
  });
});

describe("denials", () => {
  it("a denial is negative and its speaker is the denier (capital as country)", () => {
    const cs = run(
      "Beijing denies that APT40 targeted Finnish lawmakers. Moscow denied it hacked the Ukrainian grid.",
      [
        L("Beijing"),
        A("APT40"),
        S("lawmakers"),
        C("Finnish", "Finland"),
        L("Moscow"),
        C("Ukrainian", "Ukraine"),
      ],
    );
    const t = cs.find((c) => c.predicate === "targets" && c.subject.text === "APT40");
    assert.ok(t);
    assert.equal(t.polarity, "negative");
    assert.equal(nm(t.speaker), "China");
    const h = cs.find((c) => c.predicate === "compromised" && nm(c.subject) === "Russia");
    assert.ok(h, "'it' resolves to Moscow, that is Russia");
    assert.equal(h.polarity, "negative");
    assert.equal(nm(h.speaker), "Russia");
  });
});

describe("inverted verbs do not reach into the reported clause", () => {
  it('"…, said that although X knows …" does not make X the speaker', () => {
    const cs = run(
      "A former officer, now an analyst, said that although Moscow knows Evil Corp hackers work from Russia, it never acts.",
      [{ text: "Moscow", label: "location", canonical: "Moscow" }, A("Evil Corp"), C("Russia")],
    );
    const c = cs.find((x) => x.predicate === "tolerates");
    assert.ok(c);
    assert.notEqual(nm(c.speaker), "Russia");
  });
});

describe("several constructions in one sentence", () => {
  it("each claim takes the frame whose content holds it", () => {
    const cs = run("Iran denied any role in the attack, but the FBI said APT33 targeted Bechtel.", [
      C("Iran"),
      O("FBI"),
      A("APT33"),
      O("Bechtel"),
    ]);
    const c = only(cs, "targets", "Bechtel");
    assert.equal(nm(c.speaker), "FBI");
    assert.equal(c.polarity, "positive", "the denial's scope ends where the FBI's statement starts");
  });
});

describe("the speaker's biography", () => {
  it("is the author's description, not the speaker's claim", () => {
    const cs = run(
      "Ivan Sokolov, a former Russian signals officer who defected to Estonia in 2019, said that Turla is based in Kazan.",
      [
        P("Ivan Sokolov"),
        C("Estonia"),
        {
          text: "2019",
          label: "date",
          attrs: { kind: "date", iso: "2019", precision: "year", approximate: false },
        },
        A("Turla"),
        L("Kazan"),
      ],
    );
    assert.equal(only(cs, "defected", "2019").speaker, null);
    assert.equal(only(cs, "role", "former Russian signals officer").speaker, null);
    assert.equal(nm(only(cs, "located-at", "Kazan").speaker), "Ivan Sokolov");
  });
});

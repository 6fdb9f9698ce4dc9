/**
 * Coreference on fixture texts written for these tests: pronouns, surnames, acronyms,
 * descriptions ("the former officer", "the committee", "<country>'s spy agency", "the hackers").
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { resolveCoreference } from "../src/claims/index.js";
import { type MentionSpec, makeDoc } from "../src/claims/testing.js";
import type { CorefResult } from "../src/claims/types.js";

const C = (text: string, canonical?: string): MentionSpec => ({
  text,
  label: "country",
  canonical: canonical ?? text,
});
const L = (text: string): MentionSpec => ({ text, label: "location", canonical: text });
const A = (text: string): MentionSpec => ({ text, label: "threat-actor" });
const O = (text: string): MentionSpec => ({ text, label: "organization" });
const P = (text: string): MentionSpec => ({ text, label: "person" });

/** The entity (chain head text or canonical) each surface form resolves to, in text order. */
function resolved(r: CorefResult, surface: string): string[] {
  return r.mentions
    .map((m, i) => ({ m, i }))
    .filter(({ m }) => m.text === surface)
    .sort((a, b) => a.m.start - b.m.start)
    .map(({ i }) => {
      const chain = r.chains[r.chainOf[i]!];
      return chain ? (chain.canonical ?? chain.text) : "?";
    });
}

describe("pronouns", () => {
  it("he/she to the last person, it/its to organizations, they to groups", () => {
    const text =
      "John Porter met Ann Lee at Mandiant. She said the firm had tracked Iranian hackers for years. They used fake recruiters. Mandiant published its report, and it named APT35.";
    const doc = makeDoc(text, [
      P("John Porter"),
      P("Ann Lee"),
      O("Mandiant"),
      C("Iranian", "Iran"),
      A("APT35"),
    ]);
    const r = resolveCoreference(doc);
    assert.deepEqual(resolved(r, "She"), ["Ann Lee"]);
    assert.deepEqual(resolved(r, "They"), ["Iran"]);
    assert.deepEqual(resolved(r, "its"), ["Mandiant"]);
    assert.deepEqual(resolved(r, "it"), ["Mandiant"]);
    for (const m of r.mentions.slice(doc.mentions.length)) assert.equal(text.slice(m.start, m.end), m.text);
  });
  it("a sentence-initial 'It' prefers the previous sentence's subject over the last name", () => {
    const text = "The NCSC described attacks on banks in Estonia and Latvia. It blamed Sandworm.";
    const r = resolveCoreference(makeDoc(text, [O("NCSC"), C("Estonia"), C("Latvia"), A("Sandworm")]));
    assert.deepEqual(resolved(r, "It"), ["NCSC"]);
  });
  it("a capital as antecedent of 'it' is its country; expletive 'it' stays unresolved", () => {
    const text =
      "Moscow denies the charge, and it says the servers are American. It is clear that the case is weak.";
    const r = resolveCoreference(makeDoc(text, [L("Moscow")]));
    assert.deepEqual(resolved(r, "it"), ["Russia"]);
    assert.deepEqual(resolved(r, "It"), []);
  });
});

describe("names", () => {
  it("surname-only mentions go to the last full name with that surname (either name order)", () => {
    const text =
      "John Hultquist spoke first. Park Jin Hyok was charged later. Hultquist said the case was strong. Park denied it.";
    const r = resolveCoreference(
      makeDoc(text, [P("John Hultquist"), P("Park Jin Hyok"), P("Hultquist"), P("Park")]),
    );
    assert.deepEqual(resolved(r, "Hultquist"), ["John Hultquist"]);
    assert.deepEqual(resolved(r, "Park"), ["Park Jin Hyok"]);
  });
  it("acronyms and short forms join their full names", () => {
    const text =
      "The Federal Bureau of Investigation named the suspects. The FBI said more. Radio Free Asia reported it; Radio Free also named APT10.";
    const r = resolveCoreference(
      makeDoc(text, [
        O("Federal Bureau of Investigation"),
        O("FBI"),
        O("Radio Free Asia"),
        O("Radio Free"),
        A("APT10"),
      ]),
    );
    assert.deepEqual(resolved(r, "FBI"), ["Federal Bureau of Investigation"]);
    assert.deepEqual(resolved(r, "Radio Free"), ["Radio Free Asia"]);
  });
});

describe("descriptions", () => {
  it("person descriptions by role, before or after the name", () => {
    const text =
      "A former officer who ran the program spoke to reporters. Ivan Petrov was an officer of the GRU until 2015. The former officer now lives in Riga.";
    const r = resolveCoreference(makeDoc(text, [P("Ivan Petrov"), O("GRU"), L("Riga")]));
    assert.deepEqual(resolved(r, "A former officer"), ["Ivan Petrov"]);
    assert.deepEqual(resolved(r, "The former officer"), ["Ivan Petrov"]);
  });
  it("'the committee', 'the company' and '<country>'s spy agency'", () => {
    const text =
      "Russia's Foreign Intelligence Service hired Acme Software Company. Moscow's spy agency paid the company twice. The oversight committee of the Duma asked why; the committee was ignored.";
    const r = resolveCoreference(
      makeDoc(text, [
        C("Russia"),
        O("Foreign Intelligence Service"),
        O("Acme Software Company"),
        L("Moscow"),
        O("oversight committee"),
        O("Duma"),
      ]),
    );
    assert.deepEqual(resolved(r, "Moscow's spy agency"), ["Foreign Intelligence Service"]);
    assert.deepEqual(resolved(r, "the company"), ["Acme Software Company"]);
    assert.deepEqual(resolved(r, "the committee"), ["oversight committee"]);
  });
  it("'the hackers' to the last '<country> hackers'", () => {
    const text = "Vietnamese hackers broke into the ministry. Later the hackers moved to a new server.";
    const r = resolveCoreference(makeDoc(text, [C("Vietnamese", "Vietnam")]));
    assert.deepEqual(resolved(r, "the hackers"), ["Vietnam"]);
  });
  it("adds no mention inside boilerplate", () => {
    const text = "Sandworm hit the grid. It used Industroyer.\nPhoto: it was cold in Kyiv.";
    const doc = makeDoc(text, [A("Sandworm")], {
      boilerplate: [{ text: "Photo: it was cold in Kyiv.", kind: "caption" }],
    });
    const r = resolveCoreference(doc);
    const cap = doc.boilerplate[0]!;
    assert.ok(r.mentions.every((m) => m.end <= cap.start || m.start >= cap.end));
    assert.deepEqual(resolved(r, "It"), ["Sandworm"]);
  });
});

describe("names the mention layer missed", () => {
  it("a bare surname and an acronym join the full names", () => {
    const text =
      "Ryu Min-ho chairs the panel. The National Cyber Agency briefed it. Ryu said the NCA saw Kimsuky.";
    const doc = makeDoc(text, [P("Ryu Min-ho"), O("National Cyber Agency"), A("Kimsuky")]);
    const r = resolveCoreference(doc);
    assert.deepEqual(resolved(r, "Ryu"), ["Ryu Min-ho"]);
    assert.deepEqual(resolved(r, "NCA"), ["National Cyber Agency"]);
    assert.deepEqual(resolved(r, "The"), [], "ordinary capitalized words are left alone");
  });
});

describe("titles inside names", () => {
  it("'the colonel' resolves to 'Colonel Anton Vale', not to another person", () => {
    const text =
      "Colonel Anton Vale runs the unit. Petra Vale, a consultant, disagrees. The colonel trained in Varne.";
    const r = resolveCoreference(makeDoc(text, [P("Colonel Anton Vale"), P("Petra Vale"), L("Varne")]));
    assert.deepEqual(resolved(r, "The colonel"), ["Colonel Anton Vale"]);
  });
});

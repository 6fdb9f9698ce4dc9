/**
 * One or more fixture sentences per predicate of the spec (written for these tests, not taken from
 * the seeds), run through extractClaims with mentions given by hand.
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
const D = (text: string, iso: string): MentionSpec => ({
  text,
  label: "date",
  attrs: { kind: "date", iso, precision: iso.length === 4 ? "year" : "month", approximate: false },
});
const Q = (text: string, value: number, unit: string): MentionSpec => ({
  text,
  label: "quantity",
  attrs: { kind: "quantity", value, unit, approximate: false },
});
const $ = (text: string, value: number): MentionSpec => ({
  text,
  label: "money",
  attrs: { kind: "money", value, currency: "USD", approximate: false },
});

function claims(text: string, specs: MentionSpec[], publisher: string | null = null): ExtractedClaim[] {
  return extractClaims(makeDoc(text, specs, { meta: { publisher } }));
}

const name = (a: { text: string; canonical?: string } | null | undefined) => a?.canonical ?? a?.text;

function find(
  cs: ExtractedClaim[],
  predicate: string,
  subject: string,
  object?: string,
): ExtractedClaim | undefined {
  return cs.find(
    (c) =>
      c.predicate === predicate &&
      (name(c.subject) === subject || c.subject.text === subject) &&
      (object === undefined ||
        name(c.object) === object ||
        c.object?.text === object ||
        c.value?.text === object ||
        c.value?.iso === object),
  );
}

function has(cs: ExtractedClaim[], predicate: string, subject: string, object?: string): ExtractedClaim {
  const c = find(cs, predicate, subject, object);
  assert.ok(
    c,
    `expected ${subject} ${predicate} ${object ?? ""}; got:\n${cs.map((x) => `  ${x.subject.text} ${x.predicate} ${x.object?.text ?? x.value?.text} [${x.rule}]`).join("\n")}`,
  );
  return c;
}

describe("attributed-to", () => {
  it("reads a country adjective before a group name", () => {
    const cs = claims("Researchers tied the heist to the North Korean group Lazarus last year.", [
      C("North Korean", "North Korea"),
      A("Lazarus"),
    ]);
    has(cs, "attributed-to", "Lazarus", "North Korea");
  });
  it("reads 'linked to' and 'backed by' appositions", () => {
    const cs = claims(
      "APT28 has long been linked to the GRU. Charming Kitten, a hacking group backed by Iran, sent the emails.",
      [A("APT28"), O("GRU"), A("Charming Kitten"), C("Iran")],
    );
    has(cs, "attributed-to", "APT28", "GRU");
    has(cs, "attributed-to", "Charming Kitten", "Iran");
  });
  it("reads hyphenated alignment ('Russia-linked')", () => {
    const cs = claims("The Russia-linked group Sandworm disabled the substations.", [
      C("Russia"),
      A("Sandworm"),
    ]);
    has(cs, "attributed-to", "Sandworm", "Russia");
  });
  it("takes a group's country when its members join a unit", () => {
    const cs = claims(
      "Dozens of Iranian hackers worked on the project. Some of the hackers later joined a unit known as APT35.",
      [C("Iranian", "Iran"), A("APT35")],
    );
    has(cs, "attributed-to", "APT35", "Iran");
  });
});

describe("part-of", () => {
  it("reads copulas and appositions of units", () => {
    const cs = claims(
      "Unit 180 is a subgroup of the Reconnaissance General Bureau. Andariel, a subgroup of Lazarus Group, stole card data.",
      [A("Unit 180"), O("Reconnaissance General Bureau"), A("Andariel"), A("Lazarus Group")],
    );
    has(cs, "part-of", "Unit 180", "Reconnaissance General Bureau");
    has(cs, "part-of", "Andariel", "Lazarus Group");
  });
  it("reads 'the <unit> of the <organization>' in the author's voice", () => {
    const cs = claims("Officers of the Cyber Crime Division of the Federal Police raided the office.", [
      O("Cyber Crime Division"),
      O("Federal Police"),
    ]);
    const c = has(cs, "part-of", "Cyber Crime Division", "Federal Police");
    assert.equal(c.speaker, null);
  });
});

describe("located-at", () => {
  it("reads operating/based verbs with places, and lists", () => {
    const cs = claims("Turla is based in Russia. Its operators work in Moscow and Kazan.", [
      A("Turla"),
      C("Russia"),
      L("Moscow"),
      L("Kazan"),
    ]);
    has(cs, "located-at", "Turla", "Russia");
    has(cs, "located-at", "Turla", "Moscow");
    has(cs, "located-at", "Turla", "Kazan");
  });
  it("takes the head of 'the <country> city of <place>' and place appositions", () => {
    const cs = claims(
      "Unit 61398 runs a hacking facility in the Chinese city of Shanghai. Lyon, in southeastern France, hosts Interpol.",
      [A("Unit 61398"), C("Chinese", "China"), L("Shanghai"), L("Lyon"), C("France"), O("Interpol")],
    );
    has(cs, "located-at", "Unit 61398", "Shanghai");
    assert.equal(find(cs, "located-at", "Unit 61398", "China"), undefined);
    const appos = has(cs, "located-at", "Lyon", "France");
    assert.equal(appos.speaker, null);
  });
  it("does not read the victim's place of an attack as the attacker's base", () => {
    const cs = claims("Fancy Bear attacked several banks in Germany.", [
      A("Fancy Bear"),
      S("banks"),
      C("Germany"),
    ]);
    assert.equal(find(cs, "located-at", "Fancy Bear"), undefined);
    has(cs, "targets", "Fancy Bear", "banks");
  });
});

describe("targets and compromised", () => {
  it("reads target verbs with sector lists", () => {
    const cs = claims("APT33 has repeatedly targeted aviation, petrochemical and defense companies.", [
      A("APT33"),
      S("aviation"),
      S("petrochemical"),
      S("defense"),
    ]);
    for (const s of ["aviation", "petrochemical", "defense"]) has(cs, "targets", "APT33", s);
  });
  it("reads breaches as compromised, attempts as targets, and passives", () => {
    const cs = claims(
      "Lazarus Group breached Sony Pictures in 2014. APT10 tried to infiltrate Visma. The ministry was hacked by Fancy Bear.",
      [
        A("Lazarus Group"),
        O("Sony Pictures"),
        D("2014", "2014"),
        A("APT10"),
        O("Visma"),
        O("ministry"),
        A("Fancy Bear"),
      ],
    );
    const c = has(cs, "compromised", "Lazarus Group", "Sony Pictures");
    assert.equal(c.when, "2014");
    has(cs, "targets", "APT10", "Visma");
    assert.equal(find(cs, "compromised", "APT10"), undefined);
    has(cs, "compromised", "Fancy Bear", "ministry");
  });
  it("resolves 'the attack' to the last attacker and a capital victim to its country", () => {
    const cs = claims(
      "Kimsuky hacked the servers of Hydro Corp. Analysts believe the attack was aimed at Seoul's reactors.",
      [A("Kimsuky"), O("Hydro Corp"), L("Seoul")],
    );
    has(cs, "targets", "Kimsuky", "South Korea");
  });
});

describe("uses", () => {
  it("reads active and passive uses of malware", () => {
    const cs = claims(
      "Lazarus Group used WannaCry against hospitals. Olympic Destroyer was deployed by Sandworm.",
      [A("Lazarus Group"), M("WannaCry"), S("hospitals"), M("Olympic Destroyer"), A("Sandworm")],
    );
    has(cs, "uses", "Lazarus Group", "WannaCry");
    has(cs, "uses", "Sandworm", "Olympic Destroyer");
  });
});

describe("affiliated-with and role", () => {
  it("reads appositions, titles before names and work verbs", () => {
    const cs = claims(
      "John Porter, a researcher at Mandiant, found the implant. Cisco analyst Jane Doe disagreed. Ann Lee, who works for the Ministry of Defence, declined to comment.",
      [P("John Porter"), O("Mandiant"), O("Cisco"), P("Jane Doe"), P("Ann Lee"), O("Ministry of Defence")],
    );
    has(cs, "role", "John Porter", "researcher at Mandiant");
    has(cs, "affiliated-with", "John Porter", "Mandiant");
    has(cs, "role", "Jane Doe", "Cisco analyst");
    has(cs, "affiliated-with", "Jane Doe", "Cisco");
    has(cs, "affiliated-with", "Ann Lee", "Ministry of Defence");
  });
  it("reads copula roles and keeps them in the author's voice", () => {
    const cs = claims("Mandiant said the group was new. Ryu Min-ho is chairman of the National Assembly.", [
      O("Mandiant"),
      P("Ryu Min-ho"),
      O("National Assembly"),
    ]);
    const r = has(cs, "role", "Ryu Min-ho", "chairman of the National Assembly");
    assert.equal(r.speaker, null);
    has(cs, "affiliated-with", "Ryu Min-ho", "National Assembly");
  });
});

describe("tolerates", () => {
  it("reads knowledge and consent, and negates 'without the knowledge of'", () => {
    const cs = claims(
      "Moscow turns a blind eye to Evil Corp. Conti operates with the tacit approval of the Kremlin. Ukrainian hackers ran the botnet from Poland without the knowledge of Kyiv.",
      [
        L("Moscow"),
        A("Evil Corp"),
        A("Conti"),
        L("Kremlin"),
        C("Ukrainian", "Ukraine"),
        C("Poland"),
        L("Kyiv"),
      ],
    );
    has(cs, "tolerates", "Russia", "Evil Corp");
    has(cs, "tolerates", "Russia", "Conti");
    assert.equal(find(cs, "tolerates", "Ukraine", "Ukraine"), undefined);
    const neg = cs.find((c) => c.predicate === "tolerates" && name(c.subject) === "Ukraine");
    assert.equal(neg, undefined, "the state and the actor are the same country here: no claim");
  });
  it("negative: the actor operates without the state's knowledge", () => {
    const cs = claims(
      "Scattered Spider members ran the scheme from Britain without the knowledge of London.",
      [A("Scattered Spider"), C("Britain", "United Kingdom"), L("London")],
    );
    const c = has(cs, "tolerates", "United Kingdom", "Scattered Spider");
    assert.equal(c.polarity, "negative");
  });
  it("'knows ... never prosecuted' stays positive, 'does not know' is negative", () => {
    const cs = claims(
      "The analyst said that although Moscow knows Evil Corp hackers work from Russia, it has never prosecuted them. Tehran does not know that Charming Kitten hackers use its networks.",
      [L("Moscow"), A("Evil Corp"), C("Russia"), L("Tehran"), A("Charming Kitten")],
    );
    assert.equal(has(cs, "tolerates", "Russia", "Evil Corp").polarity, "positive");
    assert.equal(has(cs, "tolerates", "Iran", "Charming Kitten").polarity, "negative");
  });
});

describe("cooperates-with", () => {
  it("reads 'A and B share', 'cooperated with', 'cooperation between'", () => {
    const cs = claims(
      "Iran and Syria share attack tools. APT41 cooperated with Winnti. Analysts saw cooperation between Russia and Belarus.",
      [C("Iran"), C("Syria"), A("APT41"), A("Winnti"), C("Russia"), C("Belarus")],
    );
    has(cs, "cooperates-with", "Iran", "Syria");
    has(cs, "cooperates-with", "APT41", "Winnti");
    has(cs, "cooperates-with", "Russia", "Belarus");
  });
});

describe("founded, active-since, defected, occurred", () => {
  it("reads passive and active founding", () => {
    const cs = claims(
      "Unit 8200 was founded in 1952. The Kremlin established the Internet Research Agency in 2013.",
      [A("Unit 8200"), D("1952", "1952"), L("Kremlin"), O("Internet Research Agency"), D("2013", "2013")],
    );
    has(cs, "founded", "Unit 8200", "1952");
    has(cs, "founded", "Internet Research Agency", "2013");
    assert.equal(find(cs, "founded", "Russia"), undefined);
  });
  it("reads 'active since' and 'began ... in'", () => {
    const cs = claims(
      "APT29 has been active since at least 2008. Sandworm began attacking Ukrainian utilities in 2014.",
      [A("APT29"), D("2008", "2008"), A("Sandworm"), C("Ukrainian", "Ukraine"), D("2014", "2014")],
    );
    has(cs, "active-since", "APT29", "2008");
    has(cs, "active-since", "Sandworm", "2014");
  });
  it("reads defection with a destination", () => {
    const cs = claims("Thae Yong-ho defected to South Korea in 2016.", [
      P("Thae Yong-ho"),
      C("South Korea"),
      D("2016", "2016"),
    ]);
    const c = has(cs, "defected", "Thae Yong-ho", "2016");
    assert.equal(c.value?.iso, "2016");
  });
  it("reads when a campaign took place", () => {
    const cs = claims("Operation Aurora took place in 2009.", [
      { text: "Operation Aurora", label: "campaign" },
      D("2009", "2009"),
    ]);
    has(cs, "occurred", "Operation Aurora", "2009");
  });
});

describe("headcount and damage", () => {
  it("reads counts of members owned before, inside or after", () => {
    const cs = claims(
      "Unit 180 has 6,000 members. Police counted 300 Russian hackers and 40 support staff in the city. The report lists 1,200 members of APT10.",
      [
        A("Unit 180"),
        Q("6,000", 6000, "members"),
        Q("300", 300, "hackers"),
        C("Russian", "Russia"),
        Q("40", 40, "staff"),
        Q("1,200", 1200, "members"),
        A("APT10"),
      ],
    );
    assert.equal(has(cs, "headcount", "Unit 180", "6,000 members").value?.value, 6000);
    has(cs, "headcount", "Russia", "300 Russian hackers");
    has(cs, "headcount", "Russia", "40 support staff");
    has(cs, "headcount", "APT10", "1,200 members");
  });
  it("reads money stolen or lost, and counts of harm", () => {
    const cs = claims(
      "Lazarus stole $81 million from Bangladesh Bank. WannaCry infected 200,000 computers. Officials said the losses reached $4 million.",
      [
        A("Lazarus"),
        $("$81 million", 81e6),
        O("Bangladesh Bank"),
        M("WannaCry"),
        Q("200,000", 200000, "computers"),
        $("$4 million", 4e6),
      ],
    );
    assert.equal(has(cs, "damage", "Lazarus", "$81 million").value?.value, 81e6);
    has(cs, "damage", "WannaCry", "200,000 computers");
    has(cs, "damage", "WannaCry", "$4 million");
  });
});

describe("event anaphora", () => {
  it('"the outbreak" refers to the last malware named, "the attack" to the last attacker', () => {
    const cs = claims(
      "WannaCry spread to 150 countries in May. Officials said the outbreak cost $4 billion. Kimsuky breached Hydro Corp. The attack targeted Seoul's reactors.",
      [M("WannaCry"), A("Kimsuky"), O("Hydro Corp"), L("Seoul"), $("$4 billion", 4e9)],
    );
    assert.equal(has(cs, "damage", "WannaCry").value?.text, "$4 billion");
    has(cs, "targets", "Kimsuky", "South Korea");
  });
});

describe("events and accusations", () => {
  const V = (text: string): MentionSpec => ({ text, label: "vulnerability" });
  const E = (text: string): MentionSpec => ({ text, label: "campaign" });
  it("accused of unleashing, responsible for the attack, denied involvement in", () => {
    const cs = claims(
      "Canada accused Iran of unleashing Shamoon. Officials said Iran was responsible for the attack. Tehran has denied any involvement in Operation Cleaver.",
      [C("Canada"), C("Iran"), M("Shamoon"), L("Tehran"), E("Operation Cleaver")],
    );
    assert.equal(has(cs, "attributed-to", "Shamoon", "Iran").hedged, true);
    assert.ok(cs.filter((c) => c.rule.startsWith("attributed-event-anaphor")).length === 1);
    const denied = has(cs, "attributed-to", "Operation Cleaver", "Iran");
    assert.equal(denied.polarity, "negative");
    assert.equal(name(denied.speaker), "Iran");
  });
  it("a front company, a tool developed by an agency", () => {
    const cs = claims(
      "Prosecutors named Acme Trading, which they called a front company for the Iranian state. The exploit, DoubleFang, is believed to have been developed by the Ministry of Intelligence.",
      [
        O("Acme Trading"),
        C("Iranian", "Iran"),
        { text: "DoubleFang", label: "tool" },
        O("Ministry of Intelligence"),
      ],
    );
    has(cs, "attributed-to", "Acme Trading", "Iran");
    has(cs, "attributed-to", "DoubleFang", "Ministry of Intelligence");
  });
  it("'the worm' spreading through a flaw uses it", () => {
    const cs = claims(
      "WannaCry hit hospitals. The worm spread through a flaw in Windows, tracked as CVE-2017-0144.",
      [M("WannaCry"), S("hospitals"), V("CVE-2017-0144")],
    );
    has(cs, "uses", "WannaCry", "CVE-2017-0144");
  });
  it("'never arrested' is tolerance, 'was among the worst hit' a target, 'tried to break into' a target", () => {
    const cs = claims(
      "Sandworm hackers live openly in Moscow. Russia has never arrested or charged any of the Sandworm operators. NotPetya spread fast. Maersk was among the worst hit. Later the group tried to break into Dow Jones.",
      [A("Sandworm"), L("Moscow"), C("Russia"), M("NotPetya"), O("Maersk"), O("Dow Jones")],
    );
    assert.equal(has(cs, "tolerates", "Russia", "Sandworm").polarity, "positive");
    has(cs, "targets", "NotPetya", "Maersk");
    has(cs, "targets", "Sandworm", "Dow Jones");
  });
  it("'does not attack' is a negative target claim", () => {
    const cs = claims("The minister said Kestria does not attack hospitals.", [C("Kestria"), S("hospitals")]);
    assert.equal(has(cs, "targets", "Kestria", "hospitals").polarity, "negative");
  });
});

describe("event anaphora for dates and damage", () => {
  it('"the malware was seeded in <date>" dates the last malware; "the cost of the outage" is the last campaign\'s', () => {
    const cs = claims(
      "Analysts traced BadRabbit to a hacked news site. The malware was seeded in October 2017. Operation Harbor froze the port. The operator put the cost of the outage at $3 million.",
      [
        M("BadRabbit"),
        D("October 2017", "2017-10"),
        { text: "Operation Harbor", label: "campaign" },
        $("$3 million", 3e6),
      ],
    );
    assert.equal(has(cs, "occurred", "BadRabbit", "2017-10").value?.iso, "2017-10");
    has(cs, "damage", "Operation Harbor", "$3 million");
  });
});

describe("more attribution constructions", () => {
  const E = (text: string): MentionSpec => ({ text, label: "campaign" });
  it("appositive adjectives, 'suspected in', 'tied the attack to', '<country>'s intelligence agency'", () => {
    const cs = claims(
      "Turla, the wider Russian cluster behind many intrusions, was quiet. APT29 is also suspected in the SolarWinds breach. Operation Ghost froze the terminals. Mandiant tied the attack to APT29. Officers of Russia's foreign intelligence service, the SVR, ran it.",
      [
        A("Turla"),
        C("Russian", "Russia"),
        A("APT29"),
        E("the SolarWinds breach"),
        E("Operation Ghost"),
        O("Mandiant"),
        C("Russia"),
        O("SVR"),
      ],
    );
    has(cs, "attributed-to", "Turla", "Russia");
    assert.equal(has(cs, "attributed-to", "the SolarWinds breach", "APT29").hedged, true);
    has(cs, "attributed-to", "Operation Ghost", "APT29");
    has(cs, "attributed-to", "SVR", "Russia");
  });
  it("an organization directly 'in' a place is located there", () => {
    const cs = claims("The money reached Rizal Bank (RB) in Manila.", [
      O("Rizal Bank"),
      { text: "Manila", label: "location", canonical: "Manila" },
    ]);
    has(cs, "located-at", "Rizal Bank", "Manila");
  });
});

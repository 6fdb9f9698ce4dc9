/** Cross-checking on hand-made claims: independence, syndication, conflicts, grades, ACH. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  buildAch,
  conflictJson,
  crosscheck,
  findConflicts,
  groupPropositions,
  nearDuplicateGroups,
  proposeHypotheses,
} from "../src/crosscheck/index.js";
import { article, claim, date, doc, ent, money, qty } from "../src/crosscheck/testing.js";

const china = ent("e-china", "China", "country");
const nk = ent("e-nk", "North Korea", "country");
const kim = ent("e-kim", "Kim Heung-Kwang", "person");
const nis = ent("e-nis", "NIS");

describe("independence", () => {
  it("one speaker contradicting himself across two outlets is one source and a marked polarity conflict", () => {
    const d1 = doc("d1", "intelNews.org", "2015-01-07", article("intel"));
    const d2 = doc("d2", "Voice of America", "2013-11", article("voa"));
    const a = claim({
      subject: china,
      predicate: "tolerates",
      object: nk,
      polarity: "negative",
      speaker: kim,
      via: ["CNN"],
      doc: d1,
    });
    const b = claim({ subject: china, predicate: "tolerates", object: nk, speaker: kim, doc: d2 });
    const claims = [a, b];
    const props = groupPropositions(claims, [d1, d2]);
    assert.equal(props.length, 1, "a denial and an assertion are one proposition");
    assert.equal(props[0]!.independentSources, 1);
    const conflicts = findConflicts(props, claims);
    assert.equal(conflicts.length, 1);
    const c = conflicts[0]!;
    assert.equal(c.kind, "polarity");
    assert.equal(c.selfContradiction, true);
    assert.deepEqual(new Set(c.claims), new Set([a.id, b.id]));
    assert.match(
      c.explanation,
      /Kim Heung-Kwang says via CNN\/intelNews\.org \(2015\) that China does not tolerate North Korea/,
    );
    assert.match(c.explanation, /via Voice of America \(2013\) that China tolerates North Korea/);
    assert.match(c.explanation, /one speaker, two outlets, opposite statements/);
    assert.equal(props[0]!.grade.credibility, 4);
    assert.ok(props[0]!.grade.reasons.some((r) => /Kim Heung-Kwang makes both/.test(r)));
  });

  it("two independent speakers repeated by three outlets count as two sources, with their lineage", () => {
    const d1 = doc("d1", "intelNews.org", "2015-01-07", article("a"));
    const d2 = doc("d2", "Voice of America", "2013-11", article("b"));
    const d3 = doc("d3", "The Westbrook Sentinel", "2018-09-07", article("c"));
    const claims = [
      claim({ subject: nk, predicate: "located-at", object: china, speaker: kim, via: ["CNN"], doc: d1 }),
      claim({ subject: nk, predicate: "located-at", object: china, speaker: nis, doc: d2 }),
      claim({ subject: nk, predicate: "located-at", object: china, speaker: kim, doc: d2 }),
      claim({ subject: nk, predicate: "located-at", object: china, speaker: nis, doc: d3 }),
      claim({ subject: nk, predicate: "located-at", object: china, speaker: kim, doc: d3 }),
    ];
    const [p, ...rest] = groupPropositions(claims, [d1, d2, d3]);
    assert.equal(rest.length, 0);
    assert.equal(p!.independentSources, 2);
    assert.deepEqual(p!.sources.map((s) => s.speaker?.name).sort(), ["Kim Heung-Kwang", "NIS"]);
    const kimSource = p!.sources.find((s) => s.speaker?.id === kim.id)!;
    assert.deepEqual(kimSource.outlets, ["Voice of America", "intelNews.org", "The Westbrook Sentinel"]);
    assert.equal(p!.lineage.length, 5);
    assert.deepEqual(p!.lineage.find((l) => l.document.id === "d1")!.via, ["CNN", "intelNews.org"]);
    assert.equal(p!.grade.credibility, 2, "two independent unhedged sources: probably true");
    assert.ok(
      p!.grade.reasons.some((r) => /Reported by 3 outlets, counted once per original speaker/.test(r)),
    );
    assert.equal(findConflicts([p!], claims).length, 0);
  });

  it("an author repeating in their own words what the report attributes to a speaker adds no source", () => {
    const d1 = doc("d1", "intelNews.org", "2015-01-07", article("a"));
    const d2 = doc("d2", "Voice of America", "2013-11", article("b"));
    const relay = [
      claim({ subject: nk, predicate: "located-at", object: china, doc: d1 }),
      claim({ subject: nk, predicate: "located-at", object: china, speaker: kim, via: ["CNN"], doc: d1 }),
      claim({ subject: nk, predicate: "located-at", object: china, speaker: nis, doc: d2 }),
    ];
    const [p] = groupPropositions(relay, [d1, d2]);
    assert.equal(p!.independentSources, 2);
    assert.equal(p!.sources.find((s) => s.speaker?.id === kim.id)!.claims.length, 2);
    // The outlet's own voice in a report that attributes it to nobody is a source of its own.
    const d3 = doc("d3", "The Westbrook Sentinel", "2018-09-07", article("c"));
    const own = [...relay, claim({ subject: nk, predicate: "located-at", object: china, doc: d3 })];
    assert.equal(groupPropositions(own, [d1, d2, d3])[0]!.independentSources, 3);
  });

  it("a syndicated copy under another headline does not raise the source count", () => {
    const body = article("sandworm", 40);
    const sentences = body.split(". ");
    const copyText = `Russian spies charged. ${sentences.slice(0, 25).join(". ")}. A new sentence written by the copy desk. ${sentences.slice(27).join(". ")} Sign up for our newsletter.`;
    const wire = doc("wire", "Meridian Wire", "2020-10-19", `US charges six officers. ${body}`);
    const copy = doc("copy", "Lakeshore Daily Post", "2020-10-20", copyText);
    const other = doc("other", "The Evening Ledger", "2020-10-21", article("other", 40));
    assert.deepEqual(nearDuplicateGroups([wire, copy, other]), [["wire", "copy"]]);
    const notpetya = ent("e-notpetya", "NotPetya", "malware");
    const russia = ent("e-ru", "Russia", "country");
    const base = [
      claim({ subject: notpetya, predicate: "attributed-to", object: russia, doc: wire }),
      claim({ subject: notpetya, predicate: "attributed-to", object: russia, doc: copy }),
    ];
    const [p] = groupPropositions(base, [wire, copy, other]);
    assert.equal(p!.independentSources, 1, "the copy counts once");
    assert.equal(p!.sources[0]!.label, "Meridian Wire (author)");
    assert.deepEqual(p!.sources[0]!.outlets, ["Meridian Wire", "Lakeshore Daily Post"]);
    assert.ok(p!.grade.reasons.some((r) => /near-duplicate copy/.test(r)));
    // Without the near-duplicate (a different story), the second outlet would be a second voice.
    const [q] = groupPropositions(base, [wire, { ...copy, text: article("unrelated", 40) }, other]);
    assert.equal(q!.independentSources, 2);
    // A genuinely independent outlet does raise it.
    const more = [
      ...base,
      claim({ subject: notpetya, predicate: "attributed-to", object: russia, doc: other }),
    ];
    assert.equal(groupPropositions(more, [wire, copy, other])[0]!.independentSources, 2);
  });

  it("one person under two romanizations is one speaker even before the entities are merged", () => {
    const d1 = doc("d1", "intelNews.org", "2015-01-07", article("r1"));
    const d2 = doc("d2", "Voice of America", "2013-11", article("r2"));
    const kim2 = ent("e-kim2", "Kim Hung-kwang", "person");
    const claims = [
      claim({
        subject: china,
        predicate: "tolerates",
        object: nk,
        polarity: "negative",
        speaker: kim,
        doc: d1,
      }),
      claim({ subject: china, predicate: "tolerates", object: nk, speaker: kim2, doc: d2 }),
    ];
    const props = groupPropositions(claims, [d1, d2]);
    assert.equal(props[0]!.sources.length, 1);
    assert.equal(findConflicts(props, claims)[0]!.selfContradiction, true);
    // Two people sharing only a surname stay two speakers.
    const other = [
      claims[0]!,
      claim({
        subject: china,
        predicate: "tolerates",
        object: nk,
        speaker: ent("e-kju", "Kim Jong Un", "person"),
        doc: d2,
      }),
    ];
    assert.equal(groupPropositions(other, [d1, d2])[0]!.sources.length, 2);
  });

  it("claims about different times are different propositions, and a claim without a time joins either", () => {
    const d1 = doc("d1", "Outlet A", "2020-01-01", article("t1"));
    const d2 = doc("d2", "Outlet B", "2020-01-02", article("t2"));
    const apt = ent("e-apt", "APT38", "threat-actor");
    const banks = ent("e-banks", "banks", "sector");
    const claims = [
      claim({
        subject: apt,
        predicate: "targets",
        object: banks,
        when: "2016",
        speaker: ent("e-a", "A"),
        doc: d1,
      }),
      claim({
        subject: apt,
        predicate: "targets",
        object: banks,
        when: "2019-03",
        speaker: ent("e-b", "B"),
        doc: d2,
      }),
      claim({ subject: apt, predicate: "targets", object: banks, speaker: ent("e-c", "C"), doc: d2 }),
    ];
    const props = groupPropositions(claims, [d1, d2]);
    assert.deepEqual(
      props.map((p) => [p.when, p.independentSources]),
      [
        ["2016", 2],
        ["2019-03", 1],
      ],
    );
  });

  it("an outlet quoted as a speaker is the same voice as that outlet's own report", () => {
    const report = doc("r", "Tidewater Labs", "2023-05-16", article("tw"));
    const news = doc("n", "The Northgate Herald", "2023-06-13", article("nh"));
    const outage = ent("e-out", "Calloway outage", "campaign");
    const hb = ent("e-hb", "Harbor Bureau", "threat-actor");
    const claims = [
      claim({ subject: outage, predicate: "attributed-to", object: hb, hedged: true, doc: report }),
      claim({
        subject: outage,
        predicate: "attributed-to",
        object: hb,
        speaker: ent("e-tw", "Tidewater Labs"),
        doc: news,
      }),
    ];
    const [p] = groupPropositions(claims, [report, news]);
    assert.equal(p!.independentSources, 1);
  });
});

describe("conflicts", () => {
  const d1 = doc("d1", "Tidewater Labs", "2023-05-16", article("x1"));
  const d2 = doc("d2", "The Northgate Herald", "2023-06-13", article("x2"));
  const outage = ent("e-out", "the Calloway outage", "campaign");
  const hb = ent("e-hb", "Harbor Bureau", "threat-actor");

  it("numeric: €4.2 million against about €12 million for the same loss", () => {
    const a = claim({
      subject: outage,
      predicate: "damage",
      value: money("€4.2 million", 4.2e6, "EUR"),
      speaker: ent("e-ct", "Calloway Terminals"),
      doc: d1,
    });
    const b = claim({
      subject: outage,
      predicate: "damage",
      value: money("about €12 million", 12e6, "EUR", true),
      speaker: ent("e-lpa", "Lindmark Port Authority"),
      doc: d2,
    });
    const claims = [a, b];
    const props = groupPropositions(claims, [d1, d2]);
    assert.equal(props.length, 2, "incompatible figures are two propositions");
    const cs = findConflicts(props, claims);
    assert.equal(cs.length, 1);
    assert.equal(cs[0]!.kind, "numeric");
    assert.deepEqual(cs[0]!.claims, [a.id, b.id]);
    assert.match(cs[0]!.explanation, /€4\.2 million.*about €12 million/);
    assert.ok(
      props.every((p) => p.grade.credibility >= 4),
      "each side is contested",
    );
  });

  it("numeric: about €11 million is within the tolerance of €12 million", () => {
    const a = claim({
      subject: outage,
      predicate: "damage",
      value: money("about €11 million", 11e6, "EUR", true),
      speaker: ent("e-x", "X"),
      doc: d1,
    });
    const b = claim({
      subject: outage,
      predicate: "damage",
      value: money("€12 million", 12e6, "EUR"),
      speaker: ent("e-y", "Y"),
      doc: d2,
    });
    const props = groupPropositions([a, b], [d1, d2]);
    assert.equal(props.length, 1);
    assert.equal(props[0]!.independentSources, 2);
    assert.equal(findConflicts(props, [a, b]).length, 0);
  });

  it("numeric: 1,700 hackers and 4,200 agents are parts of about 6,000, but not of 9,000", () => {
    const seo = ent("e-seo", "Seo Sang-ki", "person");
    const parts = [
      claim({
        subject: nk,
        predicate: "headcount",
        value: qty("1,700 hackers", 1700, "hackers", true),
        speaker: seo,
        hedged: true,
        doc: d1,
      }),
      claim({
        subject: nk,
        predicate: "headcount",
        value: qty("4,200 supporting agents", 4200, "agents", true),
        speaker: seo,
        hedged: true,
        doc: d1,
      }),
    ];
    const total = claim({
      subject: nk,
      predicate: "headcount",
      value: qty("about 6,000 people", 6000, "people", true),
      speaker: nis,
      doc: d2,
    });
    const ok = [...parts, total];
    assert.deepEqual(findConflicts(groupPropositions(ok, [d1, d2]), ok), [], "parts add up to the total");
    const far = [
      ...parts,
      claim({
        subject: nk,
        predicate: "headcount",
        value: qty("9,000 people", 9000, "people"),
        speaker: nis,
        doc: d2,
      }),
    ];
    const cs = findConflicts(groupPropositions(far, [d1, d2]), far);
    assert.ok(cs.length > 0 && cs.every((c) => c.kind === "numeric"));
  });

  it("numeric: two figures from one writer in one report are not a conflict", () => {
    const heist = ent("e-heist", "Bangladesh Bank heist", "campaign");
    const claims = [
      claim({ subject: heist, predicate: "damage", value: money("$101 million", 101e6, "USD"), doc: d1 }),
      claim({ subject: heist, predicate: "damage", value: money("$81 million", 81e6, "USD"), doc: d1 }),
      // Another report giving $81 million agrees with the first on that figure.
      claim({ subject: heist, predicate: "damage", value: money("$81 million", 81e6, "USD"), doc: d2 }),
    ];
    assert.deepEqual(findConflicts(groupPropositions(claims, [d1, d2]), claims), []);
  });

  it("date: 1998 against 2005 conflicts; 1995 and the late 1990s are compatible; another predicate is not compared", () => {
    const a = claim({
      subject: hb,
      predicate: "founded",
      value: date("1998", "1998"),
      speaker: ent("e-vash", "Teodor Vash", "person"),
      doc: d1,
    });
    const b = claim({
      subject: hb,
      predicate: "founded",
      value: date("2005", "2005"),
      speaker: ent("e-ocs", "OCS"),
      doc: d2,
    });
    const c1 = claim({
      subject: hb,
      predicate: "active-since",
      value: date("2010", "2010"),
      speaker: ent("e-z", "Z"),
      doc: d2,
    });
    const claims = [a, b, c1];
    const cs = findConflicts(groupPropositions(claims, [d1, d2]), claims);
    assert.equal(cs.length, 1);
    assert.equal(cs[0]!.kind, "date");
    assert.deepEqual(cs[0]!.claims, [a.id, b.id]);
    assert.match(cs[0]!.explanation, /founded in 1998.*founded in 2005/);

    const y1995 = claim({
      subject: hb,
      predicate: "founded",
      value: date("1995", "1995"),
      speaker: ent("e-p", "P", "person"),
      doc: d1,
    });
    const late = claim({
      subject: hb,
      predicate: "founded",
      value: date("the late 1990s", "1997/1999", true),
      speaker: ent("e-d", "Petra Dorn", "person"),
      doc: d2,
    });
    const lateText = claim({
      subject: hb,
      predicate: "founded",
      value: date("the late 1990s"),
      speaker: ent("e-q", "Q", "person"),
      doc: d2,
    });
    const ok = [y1995, late, lateText];
    const props = groupPropositions(ok, [d1, d2]);
    assert.equal(props.length, 1, "compatible dates are one proposition");
    assert.equal(props[0]!.independentSources, 3);
    assert.deepEqual(findConflicts(props, ok), []);
  });

  it("denial: the subject itself denies what another source asserts", () => {
    const sony = ent("e-sony", "the Sony attack", "campaign");
    const fbi = ent("e-fbi", "FBI");
    const assertion = claim({ subject: sony, predicate: "attributed-to", object: nk, speaker: fbi, doc: d1 });
    const denial = claim({
      subject: sony,
      predicate: "attributed-to",
      object: nk,
      polarity: "negative",
      speaker: nk,
      doc: d1,
    });
    const claims = [denial, assertion];
    const props = groupPropositions(claims, [d1]);
    const cs = findConflicts(props, claims);
    assert.equal(cs.length, 1);
    assert.equal(cs[0]!.kind, "denial");
    assert.deepEqual(cs[0]!.claims, [assertion.id, denial.id], "the assertion first, then the denial");
    assert.match(cs[0]!.explanation, /North Korea, the party concerned, denies it/);
    const p = props[0]!;
    assert.equal(p.stance, "positive");
    assert.equal(p.grade.credibility, 3, "one unhedged source; the interested denial does not lower it");
    assert.ok(p.grade.reasons.some((r) => /denial by an interested party/.test(r)));
    const both = crosscheck(claims, [d1]);
    assert.deepEqual(both.conflicts, cs);
    assert.deepEqual(Object.keys(conflictJson(cs[0]!)), ["id", "kind", "claims", "explanation"]);
  });

  it("denial: a third party's denial of an attribution is a denial, but not by the party concerned", () => {
    const sony = ent("e-sony", "the Sony attack", "campaign");
    const assertion = claim({
      subject: sony,
      predicate: "attributed-to",
      object: nk,
      speaker: ent("e-fbi", "FBI"),
      doc: d1,
    });
    const kremlin = claim({
      subject: sony,
      predicate: "attributed-to",
      object: nk,
      polarity: "negative",
      speaker: ent("e-k", "Kremlin"),
      doc: d2,
    });
    kremlin.cues.negation = ["denied"];
    const claims = [assertion, kremlin];
    const [c] = findConflicts(groupPropositions(claims, [d1, d2]), claims);
    assert.equal(c!.kind, "denial");
    assert.equal(c!.byPartyConcerned, undefined);
    assert.match(c!.explanation, /Kremlin denies it/);
    kremlin.cues.negation = ["not"];
    assert.equal(findConflicts(groupPropositions(claims, [d1, d2]), claims)[0]!.kind, "polarity");
  });
});

describe("grades", () => {
  const docs = ["a", "b", "c"].map((k) => doc(`g${k}`, `Outlet ${k}`, "2020-01-01", article(`g${k}`)));
  const apt = ent("e-apt", "APT38", "threat-actor");
  const make = (n: number, hedged: boolean) =>
    docs.slice(0, n).map((d, i) =>
      claim({
        subject: apt,
        predicate: "attributed-to",
        object: nk,
        hedged,
        speaker: ent(`e-s${i}`, `Speaker ${i}`),
        doc: d,
      }),
    );

  it("grades credibility from corroboration and hedging, with the reasons spelled out", () => {
    assert.equal(groupPropositions(make(3, false), docs)[0]!.grade.credibility, 1);
    assert.equal(groupPropositions(make(2, false), docs)[0]!.grade.credibility, 2);
    const one = groupPropositions(make(1, false), docs)[0]!.grade;
    assert.equal(one.credibility, 3);
    assert.equal(one.code, "F3");
    assert.ok(one.reasons.some((r) => /1 independent source says so: Speaker 0/.test(r)));
    assert.ok(one.reasons.some((r) => /Source reliability F/.test(r)));
    const hedged = groupPropositions(make(2, true), docs)[0]!.grade;
    assert.equal(hedged.credibility, 4);
    assert.ok(hedged.reasons.some((r) => /Every source hedges it/.test(r)));
  });

  it("applies source reliability set by analysts and their overrides, keeping the note", () => {
    const claims = make(2, false);
    const rel = new Map([["e-s1", "B" as const]]);
    const p = groupPropositions(claims, docs, { reliabilityBySource: rel })[0]!;
    assert.equal(p.grade.code, "B2");
    assert.ok(
      p.grade.reasons.some((r) =>
        /Source reliability B \(usually reliable\): as rated for Speaker 1/.test(r),
      ),
    );
    const overridden = groupPropositions(claims, docs, {
      reliabilityBySource: rel,
      overrides: {
        [p.id]: { credibility: 1, note: "Confirmed by the indictment.", by: "analyst", at: "2026-11-24" },
      },
    })[0]!;
    assert.equal(overridden.grade.code, "B1");
    assert.deepEqual(overridden.grade.overridden, {
      by: "analyst",
      at: "2026-11-24",
      note: "Confirmed by the indictment.",
    });
    assert.ok(overridden.grade.reasons.some((r) => r.includes("Confirmed by the indictment.")));
  });

  it("gives proposition ids that do not depend on the order of the claims", () => {
    const claims = make(3, false);
    const a = groupPropositions(claims, docs)[0]!.id;
    const b = groupPropositions([...claims].reverse(), docs)[0]!.id;
    assert.equal(a, b);
  });
});

describe("ACH", () => {
  const docs = ["a", "b", "c", "d"].map((k) => doc(`h${k}`, `Outlet ${k}`, "2017-12-20", article(`h${k}`)));
  const wannacry = ent("e-wc", "WannaCry", "malware");
  const russia = ent("e-ru", "Russia", "country");
  const us = ent("e-us", "United States", "country");
  const uk = ent("e-uk", "Britain", "country");

  it("proposes two hypotheses from a conflict and ranks them by inconsistent independent sources", () => {
    const claims = [
      claim({ subject: wannacry, predicate: "attributed-to", object: nk, speaker: us, doc: docs[0]! }),
      claim({ subject: wannacry, predicate: "attributed-to", object: nk, speaker: uk, doc: docs[1]! }),
      claim({ subject: wannacry, predicate: "attributed-to", object: nk, speaker: uk, doc: docs[2]! }),
      claim({
        subject: wannacry,
        predicate: "attributed-to",
        object: nk,
        polarity: "negative",
        speaker: nk,
        doc: docs[3]!,
      }),
      claim({
        subject: wannacry,
        predicate: "attributed-to",
        object: russia,
        hedged: true,
        speaker: ent("e-blog", "A blogger", "person"),
        doc: docs[3]!,
      }),
    ];
    const props = groupPropositions(claims, docs);
    const denial = findConflicts(props, claims).find((c) => c.kind === "denial")!;
    const hyps = proposeHypotheses(denial, props, claims);
    assert.deepEqual(
      hyps.map((h) => h.label),
      ["WannaCry is the work of North Korea", "WannaCry is not the work of North Korea"],
    );
    const withRussia = [
      ...hyps,
      {
        id: "ru",
        label: "Russia did it",
        test: { subject: wannacry.id, predicate: "attributed-to", object: "Russia" },
      },
    ];
    const m = buildAch(withRussia, props, claims);
    assert.equal(m.rows.length, 5);
    const yes = hyps[0]!.id;
    const no = hyps[1]!.id;
    assert.deepEqual(
      m.rows.map((r) => r.cells[yes]),
      ["C", "C", "C", "I", "I"],
    );
    assert.deepEqual(
      m.rows.map((r) => r.cells[no]),
      ["I", "I", "I", "C", "N"],
    );
    assert.deepEqual(
      m.rows.map((r) => r.cells.ru),
      ["I", "I", "I", "N", "C"],
    );
    // "Yes": North Korea's denial and the blogger (2 sources); "no": US and UK (the UK counted once).
    assert.deepEqual(m.rank, [
      { hypothesis: yes, inconsistent: 2, consistent: 2 },
      { hypothesis: no, inconsistent: 2, consistent: 1 },
      { hypothesis: "ru", inconsistent: 2, consistent: 1 },
    ]);
  });

  it("proposes one hypothesis per figure for a numeric conflict", () => {
    const outage = ent("e-out", "the outage", "campaign");
    const claims = [
      claim({
        subject: outage,
        predicate: "damage",
        value: money("€4.2 million", 4.2e6, "EUR"),
        speaker: ent("e-a", "A"),
        doc: docs[0]!,
      }),
      claim({
        subject: outage,
        predicate: "damage",
        value: money("about €12 million", 12e6, "EUR", true),
        speaker: ent("e-b", "B"),
        doc: docs[1]!,
      }),
      claim({
        subject: outage,
        predicate: "damage",
        value: money("€12.5 million", 12.5e6, "EUR"),
        speaker: ent("e-c", "C"),
        doc: docs[2]!,
      }),
    ];
    const props = groupPropositions(claims, docs);
    const numeric = findConflicts(props, claims).find((c) => c.kind === "numeric")!;
    const hyps = proposeHypotheses(numeric, props, claims);
    assert.deepEqual(
      hyps.map((h) => h.label),
      ["the outage cost €4.2 million", "the outage cost about €12 million"],
    );
    const m = buildAch(hyps, props, claims);
    assert.equal(m.rank[0]!.hypothesis, hyps[1]!.id, "two sources agree on about €12 million");
    assert.deepEqual(
      m.rank.map((r) => r.inconsistent),
      [1, 2],
    );
  });
});

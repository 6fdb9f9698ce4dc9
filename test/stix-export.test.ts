/**
 * STIX export: a hand-built store snapshot goes through buildBundle and is checked against the OASIS
 * STIX 2.1 JSON schemas (from ../shared; skipped when absent), for determinism, reference closure,
 * patterns and the Dossier extension. The validator is also shown to reject broken objects.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { buildBundle, exportStix } from "../src/stix/export.js";
import type { StixExportInput } from "../src/stix/input.js";
import {
  collectRefs,
  DOSSIER_EXTENSION_ID,
  periodStart,
  type StixObject,
  stixTimestamp,
} from "../src/stix/objects.js";
import { indicatorPattern, parsePattern, quotePatternString } from "../src/stix/pattern.js";
import { STIX_SCO_NAMESPACE, uuidv5 } from "../src/stix/uuid.js";
import { createValidator, type StixValidator, validateBundle } from "../src/stix/validate.js";

const SHARED = fileURLToPath(new URL("../../shared", import.meta.url));
const SCHEMA_DIR = `${SHARED}/data/stix2-json-schemas/schemas`;
const haveSchemas = existsSync(SCHEMA_DIR);
const skipSchemas = haveSchemas
  ? false
  : `OASIS STIX schemas not found at ${SCHEMA_DIR} (../shared is absent)`;

const SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const DOC_HASH_A = "a".repeat(64);
const DOC_HASH_B = "b".repeat(64);

function sampleInput(): StixExportInput {
  return {
    producer: { name: "Dossier" },
    documents: [
      {
        id: "d1",
        title: "North Korean hackers operating secretly in China, says defector",
        source: "https://intelnews.org/2015/01/07/01-1652/",
        author: "Joseph Fitsanakis",
        publisher: "intelNews.org",
        published: "2015-01-07",
        ingestedAt: "2025-03-01T10:00:00Z",
        contentHash: DOC_HASH_A,
      },
      {
        id: "d2",
        title: null,
        source: "seeds/002_0c3864d68d1d3c41.txt",
        author: null,
        publisher: "Voice of America",
        published: "2013-11",
        ingestedAt: "2025-03-02T09:30:00.250+01:00",
        contentHash: DOC_HASH_B,
      },
    ],
    entities: [
      { id: "e-kim", name: "Kim Heung-Kwang", type: "person", aliases: ["Kim"], documents: ["d1"] },
      { id: "e-cnn", name: "CNN", type: "organization", aliases: [], documents: ["d1"] },
      {
        id: "e-b121",
        name: "Bureau 121",
        type: "threat-actor",
        aliases: ["Unit 121"],
        documents: ["d1", "d2"],
      },
      {
        id: "e-kp",
        name: "North Korea",
        type: "country",
        aliases: ["DPRK", "Pyongyang"],
        documents: ["d1", "d2"],
        attrs: {
          kind: "place",
          countryCode: "KP",
          latitude: 40,
          longitude: 127,
          canonical: "North Korea",
          ref: "iso:KP",
        },
      },
      {
        id: "e-shenyang",
        name: "Shenyang",
        type: "location",
        aliases: [],
        documents: ["d1"],
        attrs: {
          kind: "place",
          countryCode: "CN",
          latitude: 41.79222,
          longitude: 123.43278,
          canonical: "Shenyang",
          region: "Liaoning",
          ref: "geonames:2034937",
        },
      },
      {
        id: "e-ip",
        name: "175.45.178.3",
        type: "indicator",
        aliases: [],
        documents: ["d2"],
        attrs: { kind: "indicator", indicator: "ipv4", value: "175.45.178.3", defanged: false },
      },
      {
        id: "e-dom",
        name: "evil-update[.]com",
        type: "indicator",
        aliases: [],
        documents: ["d2"],
        attrs: { kind: "indicator", indicator: "domain", value: "evil-update.com", defanged: true },
      },
      {
        id: "e-sha",
        name: SHA,
        type: "indicator",
        aliases: [],
        documents: ["d2"],
        attrs: { kind: "indicator", indicator: "sha256", value: SHA, defanged: false },
      },
      {
        id: "e-url",
        name: "hxxp://evil-update[.]com/it's\\x",
        type: "indicator",
        aliases: [],
        documents: ["d2"],
        attrs: {
          kind: "indicator",
          indicator: "url",
          value: "http://evil-update.com/it's\\x",
          defanged: true,
        },
      },
      {
        id: "e-mail",
        name: "ops@evil-update.com",
        type: "indicator",
        aliases: [],
        documents: ["d2"],
        attrs: { kind: "indicator", indicator: "email", value: "ops@evil-update.com", defanged: false },
      },
      {
        id: "e-cve",
        name: "CVE-2017-0144",
        type: "vulnerability",
        aliases: [],
        documents: ["d2"],
        attrs: { kind: "indicator", indicator: "cve", value: "CVE-2017-0144", defanged: false },
      },
      { id: "e-banks", name: "banks", type: "sector", aliases: [], documents: ["d2"] },
      { id: "e-cn", name: "China", type: "country", aliases: ["Beijing"], documents: ["d1"] },
    ],
    mentions: [
      { documentId: "d1", entityId: "e-kim", start: 412, end: 427, text: "Kim Heung-Kwang", label: "person" },
      {
        documentId: "d1",
        entityId: "e-b121",
        start: 800,
        end: 810,
        text: "Bureau 121",
        label: "threat-actor",
      },
      { documentId: "d1", entityId: null, start: 900, end: 907, text: "Tuesday", label: "date" },
      { documentId: "d2", entityId: "e-ip", start: 50, end: 62, text: "175.45.178.3", label: "indicator" },
    ],
    claims: [
      {
        id: "c1",
        documentId: "d1",
        subjectId: "e-b121",
        predicate: "attributed-to",
        objectId: "e-kp",
        value: null,
        polarity: "positive",
        hedged: true,
        speakerId: "e-kim",
        via: ["e-cnn"],
        when: null,
        quote: "Kim alleged that some of the hackers joined a specialized outfit called Bureau 121",
        start: 700,
        end: 782,
        confidence: 0.8,
      },
      {
        id: "c2",
        documentId: "d1",
        subjectId: "e-b121",
        predicate: "founded",
        objectId: null,
        value: { kind: "date", text: "1995", iso: "1995", precision: "year", approximate: false },
        polarity: "positive",
        hedged: false,
        speakerId: null,
        via: [],
        when: "1995",
        quote: "It was established in complete secrecy in 1995",
        start: 830,
        end: 876,
      },
      {
        id: "c3",
        documentId: "d1",
        subjectId: "e-cn",
        predicate: "tolerates",
        objectId: "e-kp",
        value: null,
        polarity: "negative",
        hedged: false,
        speakerId: "e-kp",
        via: [],
        when: null,
        quote: "without the knowledge of Beijing",
        start: 200,
        end: 232,
      },
    ],
  };
}

const byType = (objects: StixObject[], type: string) => objects.filter((o) => o.type === type);
const find = (objects: StixObject[], pred: (o: StixObject) => boolean) => {
  const o = objects.find(pred);
  assert.ok(o, "expected object not found");
  return o;
};
const dossierExt = (o: StixObject) =>
  (o.extensions as Record<string, Record<string, unknown>> | undefined)?.[DOSSIER_EXTENSION_ID];

describe("STIX export", () => {
  const result = exportStix(sampleInput());
  const { objects } = result.bundle;

  test("is deterministic: two builds are identical, ids do not depend on input order", () => {
    const again = buildBundle(sampleInput());
    assert.deepEqual(again, result.bundle);
    const shuffled = sampleInput();
    shuffled.entities.reverse();
    shuffled.documents.reverse();
    shuffled.claims?.reverse();
    assert.deepEqual(buildBundle(shuffled), result.bundle);
    const changed = sampleInput();
    (changed.documents[0] as { title: string }).title = "Another title";
    assert.notEqual(buildBundle(changed).id, result.bundle.id);
  });

  test("one report per document, object_refs resolve, dates normalized", () => {
    const reports = byType(objects, "report");
    assert.equal(reports.length, 2);
    const ids = new Set(objects.map((o) => o.id));
    for (const r of reports) {
      assert.deepEqual(r.report_types, ["threat-report"]);
      assert.ok(Array.isArray(r.object_refs) && r.object_refs.length > 0);
      for (const ref of r.object_refs as string[])
        assert.ok(ids.has(ref), `${r.id} refers to missing ${ref}`);
    }
    const r1 = find(reports, (r) => dossierExt(r)?.document_id === "d1");
    const r2 = find(reports, (r) => dossierExt(r)?.document_id === "d2");
    assert.equal(r1.name, "North Korean hackers operating secretly in China, says defector");
    assert.equal(r1.published, "2015-01-07T00:00:00.000Z");
    assert.equal(r1.created, "2025-03-01T10:00:00.000Z");
    assert.equal(r2.name, "seeds/002_0c3864d68d1d3c41.txt", "untitled document is named by its source");
    assert.equal(r2.published, "2013-11-01T00:00:00.000Z");
    assert.equal(dossierExt(r2)?.published_precision, "month");
    assert.equal(r2.created, "2025-03-02T08:30:00.250Z");
    const refs = (r: StixObject) => r.object_refs as string[];
    const kim = find(objects, (o) => o.name === "Kim Heung-Kwang");
    const ip = find(objects, (o) => o.type === "ipv4-addr");
    assert.ok(refs(r1).includes(kim.id) && !refs(r2).includes(kim.id));
    assert.ok(refs(r2).includes(ip.id) && !refs(r1).includes(ip.id));
    const [ref1] = r1.external_references as Record<string, unknown>[];
    assert.equal(ref1?.url, "https://intelnews.org/2015/01/07/01-1652/");
    assert.deepEqual(ref1?.hashes, { "SHA-256": DOC_HASH_A });
    const [ref2] = r2.external_references as Record<string, unknown>[];
    assert.equal(ref2?.external_id, "seeds/002_0c3864d68d1d3c41.txt");
    const mentions = dossierExt(r1)?.mentions as Record<string, unknown>[];
    assert.equal(mentions.length, 3);
    assert.deepEqual(mentions[0], {
      start: 412,
      end: 427,
      text: "Kim Heung-Kwang",
      label: "person",
      entity_id: "e-kim",
      entity_ref: kim.id,
    });
    assert.equal(mentions[2]?.entity_ref, undefined, "a mention of no entity keeps its offsets only");
  });

  test("every *_ref resolves and every object carries spec_version, and SDOs created_by_ref", () => {
    const ids = new Set(objects.map((o) => o.id));
    const producer = find(objects, (o) => o.type === "identity" && o.identity_class === "system");
    for (const o of objects) {
      assert.equal(o.spec_version, "2.1", o.id);
      for (const { path, ref } of collectRefs(o)) assert.ok(ids.has(ref), `${o.id}${path} -> ${ref}`);
      const isSco = ["ipv4-addr", "domain-name", "url", "email-addr", "file"].includes(o.type);
      if (!isSco) assert.equal(o.created_by_ref, producer.id, o.id);
    }
  });

  test("entity objects: identities, locations, threat actor, vulnerability, sector", () => {
    assert.equal(find(objects, (o) => o.name === "Kim Heung-Kwang").identity_class, "individual");
    assert.equal(find(objects, (o) => o.name === "CNN").identity_class, "organization");
    const kp = find(objects, (o) => o.type === "location" && o.country === "KP");
    assert.deepEqual([kp.latitude, kp.longitude, kp.name], [40, 127, "North Korea"]);
    const cn = find(objects, (o) => o.type === "location" && o.name === "China");
    assert.equal(cn.country, "CN", "country code looked up from the name when attrs are missing");
    assert.equal(cn.latitude, undefined);
    const shen = find(objects, (o) => o.type === "location" && o.name === "Shenyang");
    assert.deepEqual(
      [shen.country, shen.city, shen.administrative_area, shen.latitude],
      ["CN", "Shenyang", "Liaoning", 41.79222],
    );
    const actor = find(objects, (o) => o.type === "threat-actor");
    assert.deepEqual(actor.threat_actor_types, ["nation-state"], "attributed to a country");
    assert.deepEqual(actor.aliases, ["Unit 121"]);
    const vuln = find(objects, (o) => o.type === "vulnerability");
    assert.deepEqual(vuln.external_references, [{ source_name: "cve", external_id: "CVE-2017-0144" }]);
    const sector = find(objects, (o) => o.name === "banks");
    assert.equal(sector.identity_class, "class");
    assert.deepEqual(sector.sectors, ["financial-services"]);
    assert.equal(
      find(objects, (o) => o.type === "intrusion-set" || o.type === "threat-actor").name,
      "Bureau 121",
    );
    const asSets = buildBundle(sampleInput(), { actorObject: "intrusion-set" });
    assert.equal(find(asSets.objects, (o) => o.name === "Bureau 121").type, "intrusion-set");
  });

  test("indicators: pattern per kind, observable, based-on relationship", () => {
    const expected: [string, string, string][] = [
      ["175.45.178.3", "ipv4-addr", "[ipv4-addr:value = '175.45.178.3']"],
      ["evil-update.com", "domain-name", "[domain-name:value = 'evil-update.com']"],
      ["ops@evil-update.com", "email-addr", "[email-addr:value = 'ops@evil-update.com']"],
      [SHA, "file", `[file:hashes.'SHA-256' = '${SHA}']`],
      ["http://evil-update.com/it's\\x", "url", "[url:value = 'http://evil-update.com/it\\'s%5Cx']"],
    ];
    const indicators = byType(objects, "indicator");
    assert.equal(indicators.length, expected.length);
    for (const [value, scoType, pattern] of expected) {
      const ind = find(indicators, (o) => o.name === value || o.name === value.replace("\\", "%5C"));
      assert.equal(ind.pattern, pattern);
      assert.equal(ind.pattern_type, "stix");
      assert.equal(ind.valid_from, "2025-03-02T08:30:00.250Z");
      const parsed = parsePattern(ind.pattern as string);
      assert.ok(parsed.ok, `${pattern}: ${parsed.ok ? "" : parsed.error}`);
      const [cmp] = parsed.comparisons;
      assert.equal(cmp?.objectType, scoType);
      const rel = find(objects, (o) => o.type === "relationship" && o.source_ref === ind.id);
      assert.equal(rel.relationship_type, "based-on");
      const sco = find(objects, (o) => o.id === rel.target_ref);
      assert.equal(sco.type, scoType);
      const scoValue = scoType === "file" ? (sco.hashes as Record<string, string>)["SHA-256"] : sco.value;
      assert.equal(
        cmp?.literal?.value,
        scoValue,
        "the pattern's literal decodes back to the observable's value",
      );
    }
    assert.equal(dossierExt(find(indicators, (o) => o.name === "evil-update.com"))?.defanged_in_source, true);
    // STIX 2.1 section 2.9 deterministic SCO id (UUIDv5 of {"value": ...} in the STIX namespace).
    const ip = find(objects, (o) => o.type === "ipv4-addr");
    assert.equal(ip.id, `ipv4-addr--${uuidv5('{"value":"175.45.178.3"}', STIX_SCO_NAMESPACE)}`);
  });

  test("claims: relationship for entity-entity, note for entity-value, negative marked", () => {
    const actor = find(objects, (o) => o.type === "threat-actor");
    const kp = find(objects, (o) => o.type === "location" && o.country === "KP");
    const rel = find(objects, (o) => o.type === "relationship" && dossierExt(o)?.claim_id === "c1");
    assert.equal(rel.relationship_type, "attributed-to");
    assert.equal(rel.source_ref, actor.id);
    assert.equal(rel.target_ref, kp.id);
    assert.equal(rel.confidence, 80);
    const e1 = dossierExt(rel) as Record<string, unknown>;
    const kim = find(objects, (o) => o.name === "Kim Heung-Kwang");
    const cnn = find(objects, (o) => o.name === "CNN");
    assert.equal(e1.speaker_ref, kim.id);
    assert.deepEqual(e1.via_refs, [cnn.id]);
    assert.equal(e1.hedged, true);
    assert.equal(e1.polarity, "positive");
    assert.deepEqual([e1.start, e1.end], [700, 782]);
    assert.match(String(e1.quote), /Bureau 121$/);
    assert.equal(e1.extension_type, "property-extension");

    const note = find(objects, (o) => o.type === "note" && dossierExt(o)?.claim_id === "c2");
    assert.deepEqual(note.object_refs, [actor.id]);
    assert.match(String(note.content), /Bureau 121 was founded in 1995/);
    assert.equal((dossierExt(note)?.value as Record<string, unknown> | undefined)?.iso, "1995");
    assert.equal(dossierExt(note)?.via_refs, undefined, "empty lists are left out (STIX forbids them)");

    const neg = find(objects, (o) => o.type === "relationship" && dossierExt(o)?.claim_id === "c3");
    assert.equal(neg.relationship_type, "related-to", "tolerates has no STIX relationship type");
    assert.equal(dossierExt(neg)?.predicate, "tolerates");
    assert.equal(dossierExt(neg)?.polarity, "negative");
    assert.deepEqual(neg.labels, ["negated"]);
    // A country speaker becomes an identity of its own.
    const speaker = find(objects, (o) => o.id === dossierExt(neg)?.speaker_ref);
    assert.equal(speaker.type, "identity");
    assert.equal(speaker.name, "North Korea");
  });

  test("the extension-definition is present and every extension refers to it", () => {
    const defs = byType(objects, "extension-definition");
    assert.equal(defs.length, 1);
    const def = defs[0] as StixObject;
    assert.equal(def.id, DOSSIER_EXTENSION_ID);
    assert.deepEqual(def.extension_types, ["property-extension"]);
    assert.equal(def.version, "1.0.0");
    const users = objects.filter((o) => o.extensions);
    assert.ok(users.some((o) => o.type === "report"));
    assert.ok(users.some((o) => o.type === "relationship"));
    assert.ok(users.some((o) => o.type === "note"));
    for (const o of users)
      assert.deepEqual(Object.keys(o.extensions as object), [DOSSIER_EXTENSION_ID], o.id);
  });

  test("objects that cannot be valid STIX are skipped and reported", () => {
    const input = sampleInput();
    input.entities.push(
      { id: "e-x", name: "Somewhere", type: "location", aliases: [], documents: ["d1"] },
      {
        id: "e-bad",
        name: "999.1.1.1",
        type: "indicator",
        aliases: [],
        documents: ["d1"],
        attrs: { kind: "indicator", indicator: "ipv4", value: "999.1.1.1", defanged: false },
      },
    );
    const { bundle, skipped } = exportStix(input);
    assert.deepEqual(skipped.map((s) => s.entityId).sort(), ["e-bad", "e-x"]);
    assert.ok(!bundle.objects.some((o) => o.name === "Somewhere" || o.name === "999.1.1.1"));
  });

  test("timestamps: STIX form, zone-less read as UTC, impossible dates refused", () => {
    assert.equal(stixTimestamp("2025-03-02T09:30:00.25+01:00"), "2025-03-02T08:30:00.250Z");
    assert.equal(stixTimestamp("2025-03-02 09:30:00"), "2025-03-02T09:30:00.000Z");
    assert.deepEqual(periodStart("2015"), { timestamp: "2015-01-01T00:00:00.000Z", precision: "year" });
    assert.equal(periodStart("2015-02-30"), null);
    assert.equal(periodStart("early 1990s"), null);
    const input = sampleInput();
    (input.documents[0] as { published: string }).published = "2015-13";
    const r = find(
      buildBundle(input).objects,
      (o) => o.type === "report" && dossierExt(o)?.document_id === "d1",
    );
    assert.equal(
      r.published,
      "2025-03-01T10:00:00.000Z",
      "unreadable publication date falls back to ingestion",
    );
    assert.equal(dossierExt(r)?.published_precision, "unknown");
    assert.equal(dossierExt(r)?.published_as_given, "2015-13");
  });

  test("pattern strings escape quotes and backslashes and parse back", () => {
    const tricky = "http://x.example/a'b\\c\\'";
    assert.equal(quotePatternString("a'b\\c"), "'a\\'b\\\\c'");
    const p = parsePattern(indicatorPattern("url", tricky));
    assert.ok(p.ok);
    assert.equal(p.comparisons[0]?.literal?.value, tricky);
    assert.deepEqual(p.comparisons[0]?.path, ["value"]);
    const h = parsePattern(indicatorPattern("sha1", "a".repeat(40)));
    assert.ok(h.ok);
    assert.deepEqual(h.comparisons[0]?.path, ["hashes", "SHA-1"]);
    const complex = parsePattern(
      "([file:hashes.MD5 = 'x' AND file:size > 10] OR [network-traffic:dst_ref.value IN ('1.2.3.4', '5.6.7.8')]) " +
        "FOLLOWEDBY [process:extensions.'windows-process-ext'.sid NOT LIKE 'S-1-%'] WITHIN 300 SECONDS " +
        "START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
    );
    assert.ok(complex.ok, complex.ok ? "" : complex.error);
    assert.equal(complex.comparisons.length, 4);
    for (const bad of [
      "[ipv4-addr:value = '1.2.3.4'",
      "[ipv4-addr:value = 1.2.3.4]",
      "[ipv4-addr:value = 'a\\x']",
      "[ipv4-addr value = 'x']",
      "[ipv4-addr:value = 'x'] WITHIN SECONDS",
      "ipv4-addr:value = 'x'",
    ])
      assert.equal(parsePattern(bad).ok, false, bad);
  });

  describe("against the OASIS schemas", { skip: skipSchemas }, () => {
    let validator: StixValidator;
    const v = () => {
      validator ??= createValidator(SCHEMA_DIR);
      return validator;
    };

    test("every object and the bundle validate", () => {
      assert.deepEqual(validateBundle(result.bundle, v()), []);
      for (const o of objects) assert.deepEqual(v()(o), { valid: true, errors: [] }, o.id);
    });

    test("the intrusion-set variant and an empty store validate too", () => {
      assert.deepEqual(validateBundle(buildBundle(sampleInput(), { actorObject: "intrusion-set" }), v()), []);
      const empty = buildBundle(
        { producer: { name: "Dossier" }, documents: [], entities: [], mentions: [] },
        { now: "2025-01-01T00:00:00Z" },
      );
      assert.deepEqual(validateBundle(empty, v()), []);
    });

    test("the validator rejects broken objects, naming the object and the path", () => {
      const loc = find(objects, (o) => o.type === "location" && o.name === "China");
      const bare = { ...loc };
      delete bare.country;
      const r = v()(bare);
      assert.equal(r.valid, false);
      assert.ok(
        r.errors.some((e) => e.includes("country")),
        r.errors.join("\n"),
      );

      const report = { ...find(objects, (o) => o.type === "report") };
      delete report.published;
      const broken = {
        ...result.bundle,
        objects: result.bundle.objects.map((o) => (o.id === report.id ? report : o)),
      };
      const problems = validateBundle(broken, v());
      assert.equal(problems.length, 1);
      assert.equal(problems[0]?.objectId, report.id);
      assert.ok(problems[0]?.errors.some((e) => e.includes("published")));

      const ind = find(objects, (o) => o.type === "indicator");
      const badPattern = { ...ind, pattern: "[ipv4-addr:value = '1.2.3.4'" };
      const withBad = {
        ...result.bundle,
        objects: result.bundle.objects.map((o) => (o.id === ind.id ? badPattern : o)),
      };
      assert.match(validateBundle(withBad, v())[0]?.errors.join("\n") ?? "", /pattern/);

      const dangling = {
        ...result.bundle,
        objects: result.bundle.objects.filter((o) => o.type !== "extension-definition"),
      };
      assert.ok(
        validateBundle(dangling, v()).some((p) => p.errors.some((e) => e.includes("extension definition"))),
      );

      const badTime = { ...loc, created: "2025-03-01 10:00:00" };
      assert.match(v()(badTime).errors.join("\n"), /\/created/);
      const nullProp = { ...loc, description: null };
      assert.equal(v()(nullProp).valid, false, "null properties are not STIX");
      const badSco = {
        type: "ipv4-addr",
        spec_version: "2.1",
        id: "ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4",
        value: "1.2.3",
      };
      assert.equal(v()(badSco).valid, false);
      const badDomain = {
        type: "domain-name",
        id: "domain-name--28bb3599-77cd-5a82-a950-b5bc3caf07c4",
        value: "bad domain",
      };
      assert.equal(v()(badDomain).valid, false, "idn-hostname format is enforced");
      assert.deepEqual(
        v()({ type: "bundle", id: "bundle--28bb3599-77cd-5a82-a950-b5bc3caf07c4", objects: [] }).valid,
        false,
      );
    });

    test("the OASIS example threat reports validate", async () => {
      const { readFileSync } = await import("node:fs");
      for (const name of ["apt1.json", "poisonivy.json"]) {
        const path = `${SHARED}/data/stix2-json-schemas/examples/threat-reports/${name}`;
        const bundle = JSON.parse(readFileSync(path, "utf8"));
        const problems = validateBundle(bundle, v(), { resolveRefs: false });
        assert.deepEqual(problems, [], name);
      }
    });
  });
});

/**
 * Knowledge import parsing: MISP galaxy cluster files and ATT&CK STIX bundles from ../shared/data
 * (skipped when absent), small inline fixtures for the field rules, format detection with clear errors,
 * and associations that keep their source instead of merging.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  describeAssociation,
  detectKnowledgeFormat,
  findAssociations,
  indexRecords,
  KnowledgeFormatError,
  type KnowledgeRecord,
  parseAttackBundle,
  parseKnowledge,
  parseMispGalaxy,
  summarizeKnowledge,
} from "../src/kb/index.js";

const SHARED = fileURLToPath(new URL("../../shared", import.meta.url));
const MISP_TA = `${SHARED}/data/misp-galaxy/threat-actor.json`;
const MISP_MITRE = `${SHARED}/data/misp-galaxy/mitre-intrusion-set.json`;
const ENTERPRISE = `${SHARED}/data/mitre-attack/enterprise-attack-18.1.core.stix20.json`;
const ICS = `${SHARED}/data/mitre-attack/ics-attack-18.1.stix21.json`;
const skipIf = (path: string) => (existsSync(path) ? false : `${path} not found (../shared is absent)`);
const load = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));

describe("MISP galaxy threat-actor.json", { skip: skipIf(MISP_TA) }, () => {
  const json = load(MISP_TA) as { values: { value: string; uuid: string }[] };
  const records = parseMispGalaxy(json);
  const lazarus = records.find((r) => r.name === "Lazarus Group")!;

  test("one record per cluster, all threat actors from the threat-actor galaxy", () => {
    assert.equal(records.length, json.values.length);
    assert.ok(records.every((r) => r.source === "misp-galaxy:threat-actor" && r.type === "threat-actor"));
    assert.ok(records.every((r) => r.version === String((json as unknown as { version: number }).version)));
  });

  test("Lazarus Group: synonyms incl. Bureau 121, country KP, its uuid, ATT&CK ids apart from names", () => {
    assert.ok(lazarus);
    const raw = json.values.find((v) => v.value === "Lazarus Group")!;
    assert.equal(lazarus.sourceId, raw.uuid);
    assert.ok(lazarus.aliases.includes("Bureau 121"));
    assert.ok(lazarus.aliases.includes("Unit 121"));
    assert.equal(lazarus.country, "KP");
    assert.ok(lazarus.externalIds.includes("G0032"));
    assert.ok(!lazarus.aliases.includes("G0032"));
    assert.ok(lazarus.related && lazarus.related.length > 0);
  });

  test("Bureau 121 is associated with Lazarus Group, with source and uuid, and is not a record of its own", () => {
    const found = findAssociations("Bureau 121", records);
    assert.ok(found.length >= 1);
    const a = found.find((f) => f.record.name === "Lazarus Group")!;
    assert.equal(a.via, "alias");
    assert.equal(a.matched, "Bureau 121");
    assert.ok(!records.some((r) => r.name === "Bureau 121"), "no record is named Bureau 121");
    assert.equal(
      describeAssociation("Bureau 121", a),
      `Bureau 121 — associated with Lazarus Group (source: MISP galaxy threat-actor, uuid ${lazarus.sourceId})`,
    );
    // Folding: case, punctuation and spacing do not matter.
    assert.ok(findAssociations("bureau-121", records).some((f) => f.record === lazarus));
  });

  test("the index gives the same records as the linear search", () => {
    const index = indexRecords(records);
    for (const name of ["Bureau 121", "APT38", "Hidden Cobra", "Fancy Bear"]) {
      const viaIndex = (index.get(name.toLowerCase().replace(/[^a-z0-9]/g, "")) ?? [])
        .map((r) => r.sourceId)
        .sort();
      const viaSearch = findAssociations(name, records)
        .map((f) => f.record.sourceId)
        .sort();
      assert.deepEqual(viaIndex, viaSearch, name);
    }
  });
});

describe("MISP galaxy mitre-intrusion-set.json", { skip: skipIf(MISP_MITRE) }, () => {
  test('"Lazarus Group - G0032" gives name Lazarus Group and id G0032', () => {
    const records = parseKnowledge(readFileSync(MISP_MITRE, "utf8"));
    const r = records.find((x) => x.externalIds.includes("G0032"))!;
    assert.equal(r.name, "Lazarus Group");
    assert.equal(r.source, "misp-galaxy:mitre-intrusion-set");
    assert.ok(r.aliases.includes("HIDDEN COBRA"));
    assert.ok(!r.aliases.includes("Lazarus Group"));
  });
});

/** Objects of a STIX bundle file that the parser must skip (revoked or deprecated), computed from the file. */
function skipped(json: unknown): { type: string; id: string }[] {
  const objects = (json as { objects: Record<string, unknown>[] }).objects;
  return objects
    .filter((o) => ["intrusion-set", "malware", "tool", "campaign"].includes(o.type as string))
    .filter((o) => o.revoked === true || o.x_mitre_deprecated === true)
    .map((o) => ({ type: o.type as string, id: o.id as string }));
}

describe("ATT&CK Enterprise STIX 2.0 bundle", { skip: skipIf(ENTERPRISE) }, () => {
  const json = load(ENTERPRISE);
  const records = parseAttackBundle(json);

  test("G0032 Lazarus Group with its aliases", () => {
    const r = records.find((x) => x.sourceId === "G0032")!;
    assert.equal(r.name, "Lazarus Group");
    assert.equal(r.type, "threat-actor");
    assert.equal(r.source, "mitre-attack:enterprise");
    for (const a of ["HIDDEN COBRA", "ZINC", "Labyrinth Chollima", "Diamond Sleet"])
      assert.ok(r.aliases.includes(a), a);
    assert.ok(!r.aliases.includes("Lazarus Group"));
    assert.ok(r.externalIds.some((x) => x.startsWith("intrusion-set--")));
    assert.ok(r.description && !r.description.includes("(Citation:"));
  });

  test("malware and tools with S#### ids, campaigns with C####, every id well-formed and unique", () => {
    const wannacry = records.find((x) => x.name === "WannaCry")!;
    assert.equal(wannacry.type, "malware");
    assert.match(wannacry.sourceId, /^S\d{4}$/);
    assert.ok(wannacry.aliases.includes("WCry"));
    assert.ok(records.some((x) => x.type === "tool" && /^S\d{4}$/.test(x.sourceId)));
    assert.ok(records.some((x) => x.type === "campaign" && /^C\d{4}$/.test(x.sourceId)));
    const prefix: Record<string, string> = { "threat-actor": "G", malware: "S", tool: "S", campaign: "C" };
    for (const r of records) assert.ok(r.sourceId.startsWith(prefix[r.type]!), `${r.name} ${r.sourceId}`);
    assert.equal(new Set(records.map((r) => r.sourceId)).size, records.length);
  });

  test("revoked and deprecated objects are skipped", () => {
    const gone = skipped(json);
    assert.ok(gone.length > 0, "the file has revoked or deprecated objects to skip");
    const ids = new Set(records.flatMap((r) => r.externalIds));
    for (const g of gone) assert.ok(!ids.has(g.id), g.id);
  });
});

describe("ATT&CK ICS STIX 2.1 bundle", { skip: skipIf(ICS) }, () => {
  const json = load(ICS);
  const records = parseKnowledge(json);

  test("the domain and version come from the collection object", () => {
    assert.ok(records.length > 0);
    assert.ok(records.every((r) => r.source === "mitre-attack:ics"));
    const collection = (json as { objects: Record<string, unknown>[] }).objects.find(
      (o) => o.type === "x-mitre-collection",
    )!;
    assert.ok(records.every((r) => r.version === collection.x_mitre_version));
    const lazarus = records.find((r) => r.sourceId === "G0032")!;
    assert.equal(lazarus.name, "Lazarus Group");
  });

  test("deprecated intrusion sets are skipped", () => {
    const gone = skipped(json);
    assert.ok(gone.length > 0);
    const ids = new Set(records.flatMap((r) => r.externalIds));
    for (const g of gone) assert.ok(!ids.has(g.id), g.id);
  });
});

describe("summaries over several sources", { skip: skipIf(MISP_TA) || skipIf(ENTERPRISE) }, () => {
  test("Lazarus Group: aliases, country and ATT&CK id, each with provenance; Bureau 121 only associated", () => {
    const records = [...parseKnowledge(load(MISP_TA)), ...parseKnowledge(load(ENTERPRISE))];
    const s = summarizeKnowledge("Lazarus Group", records);
    assert.deepEqual(
      [...new Set(s.attackIds.map((x) => x.id))],
      ["G0032"],
      "ATT&CK's own id wins over MISP synonym lists",
    );
    assert.ok(s.attackIds.every((x) => x.from.source === "mitre-attack:enterprise"));
    assert.ok(s.countries.some((c) => c.code === "KP" && c.from.source === "misp-galaxy:threat-actor"));
    const bureau = s.aliases.find((a) => a.alias === "Bureau 121")!;
    assert.match(bureau.from.label, /^MISP galaxy threat-actor, uuid [0-9a-f-]{36}$/);
    assert.ok(s.aliases.some((a) => a.alias === "ZINC" && a.from.source === "mitre-attack:enterprise"));
    const b = summarizeKnowledge("Bureau 121", records);
    assert.equal(b.known.length, 0);
    assert.ok(
      b.associatedWith.some(
        (x) => x.name === "Lazarus Group" && x.text.includes("associated with Lazarus Group"),
      ),
    );
  });
});

describe("field rules on small fixtures", () => {
  const galaxy = (values: unknown[], type = "threat-actor") => ({
    name: "Threat Actor",
    type,
    uuid: "7cdff317-a673-4474-84ec-4f1754947823",
    version: 1,
    values,
  });

  test("MISP: country from meta.country, else from the CFR state sponsor; synonyms deduplicated", () => {
    const records = parseMispGalaxy(
      galaxy([
        { value: "Alpha", uuid: "u1", meta: { country: "kp", synonyms: ["Alpha", "A1", "A1", "G9999"] } },
        {
          value: "Beta",
          uuid: "u2",
          meta: { "cfr-suspected-state-sponsor": "Korea (Democratic People's Republic of)" },
        },
        { value: "Gamma", uuid: "u3", meta: { "cfr-suspected-state-sponsor": "Unknown" } },
        { value: "Delta", uuid: "u4" },
      ]),
    );
    assert.deepEqual(
      records.map((r) => [r.name, r.country ?? null, r.aliases, r.externalIds]),
      [
        ["Alpha", "KP", ["A1"], ["G9999"]],
        ["Beta", "KP", [], []],
        ["Gamma", null, [], []],
        ["Delta", null, [], []],
      ],
    );
  });

  test("MISP: software galaxies give malware and tool records", () => {
    assert.equal(parseMispGalaxy(galaxy([{ value: "X", uuid: "u" }], "malpedia"))[0]!.type, "malware");
    assert.equal(parseMispGalaxy(galaxy([{ value: "X", uuid: "u" }], "mitre-tool"))[0]!.type, "tool");
  });

  test("ATT&CK: objects without a mitre-attack id and unrelated types are ignored", () => {
    const bundle = {
      type: "bundle",
      id: "bundle--1",
      objects: [
        {
          type: "intrusion-set",
          id: "intrusion-set--1",
          name: "Group One",
          aliases: ["Group One", "G-One"],
          external_references: [{ source_name: "mitre-attack", external_id: "G1234" }],
          x_mitre_domains: ["enterprise-attack"],
        },
        { type: "intrusion-set", id: "intrusion-set--2", name: "No Id", external_references: [] },
        {
          type: "attack-pattern",
          id: "attack-pattern--1",
          name: "Phishing",
          external_references: [{ source_name: "mitre-attack", external_id: "T1566" }],
        },
      ],
    };
    const records = parseAttackBundle(bundle);
    assert.equal(records.length, 1);
    assert.deepEqual(records[0]!.aliases, ["G-One"]);
    assert.equal(records[0]!.source, "mitre-attack:enterprise");
  });
});

describe("format detection", () => {
  const bad: [string, unknown, RegExp][] = [
    ["an array", [], /got an array/],
    ["a number", 3, /got a number/],
    ["an empty bundle", { type: "bundle", objects: [] }, /no intrusion-set, malware, tool or campaign/],
    ["a bundle without objects", { type: "bundle" }, /no objects array/],
    [
      "a country galaxy",
      { name: "Country", type: "country", uuid: "u", values: [] },
      /galaxy type "country" is not imported/,
    ],
    [
      "a galaxy definition",
      { name: "Threat Actor", type: "threat-actor", uuid: "u", icon: "user-secret" },
      /galaxy definition/,
    ],
    ["a lone STIX object", { type: "malware", id: "malware--1", name: "X" }, /not a bundle/],
    ["something else", { hello: "world" }, /unknown knowledge format/],
  ];
  for (const [what, json, message] of bad)
    test(`rejects ${what} with a clear error`, () => {
      assert.throws(
        () => detectKnowledgeFormat(json),
        (e: unknown) => e instanceof KnowledgeFormatError && message.test((e as Error).message),
      );
    });

  test("rejects malformed clusters and non-JSON text", () => {
    assert.throws(() => parseMispGalaxy({ type: "threat-actor", values: [{ uuid: "u" }] }), /has no value/);
    assert.throws(() => parseMispGalaxy({ type: "threat-actor", values: [{ value: "X" }] }), /has no uuid/);
    assert.throws(() => parseKnowledge("{not json"), KnowledgeFormatError);
  });

  test("tells the two formats apart", () => {
    assert.equal(detectKnowledgeFormat({ type: "threat-actor", values: [] }), "misp-galaxy");
    const records: KnowledgeRecord[] = parseKnowledge({
      type: "bundle",
      objects: [
        {
          type: "malware",
          id: "malware--9",
          name: "M",
          external_references: [{ source_name: "mitre-attack", external_id: "S9999" }],
        },
      ],
    });
    assert.equal(records[0]!.sourceId, "S9999");
  });
});

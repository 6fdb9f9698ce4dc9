import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import type { Mention } from "../src/model/types.js";
import { normalizeInput } from "../src/normalize/index.js";
import { analyze } from "../src/pipeline/analyze.js";
import { openDb } from "../src/store/connect.js";
import { Repository } from "../src/store/repository.js";

const REPORT = `Lazarus tied to bank theft

By Jane Roe | Example Wire

Investigators said the Lazarus Group used a new backdoor against banks in Vietnam. The group is believed to report to Pyongyang.

Copyright 2019 Example Wire. All rights reserved.`;

function analyzed(text: string, extra: Mention[] = []) {
  const a = analyze(normalizeInput({ source: "mem.txt", bytes: new TextEncoder().encode(text) }), {
    // A deliberately broken mention (the rollback test) would trip coreference before the store sees it.
    claims: extra.length === 0,
    entityStages: [
      (doc) => {
        const at = doc.text.indexOf("Lazarus Group");
        return [
          {
            start: at,
            end: at + 13,
            text: "Lazarus Group",
            label: "threat-actor",
            source: "test",
            confidence: 1,
          },
          ...extra,
        ];
      },
    ],
  });
  return a;
}

async function exercise(repo: Repository) {
  const first = await repo.saveDocument(analyzed(REPORT));
  assert.equal(first.status, "ingested");
  const again = await repo.saveDocument(analyzed(REPORT));
  assert.deepEqual(again, { status: "unchanged", id: first.id });

  const docs = await repo.listDocuments();
  assert.equal(docs.length, 1);
  assert.equal(docs[0]!.author, "Jane Roe");
  assert.equal(docs[0]!.publisher, "Example Wire");

  const hits = await repo.search("backdoor banks");
  assert.equal(hits.length, 1);
  const stored = await repo.getDocument(first.id);
  assert.ok(stored);
  assert.equal(stored.text.slice(hits[0]!.start, hits[0]!.end), hits[0]!.sentence);
  assert.match(hits[0]!.sentence, /^Investigators said/);
  // Search input is data, never query syntax.
  assert.deepEqual(await repo.search('") OR 1=1; DROP TABLE documents; --'), []);
  assert.equal((await repo.listDocuments()).length, 1);

  const entities = await repo.listEntities();
  assert.deepEqual(
    entities.map((e) => [e.name, e.type, e.documents, e.mentions]),
    [["Lazarus Group", "threat-actor", [first.id], 2]],
  );
  // The second mention comes from coreference: "The group" names Lazarus Group.
  const coref = (await repo.mentions(first.id)).find((m) => m.source.startsWith("coref"));
  assert.equal(coref?.text, "The group");
  assert.equal(coref?.entityName, "Lazarus Group");
  assert.deepEqual(await repo.incompleteDocuments(), []);

  // An entity's dossier a page at a time, and the aggregate reads behind it, in this dialect's SQL.
  const lazarus = entities[0]!.id;
  const page = await repo.entityPage(lazarus, { limit: 1, offset: 0 });
  assert.ok(page);
  assert.deepEqual(page.group, [lazarus]);
  assert.equal(page.documentCount, 1);
  assert.deepEqual(
    page.documents.map((d) => d.id),
    [first.id],
  );
  assert.equal(page.mentions.length, 2);
  assert.equal(page.entity.mentions, 2);
  const past = await repo.entityPage(lazarus, { limit: 1, offset: 1 });
  assert.deepEqual([past?.documentCount, past?.documents, past?.mentions], [1, [], []]);
  assert.equal(await repo.entityPage("enope", { limit: 1, offset: 0 }), null);
  assert.deepEqual(await repo.cooccurring([lazarus], 10), { sampled: 1, entities: [] });
  const claims = await repo.listClaims();
  assert.equal(await repo.countClaims(), claims.length);
  assert.equal(
    await repo.countClaims({ entity: lazarus }),
    (await repo.listClaims({ entity: lazarus })).length,
  );
  assert.deepEqual(
    (await repo.listClaims({ limit: 1, offset: 0 })).map((c) => c.id),
    claims.slice(0, 1).map((c) => c.id),
  );

  // A failure half-way through a document's transaction leaves nothing of it behind.
  const broken = analyzed(REPORT.replace("Vietnam", "Bangladesh"), [
    { start: 0, end: 3, text: null as unknown as string, label: "country", source: "test", confidence: 1 },
  ]);
  await assert.rejects(repo.saveDocument(broken));
  assert.equal((await repo.listDocuments()).length, 1);
  assert.equal((await repo.search("Bangladesh")).length, 0);
  assert.deepEqual(await repo.incompleteDocuments(), []);
}

describe("repository on SQLite", () => {
  it("stores idempotently, searches, lists entities, and rolls back a failed document", async () => {
    const repo = new Repository(await openDb(":memory:"));
    try {
      await exercise(repo);
    } finally {
      await repo.close();
    }
  });
});

// The same queries must run on PostgreSQL; this machine kind runs one on localhost.
const PG_ADMIN = process.env.DOSSIER_TEST_PG ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `dossier_test_${process.pid}`;
let pgAvailable = false;
before(async () => {
  const client = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query(`CREATE DATABASE ${dbName}`);
    pgAvailable = true;
  } catch {
    pgAvailable = false;
  } finally {
    await client.end().catch(() => {});
  }
});
after(async () => {
  if (!pgAvailable) return;
  const client = new pg.Client({ connectionString: PG_ADMIN });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${dbName}`);
  await client.end();
});

describe("repository on PostgreSQL", () => {
  it("runs the same queries", async (t) => {
    if (!pgAvailable) return t.skip(`no PostgreSQL at ${PG_ADMIN}: skipping`);
    const url = PG_ADMIN.replace(/\/[^/]*$/, `/${dbName}`);
    const repo = new Repository(await openDb(url));
    try {
      await exercise(repo);
    } finally {
      await repo.close();
    }
  });
});

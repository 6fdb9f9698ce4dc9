/**
 * The HTTP API, route by route, through fastify.inject: reads, ingest by paste and upload, auth
 * (401 on writes without a valid token, reads behind a token when configured), 400 on bad input,
 * the OpenAPI document, merge review on the store's real merge code, and the claims adapter both
 * without the claim stages (available: false) and with the example corpus's gold standing in.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { ingestBatch } from "../src/ingest/batch.js";
import { expandSources } from "../src/ingest/sources.js";
import { buildApp } from "../src/server/app.js";
import { CANDIDATES } from "../src/server/data.js";
import { openDb } from "../src/store/connect.js";
import { Repository } from "../src/store/repository.js";
import { hashToken, TokenStore } from "../src/store/tokens.js";
import { fixtureStages, REPORTS_DIR, suggestMerge, withGoldStandIns } from "./server-fixtures.js";

const stages = fixtureStages();

async function setup(opts: { standIn?: boolean; reads?: boolean; corpus?: boolean } = {}) {
  const db = await openDb(":memory:");
  const repo = new Repository(db);
  if (opts.corpus !== false) {
    const { items } = await expandSources([REPORTS_DIR]);
    await ingestBatch(
      repo,
      items.filter((i) => !i.source.includes("01-")),
      [],
      { stages, resolve: false },
    );
  }
  if (opts.standIn) withGoldStandIns(repo);
  const token = (await new TokenStore(db).create("test")).token;
  const app = await buildApp({ repo, stages, webRoot: null, requireTokenForReads: opts.reads ?? false });
  return { app, repo, token, db };
}

const auth = (t: string) => ({ authorization: `Bearer ${t}` });

describe("API without the claim stages", () => {
  let app: FastifyInstance;
  let repo: Repository;
  let token: string;
  before(async () => {
    ({ app, repo, token } = await setup());
  });
  after(async () => {
    await app.close();
    await repo.close();
  });

  test("GET /api/documents lists the stored documents", async () => {
    const res = await app.inject({ method: "GET", url: "/api/documents" });
    assert.equal(res.statusCode, 200);
    const docs = res.json() as { id: string; title: string; published: string }[];
    assert.equal(docs.length, 7);
    assert.ok(docs.some((d) => d.title === "APT38: the North Korean crew that robs banks"));
  });

  test("POST /api/documents without a token is 401, with a bad token too, and nothing is stored", async () => {
    const body = { text: "A report about Lazarus Group." };
    const none = await app.inject({ method: "POST", url: "/api/documents", payload: body });
    assert.equal(none.statusCode, 401);
    assert.match(none.json().message, /token/);
    const bad = await app.inject({
      method: "POST",
      url: "/api/documents",
      payload: body,
      headers: auth("dsk_nope"),
    });
    assert.equal(bad.statusCode, 401);
    assert.equal((await repo.listDocuments()).length, 7);
  });

  test("POST /api/documents ingests pasted text with title and date; the same text again is unchanged", async () => {
    const text = readFileSync(join(REPORTS_DIR, "01-park-jin-hyok-charged.txt"), "utf8");
    const res = await app.inject({
      method: "POST",
      url: "/api/documents",
      payload: { text, title: "Pasted: Park charged", published: "2018-09-07" },
      headers: auth(token),
    });
    assert.equal(res.statusCode, 201, res.body);
    const out = res.json() as { status: string; id: string; title: string };
    assert.equal(out.status, "ingested");
    assert.equal(out.title, "Pasted: Park charged");
    const again = await app.inject({
      method: "POST",
      url: "/api/documents",
      payload: { text },
      headers: auth(token),
    });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().status, "unchanged");
    assert.equal(again.json().id, out.id);

    const doc = await app.inject({ method: "GET", url: `/api/documents/${out.id}` });
    assert.equal(doc.statusCode, 200);
    const d = doc.json() as {
      text: string;
      published: string;
      boilerplate: { start: number; end: number; kind: string }[];
      mentions: { start: number; end: number; text: string; type: string; entity: { name: string } | null }[];
    };
    assert.ok(d.text.includes("Park belonged to a government-backed hacking team"));
    assert.equal(d.published, "2018-09-07");
    assert.ok(d.boilerplate.length > 0, "the caption and credit lines are boilerplate");
    assert.ok(d.mentions.length > 5);
    for (const m of d.mentions) assert.equal(d.text.slice(m.start, m.end), m.text);
    assert.ok(d.mentions.some((m) => m.type === "person" && m.entity?.name === "Park Jin Hyok"));
  });

  test("POST /api/documents ingests an upload (filename + base64 content), HTML by its name", async () => {
    const copy = Buffer.from(
      "<!doctype html><html><head><title>Sandworm upload test</title></head><body><article>" +
        "<h1>Sandworm upload test</h1><p>Prosecutors said the Sandworm unit of the GRU attacked the power grid " +
        "in Ukraine in December 2015, cutting electricity to about 230,000 people for several hours.</p>" +
        "<p>The officers are believed to be in Russia, the indictment said, and are unlikely to face trial.</p>" +
        "</article></body></html>",
    );
    const res = await app.inject({
      method: "POST",
      url: "/api/documents",
      payload: { filename: "copy.html", content: copy.toString("base64"), encoding: "base64" },
      headers: auth(token),
    });
    assert.ok([200, 201].includes(res.statusCode), res.body);
    const doc = (await app.inject({ method: "GET", url: `/api/documents/${res.json().id}` })).json();
    assert.equal(doc.format, "html");
    assert.equal(doc.source, "upload:copy.html");
    assert.doesNotMatch(doc.text, /<p>/);
  });

  test("400 on bad input, with a message naming the problem", async () => {
    const cases: [unknown, RegExp][] = [
      [{}, /either text .* or filename and content/],
      [{ text: "" }, /body\.text must NOT have fewer than 1 characters/],
      [{ text: 42 }, /body\.text must be string/],
      [{ text: "x", colour: "red" }, /unknown field 'colour'/],
      [{ filename: "a.txt" }, /filename and content/],
      [{ text: "x", filename: "a.txt", content: "y" }, /not both|either/],
      [{ filename: "a.txt", content: "eA==", encoding: "hex" }, /encoding .*allowed values \(utf8, base64\)/],
      [
        {
          filename: "a.bin",
          content: Buffer.from([0, 1, 2, 0, 255, 0]).toString("base64"),
          encoding: "base64",
        },
        /binary|UTF-8|text/i,
      ],
      [{ text: "   \n  " }, /empty/],
    ];
    for (const [payload, re] of cases) {
      const res = await app.inject({
        method: "POST",
        url: "/api/documents",
        payload: payload as object,
        headers: auth(token),
      });
      assert.equal(res.statusCode, 400, `${JSON.stringify(payload)} gave ${res.statusCode} ${res.body}`);
      assert.match(res.json().message, re, JSON.stringify(payload));
    }
    const bad = await app.inject({ method: "GET", url: "/api/search" });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /needs the field 'q'/);
    const badType = await app.inject({ method: "GET", url: "/api/entities?type=DROP%20TABLE" });
    assert.equal(badType.statusCode, 400);
    const badLimit = await app.inject({ method: "GET", url: "/api/search?q=x&limit=0" });
    assert.equal(badLimit.statusCode, 400);
    const notJson = await app.inject({
      method: "POST",
      url: "/api/documents",
      payload: "{not json",
      headers: { ...auth(token), "content-type": "application/json" },
    });
    assert.equal(notJson.statusCode, 400);
  });

  test("GET /api/documents/:id is 404 for an unknown id and accepts a unique prefix", async () => {
    assert.equal((await app.inject({ method: "GET", url: "/api/documents/dffffffffffff" })).statusCode, 404);
    const [first] = await repo.listDocuments();
    const res = await app.inject({ method: "GET", url: `/api/documents/${first!.id.slice(0, 8)}` });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().id, first!.id);
  });

  test("GET /api/search finds sentences", async () => {
    const res = await app.inject({ method: "GET", url: "/api/search?q=Lazarus%20Group" });
    assert.equal(res.statusCode, 200);
    const hits = res.json() as { documentId: string; sentence: string }[];
    assert.ok(hits.length > 0);
    for (const h of hits) assert.match(h.sentence, /Lazarus/);
  });

  test("GET /api/entities filters by type; GET /api/entities/:id is the dossier", async () => {
    const people = (await app.inject({ method: "GET", url: "/api/entities?type=person" })).json() as {
      id: string;
      name: string;
      type: string;
      documents: string[];
    }[];
    assert.ok(people.length > 3);
    assert.ok(people.every((p) => p.type === "person"));
    const park = people.find((p) => p.name === "Park Jin Hyok");
    assert.ok(park, "Park Jin Hyok is a person");
    assert.ok(park.documents.length >= 2, "named in two reports, in two spellings");

    const res = await app.inject({ method: "GET", url: `/api/entities/${park.id}` });
    assert.equal(res.statusCode, 200);
    const d = res.json();
    const aliases = (d.aliasSources as { alias: string; document: { id: string } | null }[]).map(
      (a) => a.alias,
    );
    assert.ok(aliases.includes("Pak Jin Hek") || aliases.includes("Pak Jin-hyok"), aliases.join(", "));
    assert.ok(d.aliasSources.every((a: { provenance: string }) => a.provenance.length > 0));
    assert.ok(d.mentionList.length >= 2);
    assert.ok(d.neighbours.length > 0);
    for (const c of d.claims.items as {
      subject: { id: string };
      object: { id: string } | null;
      speaker: { id: string } | null;
    }[]) {
      assert.ok(
        [c.subject, c.object, c.speaker].some((r) => r?.id === park.id),
        "the dossier's claims are about him",
      );
    }

    const dates = (await app.inject({ method: "GET", url: "/api/entities?type=date" })).json() as {
      type: string;
    }[];
    assert.ok(dates.length > 0 && dates.every((x) => x.type === "date"));
    assert.equal((await app.inject({ method: "GET", url: "/api/entities/enope" })).statusCode, 404);
  });

  test("GET /api/entities/:id pages an entity's documents: the pages cover them once, with their mentions", async () => {
    const all = (await app.inject({ method: "GET", url: "/api/entities" })).json() as {
      id: string;
      documents: string[];
      mentions: number;
    }[];
    const hub = all
      .filter((e) => e.id.startsWith("e"))
      .sort((a, b) => b.documents.length - a.documents.length)[0]!;
    assert.ok(hub.documents.length >= 3, `a hub named in several documents (${hub.documents.length})`);
    const whole = (await app.inject({ method: "GET", url: `/api/entities/${hub.id}` })).json();
    assert.equal(whole.documentCount, hub.documents.length);
    assert.equal(whole.mentions, hub.mentions);
    const seen: string[] = [];
    let mentions = 0;
    for (let offset = 0; offset < hub.documents.length + 2; offset += 2) {
      const res = await app.inject({
        method: "GET",
        url: `/api/entities/${hub.id}?limit=2&offset=${offset}`,
      });
      assert.equal(res.statusCode, 200);
      const d = res.json();
      assert.equal(d.documentCount, hub.documents.length, "the total stays the total");
      assert.ok(d.documentList.length <= 2);
      const ids = new Set<string>(d.documentList.map((x: { id: string }) => x.id));
      for (const m of d.mentionList as { document: { id: string } }[]) assert.ok(ids.has(m.document.id));
      mentions += d.mentionList.length;
      seen.push(...ids);
    }
    assert.deepEqual(seen, [...hub.documents].sort(), "every document once, in id order");
    assert.equal(mentions, whole.mentionList.length);
    const bad = await app.inject({ method: "GET", url: `/api/entities/${hub.id}?limit=0` });
    assert.equal(bad.statusCode, 400);
  });

  test("GET /api/entities/:id of a place has coordinates; GET /api/places lists them", async () => {
    const places = (await app.inject({ method: "GET", url: "/api/places" })).json() as {
      id: string;
      name: string;
      latitude: number | null;
    }[];
    const located = places.filter((p) => p.latitude !== null);
    assert.ok(located.length > 0, "some places have coordinates");
    const d = (await app.inject({ method: "GET", url: `/api/entities/${located[0]!.id}` })).json();
    assert.equal(d.places[0].id, located[0]!.id);
    assert.equal(typeof d.places[0].latitude, "number");
  });

  test("GET /api/mentions, all or by document, keeps offsets", async () => {
    const [first] = await repo.listDocuments();
    const all = (await app.inject({ method: "GET", url: "/api/mentions" })).json() as {
      document: { id: string };
    }[];
    const mine = (await app.inject({ method: "GET", url: `/api/mentions?document=${first!.id}` })).json() as {
      document: { id: string; title: string };
      text: string;
      start: number;
      end: number;
    }[];
    assert.ok(mine.length > 0 && mine.length < all.length);
    assert.ok(mine.every((m) => m.document.id === first!.id));
    const doc = await repo.getDocument(first!.id);
    for (const m of mine) assert.equal(doc!.text.slice(m.start, m.end), m.text);
  });

  test("conflicts, propositions and ACH are available exactly when the store has their stage", async () => {
    const has = (names: readonly string[]) =>
      names.some((n) => typeof (repo as unknown as Record<string, unknown>)[n] === "function");
    for (const [url, names] of [
      ["/api/conflicts", CANDIDATES.conflicts],
      ["/api/propositions", CANDIDATES.propositions],
    ] as const) {
      const res = await app.inject({ method: "GET", url });
      assert.equal(res.statusCode, 200, url);
      const body = res.json() as { available: boolean; items: unknown[] };
      assert.equal(body.available, has(names), url);
      if (!body.available) assert.deepEqual(body.items, [], url);
    }
    const ach = (await app.inject({ method: "GET", url: "/api/ach" })).json();
    assert.equal(ach.available, has(CANDIDATES.ach));
    if (!ach.available) assert.equal(ach.matrix, null);
    const post = await app.inject({ method: "POST", url: "/api/merges/s1/accept", headers: auth(token) });
    assert.equal(post.statusCode, 404);
    assert.match(post.json().message, /no merge suggestion s1/);
    assert.equal((await app.inject({ method: "POST", url: "/api/merges/s1/accept" })).statusCode, 401);
    assert.equal((await app.inject({ method: "POST", url: "/api/merges/s1/reject" })).statusCode, 401);
    assert.equal((await app.inject({ method: "POST", url: "/api/merges/undo/m1" })).statusCode, 401);
    assert.equal((await app.inject({ method: "GET", url: "/api/claims?entity=a%20b" })).statusCode, 400);
  });

  test("GET /api/claims: the store's claims in the spec's form, by document and by entity", async () => {
    const all = (await app.inject({ method: "GET", url: "/api/claims" })).json() as {
      available: boolean;
      items: {
        id: string;
        quote: string;
        start: number;
        end: number;
        document: { id: string };
        subject: { id: string };
        object: { id: string } | null;
        speaker: { id: string } | null;
      }[];
    };
    if (!all.available) {
      // No claims stage in this store: the adapter says so rather than answering an empty list.
      assert.deepEqual(all.items, []);
      return;
    }
    assert.ok(all.items.length > 0, "the claims stage found claims in the example corpus");
    const c = all.items[0]!;
    const doc = (await repo.getDocument(c.document.id))!;
    const byDoc = (await app.inject({ method: "GET", url: `/api/claims?document=${c.document.id}` })).json();
    assert.ok(byDoc.items.length > 0);
    for (const x of byDoc.items) {
      assert.equal(x.document.id, c.document.id);
      assert.equal(doc.text.slice(x.start, x.end), x.quote);
    }
    const byEntity = (await app.inject({ method: "GET", url: `/api/claims?entity=${c.subject.id}` })).json();
    assert.ok(byEntity.items.some((x: { id: string }) => x.id === c.id));
    for (const x of byEntity.items as typeof all.items) {
      assert.ok([x.subject, x.object, x.speaker].some((r) => r?.id === c.subject.id));
    }
    // Pages of 3 give the same claims in the same order, with the total.
    const paged: string[] = [];
    for (let offset = 0; offset < all.items.length; offset += 3) {
      const page = (await app.inject({ method: "GET", url: `/api/claims?limit=3&offset=${offset}` })).json();
      assert.equal(page.total, all.items.length);
      assert.ok(page.items.length <= 3);
      paged.push(...page.items.map((x: { id: string }) => x.id));
    }
    assert.deepEqual(
      paged,
      all.items.map((x) => x.id),
    );
    // Claims by id: exactly those asked for, unknown ids ignored, a malformed list refused.
    const some = [all.items[0]!.id, all.items[all.items.length - 1]!.id];
    const byIds = (
      await app.inject({ method: "GET", url: `/api/claims?ids=${some.join(",")},cnothere` })
    ).json();
    assert.deepEqual(byIds.items.map((x: { id: string }) => x.id).sort(), [...new Set(some)].sort());
    assert.equal((await app.inject({ method: "GET", url: "/api/claims?ids=a,,b" })).statusCode, 400);
  });

  test("merges: accept a suggestion (the store merges), undo it (it comes apart), reject it, no decision twice", async () => {
    const people = await repo.listEntities({ type: "person" });
    const park = people.find((p) => p.name === "Park Jin Hyok")!;
    const other = people.find(
      (p) => p.id !== park.id && p.documents.some((d) => park.documents.includes(d)),
    )!;
    const sid = await suggestMerge(repo, park.id, other.id, "test: named in the same report");
    const merges = (await app.inject({ method: "GET", url: "/api/merges" })).json();
    assert.equal(merges.available, true);
    const s = merges.items.find((x: { id: string }) => x.id === sid);
    assert.equal(s.status, "open");
    assert.deepEqual([s.a.id, s.b.id], [park.id, other.id]);

    assert.equal((await app.inject({ method: "POST", url: `/api/merges/${sid}/accept` })).statusCode, 401);
    const acc = await app.inject({ method: "POST", url: `/api/merges/${sid}/accept`, headers: auth(token) });
    assert.equal(acc.statusCode, 200, acc.body);
    const mergeId = acc.json().result.mergeId as string;
    assert.ok(mergeId);
    const after = (await app.inject({ method: "GET", url: "/api/entities?type=person" })).json() as {
      id: string;
    }[];
    assert.equal(
      after.filter((e) => e.id === park.id || e.id === other.id).length,
      1,
      "one entity after the merge",
    );
    const decided = (await app.inject({ method: "GET", url: "/api/merges" }))
      .json()
      .items.find((x: { id: string }) => x.id === sid);
    assert.equal(decided.status, "accepted");
    assert.equal(decided.decidedBy, "api:test");
    assert.equal(
      (await app.inject({ method: "POST", url: `/api/merges/${sid}/accept`, headers: auth(token) }))
        .statusCode,
      409,
    );

    const undo = await app.inject({
      method: "POST",
      url: `/api/merges/undo/${mergeId}`,
      headers: auth(token),
    });
    assert.equal(undo.statusCode, 200, undo.body);
    const apart = (await app.inject({ method: "GET", url: "/api/entities?type=person" })).json() as {
      id: string;
    }[];
    assert.equal(apart.filter((e) => e.id === park.id || e.id === other.id).length, 2, "two entities again");
    const reopened = (await app.inject({ method: "GET", url: "/api/merges" }))
      .json()
      .items.find((x: { id: string }) => x.id === sid);
    assert.equal(reopened.status, "open");
    const again = await app.inject({
      method: "POST",
      url: `/api/merges/undo/${mergeId}`,
      headers: auth(token),
    });
    assert.equal(again.statusCode, 409);
    assert.match(again.json().message, /already undone/);

    const rej = await app.inject({ method: "POST", url: `/api/merges/${sid}/reject`, headers: auth(token) });
    assert.equal(rej.statusCode, 200);
    assert.equal(
      (await app.inject({ method: "POST", url: "/api/merges/undo/m999", headers: auth(token) })).statusCode,
      404,
    );
  });

  test("/api/claims gives a stored claim in the spec's form", async () => {
    const people = await repo.listEntities({ type: "person" });
    const park = people.find((p) => p.name === "Park Jin Hyok")!;
    const lazarus = (await repo.listEntities({ type: "threat-actor" })).find(
      (e) => e.name === "Lazarus Group",
    )!;
    const docId = park.documents[0]!;
    const doc = (await repo.getDocument(docId))!;
    const quote = "Lazarus Group";
    const start = doc.text.indexOf(quote);
    await repo.db
      .insertInto("claims")
      .values({
        id: "ctest1",
        document_id: docId,
        subject_id: park.id,
        predicate: "affiliated-with",
        object_id: lazarus.id,
        value_json: null,
        polarity: "positive",
        hedged: 1,
        cues_json: JSON.stringify({ hedge: ["believed"], negation: [] }),
        speaker_id: null,
        via_json: "[]",
        args_json: "{}",
        when_text: "2018",
        quote,
        start,
        end: start + quote.length,
        confidence: 0.8,
        rule: "test",
      })
      .execute();
    try {
      const res = (await app.inject({ method: "GET", url: `/api/claims?entity=${park.id}` })).json();
      assert.equal(res.available, true);
      const c = res.items.find((x: { id: string }) => x.id === "ctest1");
      assert.ok(c, "the claim written to the table is read back");
      assert.deepEqual(c.subject, { id: park.id, name: "Park Jin Hyok", type: "person" });
      assert.equal(c.object.name, "Lazarus Group");
      assert.equal(c.hedged, true);
      assert.equal(c.speaker, null);
      assert.equal(c.document.id, docId);
      assert.equal(doc.text.slice(c.start, c.end), c.quote);
      const other = (await app.inject({ method: "GET", url: "/api/claims?document=dnothere" })).json();
      assert.deepEqual(other, { available: true, items: [] });
    } finally {
      await repo.db.deleteFrom("claims").where("id", "=", "ctest1").execute();
      delete (repo as unknown as Record<string, unknown>).listClaims;
    }
    const left = await repo.db.selectFrom("claims").select("id").limit(1).execute();
    if (left.length === 0) {
      Object.defineProperty(repo, "listClaims", { value: undefined, configurable: true, writable: true });
      const none = (await app.inject({ method: "GET", url: "/api/claims" })).json();
      delete (repo as unknown as Record<string, unknown>).listClaims;
      assert.deepEqual(none, { available: false, items: [] }, "an empty table and no method: not available");
    }
  });

  test("GET /api/openapi.json documents every route", async () => {
    const res = await app.inject({ method: "GET", url: "/api/openapi.json" });
    assert.equal(res.statusCode, 200);
    const spec = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    assert.match(spec.openapi, /^3\./);
    for (const [path, method] of [
      ["/api/documents", "get"],
      ["/api/documents", "post"],
      ["/api/documents/{id}", "get"],
      ["/api/search", "get"],
      ["/api/entities", "get"],
      ["/api/entities/{id}", "get"],
      ["/api/mentions", "get"],
      ["/api/places", "get"],
      ["/api/claims", "get"],
      ["/api/conflicts", "get"],
      ["/api/propositions", "get"],
      ["/api/ach", "get"],
      ["/api/merges", "get"],
      ["/api/merges/{id}/accept", "post"],
      ["/api/merges/{id}/reject", "post"],
      ["/api/merges/undo/{id}", "post"],
    ] as const) {
      assert.ok(spec.paths[path]?.[method], `${method.toUpperCase()} ${path} is documented`);
    }
    const post = spec.paths["/api/documents"]!.post as { requestBody: unknown; security: unknown };
    assert.ok(post.requestBody);
    assert.deepEqual(post.security, [{ bearer: [] }]);
  });

  test("unknown API routes are a JSON 404; without a built workbench / says how to build it", async () => {
    const res = await app.inject({ method: "GET", url: "/api/nope" });
    assert.equal(res.statusCode, 404);
    assert.match(res.json().message, /no route/);
    const root = await app.inject({ method: "GET", url: "/" });
    assert.match(root.body, /build:web/);
  });
});

describe("API tokens", () => {
  test("only a hash is stored; a revoked token stops working; list shows last use", async () => {
    const { app, repo, token, db } = await setup({ corpus: false });
    const raw = JSON.stringify(
      await (db as unknown as import("kysely").Kysely<Record<string, Record<string, unknown>>>)
        .selectFrom("api_tokens")
        .selectAll()
        .execute(),
    );
    assert.ok(!raw.includes(token), "the token itself is not stored");
    assert.ok(raw.includes(hashToken(token)));
    const ok = await app.inject({
      method: "POST",
      url: "/api/documents",
      payload: { text: "Sandworm hit Ukraine." },
      headers: auth(token),
    });
    assert.equal(ok.statusCode, 201);
    const store = new TokenStore(db);
    const [info] = await store.list();
    assert.ok(info!.lastUsedAt);
    assert.equal(await store.revoke(info!.id), true);
    assert.equal(await store.revoke(info!.id), false);
    const after = await app.inject({
      method: "POST",
      url: "/api/documents",
      payload: { text: "Sandworm hit Kyiv." },
      headers: auth(token),
    });
    assert.equal(after.statusCode, 401);
    assert.match(after.json().message, /not valid or was revoked/);
    await app.close();
    await repo.close();
  });

  test("with requireTokenForReads, reads need a token too (the OpenAPI document stays open)", async () => {
    const { app, repo, token } = await setup({ reads: true, corpus: false });
    assert.equal((await app.inject({ method: "GET", url: "/api/documents" })).statusCode, 401);
    assert.equal(
      (await app.inject({ method: "GET", url: "/api/documents", headers: auth(token) })).statusCode,
      200,
    );
    assert.equal((await app.inject({ method: "GET", url: "/api/openapi.json" })).statusCode, 200);
    await app.close();
    await repo.close();
  });
});

describe("API with the example gold standing in for claims and conflicts", () => {
  let app: FastifyInstance;
  let repo: Repository;
  before(async () => {
    ({ app, repo } = await setup({ standIn: true }));
  });
  after(async () => {
    await app.close();
    await repo.close();
  });

  test("GET /api/claims by document and by entity gives spec claims whose quote is the stored text", async () => {
    const all = (await app.inject({ method: "GET", url: "/api/claims" })).json();
    assert.equal(all.available, true);
    assert.ok(all.items.length > 20);
    const c = all.items[0];
    const byDoc = (await app.inject({ method: "GET", url: `/api/claims?document=${c.document.id}` })).json();
    assert.ok(
      byDoc.items.length > 0 &&
        byDoc.items.every((x: { document: { id: string } }) => x.document.id === c.document.id),
    );
    const doc = (await app.inject({ method: "GET", url: `/api/documents/${c.document.id}` })).json();
    for (const x of byDoc.items) assert.equal(doc.text.slice(x.start, x.end), x.quote);
    const byEntity = (await app.inject({ method: "GET", url: `/api/claims?entity=${c.subject.id}` })).json();
    assert.ok(byEntity.items.some((x: { id: string }) => x.id === c.id));
    const dossier = (await app.inject({ method: "GET", url: `/api/entities/${c.subject.id}` })).json();
    assert.equal(dossier.claims.available, true);
    assert.ok(dossier.claims.items.length > 0);
  });

  test("GET /api/conflicts and /api/ach pass the stage's answers through", async () => {
    const conflicts = (await app.inject({ method: "GET", url: "/api/conflicts" })).json();
    assert.equal(conflicts.available, true);
    assert.ok(conflicts.items.some((c: { kind: string }) => c.kind === "polarity"));
    // Pages of 1 give the same conflicts in the same order, with the total.
    const paged: string[] = [];
    for (let offset = 0; offset < conflicts.items.length + 1; offset++) {
      const page = (
        await app.inject({ method: "GET", url: `/api/conflicts?limit=1&offset=${offset}` })
      ).json();
      assert.equal(page.total, conflicts.items.length);
      paged.push(...page.items.map((c: { id: string }) => c.id));
    }
    assert.deepEqual(
      paged,
      conflicts.items.map((c: { id: string }) => c.id),
    );
    assert.equal((await app.inject({ method: "GET", url: "/api/conflicts?limit=0" })).statusCode, 400);
    const ach = (await app.inject({ method: "GET", url: "/api/ach" })).json();
    assert.equal(ach.available, true);
    assert.ok(ach.matrix.hypotheses.length > 0);
  });
});

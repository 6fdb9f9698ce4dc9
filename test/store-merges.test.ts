import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Mention, SpanLabel } from "../src/model/types.js";
import { normalizeInput } from "../src/normalize/index.js";
import { analyze } from "../src/pipeline/analyze.js";
import { openDb } from "../src/store/connect.js";
import { listMerges, mergeEntities, splitEntity, undoMerge } from "../src/store/merges.js";
import { Repository } from "../src/store/repository.js";
import { runResolution } from "../src/store/resolution.js";
import { decideSuggestion, listSuggestions } from "../src/store/suggestions.js";

/** A stage that tags the given names wherever they occur, so these tests do not depend on the NER model. */
function tagging(names: [string, SpanLabel][]) {
  return {
    entityStages: [
      (doc: { text: string }) => {
        const out: Mention[] = [];
        for (const [name, label] of names) {
          for (let at = doc.text.indexOf(name); at >= 0; at = doc.text.indexOf(name, at + name.length)) {
            out.push({ start: at, end: at + name.length, text: name, label, source: "test", confidence: 1 });
          }
        }
        return out;
      },
    ],
  };
}

const DOCS: [string, [string, SpanLabel][]][] = [
  [
    "Defector describes hacker unit\n\nKim Heung-Kwang, a former professor, told the broadcaster that Bureau 121 trains hackers. Kim Jong Un ordered it.",
    [
      ["Kim Heung-Kwang", "person"],
      ["Kim Jong Un", "person"],
      ["Bureau 121", "threat-actor"],
    ],
  ],
  [
    "Hackers in China\n\nKim Hung-kwang, a defector and former professor, said Bureau 121 works from China. Youmi Kim contributed reporting.",
    [
      ["Kim Hung-kwang", "person"],
      ["Youmi Kim", "person"],
      ["Bureau 121", "threat-actor"],
    ],
  ],
];

async function store(): Promise<Repository> {
  const repo = new Repository(await openDb(":memory:"));
  for (const [text, names] of DOCS) {
    await repo.saveDocument(
      analyze(normalizeInput({ source: "t.txt", bytes: new TextEncoder().encode(text) }), tagging(names)),
    );
  }
  return repo;
}

const snapshot = async (repo: Repository) =>
  JSON.stringify({ entities: await repo.listEntities(), mentions: await repo.mentions() });

describe("cross-document resolution and undoable merges", () => {
  it("merges one defector's two spellings and keeps people who share a surname apart", async () => {
    const repo = await store();
    try {
      const summary = await runResolution(repo.db, "test");
      assert.equal(summary.merged, 1);
      const people = await repo.listEntities({ type: "person" });
      assert.equal(people.length, 3);
      const kim = people.find((p) => p.name.startsWith("Kim H"))!;
      assert.deepEqual([kim.name, ...kim.aliases].sort(), ["Kim Heung-Kwang", "Kim Hung-kwang"]);
      assert.equal(kim.documents.length, 2);
      assert.ok(people.some((p) => p.name === "Kim Jong Un"));
      assert.ok(people.some((p) => p.name === "Youmi Kim"));
      const [log] = await listMerges(repo.db);
      assert.equal(log!.kind, "auto");
      assert.ok(log!.reasons.length > 0, "the merge says why");
      // Running again changes nothing.
      assert.deepEqual(await runResolution(repo.db, "test"), { candidates: 4, merged: 0, suggested: 0 });
    } finally {
      await repo.close();
    }
  });

  it("undoing a merge restores the earlier state exactly, and resolution does not redo it", async () => {
    const repo = await store();
    try {
      const before = await snapshot(repo);
      await runResolution(repo.db, "test");
      const after = await snapshot(repo);
      assert.notEqual(after, before);
      const [m] = await listMerges(repo.db);
      await undoMerge(repo.db, m!.id, "test");
      assert.equal(await snapshot(repo), before);
      await runResolution(repo.db, "test");
      assert.equal(await snapshot(repo), before, "an undone merge is an analyst's decision");
      await assert.rejects(undoMerge(repo.db, m!.id, "test"), /already undone/);
    } finally {
      await repo.close();
    }
  });

  it("refuses to undo a merge that a later merge built on, and undoes in reverse order", async () => {
    const repo = await store();
    try {
      const before = await snapshot(repo);
      const people = await repo.listEntities({ type: "person" });
      const id = (n: string) => people.find((p) => p.name === n)!.id;
      const first = await mergeEntities(repo.db, id("Kim Heung-Kwang"), id("Kim Hung-kwang"), {
        kind: "manual",
        actor: "t",
        reasons: ["x"],
      });
      const second = await mergeEntities(repo.db, id("Youmi Kim"), id("Kim Heung-Kwang"), {
        kind: "manual",
        actor: "t",
        reasons: ["wrong"],
      });
      await assert.rejects(undoMerge(repo.db, first, "t"), /later merge/);
      await undoMerge(repo.db, second, "t");
      await undoMerge(repo.db, first, "t");
      assert.equal(await snapshot(repo), before);
      await assert.rejects(
        mergeEntities(repo.db, id("Youmi Kim"), (await repo.listEntities({ type: "threat-actor" }))[0]!.id, {
          kind: "manual",
          actor: "t",
          reasons: [],
        }),
        /cannot merge a threat-actor into a person/,
      );
    } finally {
      await repo.close();
    }
  });

  it("splits an entity by spelling and undoes the split", async () => {
    const repo = await store();
    try {
      await runResolution(repo.db, "test");
      const before = await snapshot(repo);
      const kim = (await repo.listEntities({ type: "person" })).find((p) => p.name.startsWith("Kim H"))!;
      const { mergeId, newEntityId } = await splitEntity(repo.db, kim.id, ["Kim Hung-kwang"], {
        actor: "t",
        reasons: ["test"],
      });
      const people = await repo.listEntities({ type: "person" });
      assert.equal(people.length, 4);
      assert.deepEqual(people.find((p) => p.id === newEntityId)!.documents.length, 1);
      await undoMerge(repo.db, mergeId, "t");
      assert.equal(await snapshot(repo), before);
    } finally {
      await repo.close();
    }
  });

  it("accepting a suggestion merges with the suggestion's reasons; rejecting keeps it from coming back", async () => {
    const repo = await store();
    try {
      const people = await repo.listEntities({ type: "person" });
      const id = (n: string) => people.find((p) => p.name === n)!.id;
      await repo.db
        .insertInto("merge_suggestions")
        .values({
          id: "s1",
          a_id: id("Kim Heung-Kwang"),
          b_id: id("Kim Hung-kwang"),
          score: 0.8,
          reasons_json: JSON.stringify(["same name after romanization folding"]),
          status: "open",
          created_at: "2026-01-01T00:00:00Z",
          decided_at: null,
          decided_by: null,
          merge_id: null,
        })
        .execute();
      assert.equal((await listSuggestions(repo.db, "open")).length, 1);
      const { mergeId } = await decideSuggestion(repo.db, "s1", "accept", "analyst");
      assert.equal((await repo.listEntities({ type: "person" })).length, 3);
      const log = await listMerges(repo.db);
      assert.deepEqual(log[0]!.reasons, ["accepted suggestion s1", "same name after romanization folding"]);
      await undoMerge(repo.db, mergeId!, "analyst");
      assert.equal((await listSuggestions(repo.db, "open")).length, 1, "undo reopens the suggestion");
      await decideSuggestion(repo.db, "s1", "reject", "analyst");
      assert.equal((await listSuggestions(repo.db, "open")).length, 0);
    } finally {
      await repo.close();
    }
  });
});

import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { loadGold } from "../src/eval/gold.js";
import { normalizeInput } from "../src/normalize/index.js";

const REPO = fileURLToPath(new URL("..", import.meta.url));
const gold = loadGold(`${REPO}/examples/gold.json`);

describe("layout of the example corpus against its gold", () => {
  for (const g of gold.documents) {
    it(`${g.file}: metadata and boilerplate`, () => {
      const path = `${REPO}/${g.path}`;
      assert.ok(existsSync(path), path);
      const doc = normalizeInput({ source: path, bytes: readFileSync(path) });
      assert.deepEqual(doc.meta, {
        title: g.title,
        author: g.author,
        publisher: g.publisher,
        published: g.published,
      });
      for (const b of g.boilerplate ?? []) {
        const at = doc.text.indexOf(b);
        if (at < 0) continue; // dropped with the page chrome by readability
        const covered = doc.boilerplate.some((s) => s.start <= at && s.end >= at + b.length);
        assert.ok(covered, `not marked as boilerplate: "${b.slice(0, 80)}"`);
      }
      for (const c of gold.claims.filter((x) => x.document === g.file)) {
        // Some occurrence of the evidence must be body (a caption may repeat words of the body).
        const starts: number[] = [];
        for (let at = doc.text.indexOf(c.evidence); at >= 0; at = doc.text.indexOf(c.evidence, at + 1))
          starts.push(at);
        assert.ok(starts.length > 0, `evidence of ${c.id} is in the text`);
        const inBody = starts.some(
          (at) => !doc.boilerplate.some((s) => s.start < at + c.evidence.length && at < s.end),
        );
        assert.ok(inBody || c.predicate === "affiliated-with", `evidence of ${c.id} is body`);
      }
    });
  }
});

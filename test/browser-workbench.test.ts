/**
 * The workbench in a real browser: playwright-core driving Debian's chromium against `buildApp` on an
 * ephemeral port, over the example corpus. Claims, conflicts and merges come from the example gold
 * through withGoldStandIns until their stages exist (see test/server-fixtures.ts).
 * Screenshots of every page at 1280×800 and 390×844 go to test-artifacts/screenshots/.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { ingestBatch } from "../src/ingest/batch.js";
import { expandSources } from "../src/ingest/sources.js";
import { buildApp, defaultWebRoot } from "../src/server/app.js";
import { openDb } from "../src/store/connect.js";
import { Repository } from "../src/store/repository.js";
import { listSuggestions } from "../src/store/suggestions.js";
import { TokenStore } from "../src/store/tokens.js";
import { fixtureStages, REPORTS_DIR, suggestMerge, withGoldStandIns } from "./server-fixtures.js";

const CHROMIUM = "/usr/bin/chromium";
const SHOTS = fileURLToPath(new URL("../test-artifacts/screenshots/", import.meta.url));
const webRoot = defaultWebRoot();
const skip = !existsSync(CHROMIUM)
  ? `${CHROMIUM} is missing (apt-get install -y chromium)`
  : !webRoot
    ? "the workbench is not built (npm run build)"
    : false;
if (skip) console.log(`# browser tests skipped: ${skip}`);

const SIZES = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const;

describe("workbench in chromium", { skip }, () => {
  let app: FastifyInstance;
  let repo: Repository;
  let token: string;
  let base: string;
  let ctx: BrowserContext;
  let page: Page;
  let profile: string;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const external: string[] = [];

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const stages = fixtureStages();
    repo = withGoldStandIns(new Repository(await openDb(":memory:")));
    const { items } = await expandSources([REPORTS_DIR]);
    // Report 01 is left out: the first test pastes it in through the page.
    await ingestBatch(
      repo,
      items.filter((i) => !i.source.includes("01-")),
      [],
      { stages, resolve: false },
    );
    token = (await new TokenStore(repo.db).create("browser")).token;
    app = await buildApp({ repo, stages });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const addr = app.server.address();
    base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
    profile = mkdtempSync(join(tmpdir(), "dossier-chromium-"));
    ctx = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
      viewport: { width: 1280, height: 800 },
    });
    page = ctx.pages()[0] ?? (await ctx.newPage());
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on("pageerror", (e) => pageErrors.push(e.message));
    // Offline: any request that leaves the server is a failure.
    await ctx.route(/^(?!http:\/\/127\.0\.0\.1:)/, (route) => {
      if (!route.request().url().startsWith("data:")) external.push(route.request().url());
      return route.abort();
    });
  });

  after(async () => {
    await ctx?.close();
    await app?.close();
    await repo?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  let loads = 0;
  /** A fresh page load of a route (the query string makes every load new), until it has rendered. */
  async function open(hash: string): Promise<void> {
    await page.goto(`${base}/?load=${++loads}${hash}`);
    await page.waitForFunction(() => Boolean(document.body.dataset.ready));
  }

  async function shoot(name: string): Promise<void> {
    for (const s of SIZES) {
      await page.setViewportSize({ width: s.width, height: s.height });
      await page.waitForTimeout(150);
      await page.screenshot({ path: join(SHOTS, `${name}-${s.name}.png`), fullPage: false });
      // Nothing may stick out sideways at either size.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${name} at ${s.name} overflows sideways by ${overflow}px`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  test("library: paste a report and ingest it with the API token", async () => {
    await open("#/");
    assert.ok((await page.locator("table.docs tbody tr").count()) >= 7);
    await shoot("library");
    await page.fill('input[aria-label="API token"]', token);
    await page.click("text=Keep for this tab");
    const text = readFileSync(join(REPORTS_DIR, "01-park-jin-hyok-charged.txt"), "utf8");
    await page.fill("textarea", text);
    await page.fill('input[placeholder^="Published"]', "2018-09-07");
    await page.click("text=Ingest pasted text");
    const link = page.locator("#ingested-link");
    await link.waitFor();
    assert.match((await link.textContent()) ?? "", /U\.S\. charges North Korean programmer/);
    assert.equal(dialogs.length, 0, "the token was set, no prompt");
    assert.equal((await repo.listDocuments()).length, 8);
    assert.equal(await page.locator("table.docs tbody tr").count(), 8, "the new report joins the list");

    await page.fill('input[aria-label="search"]', "Lazarus");
    await page.click("form.search button");
    await page.locator("#search-results li").first().waitFor();
    assert.ok((await page.locator("#search-results mark").count()) > 0);
    await shoot("library-search");
  });

  test("reader: the pasted report with entities highlighted by type, boilerplate dimmed, claims beside", async () => {
    const doc = (await repo.listDocuments()).find((d) => d.title?.startsWith("U.S. charges North Korean"))!;
    await open(`#/doc/${doc.id}`);
    const ents = page.locator("#doc-text .ent");
    assert.ok((await ents.count()) > 10, "many highlighted mentions");
    const types = await page.$$eval("#doc-text .ent", (els) => [
      ...new Set(els.map((e) => e.getAttribute("data-type"))),
    ]);
    for (const t of ["person", "country"])
      assert.ok(types.includes(t), `a ${t} is highlighted (${types.join(", ")})`);
    const park = page.locator('#doc-text a.ent.t-person:has-text("Park Jin Hyok")').first();
    assert.equal(await park.isVisible(), true);
    // Highlight colour differs from plain text.
    const bg = await park.evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(bg, "rgba(0, 0, 0, 0)");
    assert.ok((await page.locator("#doc-text .boiler").count()) > 0, "boilerplate is marked");
    assert.ok((await page.locator(".side li.claim").count()) > 0, "claims in the side panel");
    assert.ok((await page.locator(".side li.claim .speaker a").count()) > 0, "claims link their speaker");
    await shoot("reader");
  });

  test("dossier: a person spelled two ways is one entity with both spellings and their sources", async () => {
    const doc = (await repo.listDocuments()).find((d) => d.title?.startsWith("U.S. charges North Korean"))!;
    await open(`#/doc/${doc.id}`);
    await Promise.all([
      page.waitForFunction(() => location.hash.startsWith("#/entity/")),
      page.locator('#doc-text a.ent.t-person:has-text("Park Jin Hyok")').first().click(),
    ]);
    await page.waitForFunction(() => document.body.dataset.page === "entity");
    assert.equal((await page.locator("h1").textContent())?.startsWith("Park Jin Hyok"), true);
    const aliases = await page.locator("#aliases li strong").allTextContents();
    assert.ok(aliases.includes("Park Jin Hyok"), aliases.join(", "));
    assert.ok(
      aliases.some((a) => /^Pak Jin/.test(a)),
      `another spelling: ${aliases.join(", ")}`,
    );
    assert.ok((await page.locator("#aliases li a").count()) >= 2, "each alias names its document");
    assert.ok((await page.locator(".prop").count()) > 0, "claims grouped by proposition");
    await shoot("dossier");
  });

  test("entities, graph, map and timeline pages render", async () => {
    await open("#/entities");
    assert.ok((await page.locator(".type-grid .card").count()) > 3);
    await shoot("entities");

    await open("#/graph");
    await page.waitForFunction(() => Number(document.getElementById("graph")?.dataset.nodes) > 0);
    assert.ok(Number(await page.locator("#graph").getAttribute("data-edges")) > 0);
    assert.equal(await page.locator("#graph canvas").first().isVisible(), true);
    await shoot("graph");
    // Filter: without people, fewer nodes.
    const n0 = Number(await page.locator("#graph").getAttribute("data-nodes"));
    await page.locator('.filters input[value="person"]').uncheck();
    await page.waitForFunction((n) => Number(document.getElementById("graph")?.dataset.nodes) < n, n0);

    await open("#/map");
    assert.ok((await page.locator("svg.world path.country").count()) > 100, "the world is drawn offline");
    assert.ok((await page.locator("svg.world circle.place").count()) > 0, "places are on the map");
    // North Korea: the gold's located-at claims put actors there.
    await page.locator("ul.place-list button", { hasText: "North Korea" }).first().click();
    await page.locator("#map-detail h2").waitFor();
    assert.ok((await page.locator("#located-here li").count()) > 0, "actors located there by claims");
    await shoot("map");

    await open("#/timeline");
    assert.ok((await page.locator("ol.timeline li").count()) > 0);
    await shoot("timeline");
  });

  test("conflicts: a conflict with both claims, and the ACH matrix", async () => {
    await open("#/conflicts");
    const conflict = page.locator('.conflict[data-kind="polarity"]').first();
    assert.equal(await conflict.isVisible(), true);
    assert.equal(await conflict.locator("li.claim").count(), 2);
    assert.ok((await page.locator("table.ach td.cell-C, table.ach td.cell-I").count()) > 0);
    await shoot("conflicts");
  });

  test("merge review: accept a suggestion, then undo it", async () => {
    const people = await repo.listEntities({ type: "person" });
    const park = people.find((p) => p.name === "Park Jin Hyok")!;
    const other = people.find(
      (p) => p.id !== park.id && p.documents.some((d) => park.documents.includes(d)),
    )!;
    const sid = await suggestMerge(repo, park.id, other.id, "named in the same report");
    const status = async () => (await listSuggestions(repo.db)).find((x) => x.id === sid)?.status;
    await open("#/merges");
    const row = page.locator(`li.merge[data-merge="${sid}"]`);
    assert.equal(await row.getAttribute("class"), "merge merge-open");
    await shoot("merges");
    await row.locator("button.accept").click();
    await page.locator(`li.merge.merge-accepted[data-merge="${sid}"]`).waitFor();
    assert.equal(await status(), "accepted");
    const merged = (await repo.listEntities({ type: "person" })).filter(
      (e) => e.id === park.id || e.id === other.id,
    );
    assert.equal(merged.length, 1, "the store merged them");
    await shoot("merges-accepted");
    await row.locator("button.undo").click();
    await row.locator("button.accept").waitFor();
    assert.equal(await status(), "open");
    const apart = (await repo.listEntities({ type: "person" })).filter(
      (e) => e.id === park.id || e.id === other.id,
    );
    assert.equal(apart.length, 2, "undo took them apart");
  });

  test("a server that wants tokens for reads: the page asks for the token, then shows the library", async () => {
    const locked = await buildApp({ repo, requireTokenForReads: true });
    await locked.listen({ port: 0, host: "127.0.0.1" });
    try {
      const addr = locked.server.address();
      const url = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
      await page.goto(`${url}/#/`);
      await page.waitForFunction(() => Boolean(document.body.dataset.ready));
      assert.match((await page.locator("#app").textContent()) ?? "", /reads need an API token/);
      await page.fill('#app input[aria-label="API token"]', token);
      await page.click("text=Use this API token");
      await page.locator("table.docs tbody tr").first().waitFor();
      assert.ok((await page.locator("table.docs tbody tr").count()) >= 7);
    } finally {
      await locked.close();
    }
  });

  test("safety: script, onerror and javascript: payloads in a report never execute", async () => {
    const payload = [
      "Hostile report <script>window.__pwned = 'script'; alert('script')</script>",
      "<img src=x onerror=\"window.__pwned='onerror';alert(1)\"> and <svg onload=\"window.__pwned='svg'\"></svg>",
      "<a href=\"javascript:window.__pwned='js';alert(2)\">click me</a> said North Korea.",
      '"><iframe srcdoc="<script>parent.__pwned=1</script>"></iframe> <style>body{display:none}</style>',
    ].join("\n\n");
    const res = await app.inject({
      method: "POST",
      url: "/api/documents",
      payload: {
        text: payload,
        title: "<img src=x onerror=alert('title')>",
        source: "javascript:alert('source')",
      },
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(res.statusCode, 201, res.body);
    const id = res.json().id as string;
    await page.evaluate(() => {
      (window as unknown as { __pwned?: string }).__pwned = undefined;
    });
    await open(`#/doc/${id}`);
    await page.waitForTimeout(300);
    const text = (await page.locator("#doc-text").textContent()) ?? "";
    assert.ok(text.includes("<script>window.__pwned"), "the payload is shown as text");
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned), undefined);
    assert.equal(await page.locator("#app script, #app iframe, #app img, #app svg[onload]").count(), 0);
    assert.equal(await page.locator("#app [onerror], #app [onload]").count(), 0);
    const hrefs = await page.$$eval("#app a", (as) => as.map((a) => a.getAttribute("href") ?? ""));
    assert.ok(
      hrefs.every((h) => !/^\s*javascript:/i.test(h)),
      hrefs.join(" "),
    );
    assert.equal(await page.locator("h1").textContent(), "<img src=x onerror=alert('title')>");
    // The library lists it by its hostile title, as text.
    await open("#/");
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned), undefined);
    assert.deepEqual(dialogs, [], "no dialog ever opened");
    assert.deepEqual(pageErrors, [], "no page errors");
    assert.deepEqual(external, [], "nothing was fetched from outside the server (offline)");
    await open(`#/doc/${id}`);
    await shoot("reader-hostile");
  });
});

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { normalizeInput } from "../src/normalize/index.js";
import { bodyRanges, readLayout } from "../src/normalize/layout.js";
import { normalizeText } from "../src/normalize/text.js";
import { SEED_000, SEED_002, SKIP_SHARED } from "./helpers/shared.js";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("text normalization", () => {
  it("applies NFC, LF line ends and single spaces, and is idempotent", () => {
    const raw = "\uFEFFCafe\u0301 \u00A0 bar\r\n\r\n\r\n\tnext  line \u200B";
    const once = normalizeText(raw);
    assert.equal(once, "Café bar\n\nnext line");
    assert.equal(normalizeText(once), once);
  });
});

describe("layout of the seeds", { skip: SKIP_SHARED }, () => {
  it("reads seed 000's title, author, publisher and photo caption", () => {
    const doc = normalizeInput({ source: SEED_000, bytes: readFileSync(SEED_000), published: "2015-01-07" });
    assert.equal(doc.meta.title, "North Korean hackers operating secretly in China, says defector");
    assert.equal(doc.meta.author, "Joseph Fitsanakis");
    assert.equal(doc.meta.publisher, "intelNews.org");
    assert.equal(doc.meta.published, "2015-01-07");
    const caption = doc.boilerplate.find((b) => b.kind === "caption");
    assert.ok(caption, "a caption span");
    assert.equal(doc.text.slice(caption.start, caption.end), "Shenyang railway station");
    assert.deepEqual(doc.extraMeta.captions, ["Shenyang railway station"]);
    const footer = doc.boilerplate.find((b) => b.kind === "footer");
    assert.ok(footer);
    assert.match(doc.text.slice(footer.start, footer.end), /^We welcome informed comments.*publication\.$/);
  });

  it("marks seed 002's FILE caption and credit line as not body, and finds VOA as publisher", () => {
    const doc = normalizeInput({ source: SEED_002, bytes: readFileSync(SEED_002) });
    assert.equal(doc.meta.publisher, "Voice of America");
    assert.equal(doc.meta.author, null);
    const kinds = doc.boilerplate.map((b) => [b.kind, doc.text.slice(b.start, b.end)]);
    assert.deepEqual(kinds, [
      [
        "caption",
        "FILE - An investigator entering the Cyber Terror Response Center of the Korean National Police Agency is reflected on a window in Seoul.",
      ],
      ["credit", "VOA Seoul Producer Youmi Kim contributed to this report."],
    ]);
    const body = bodyRanges(doc.text.length, doc.boilerplate);
    const bodyText = body.map((r) => doc.text.slice(r.start, r.end)).join("");
    assert.ok(!bodyText.includes("FILE -"));
    assert.ok(bodyText.includes("Seo is urging his fellow lawmakers"));
  });
});

describe("layout rules on our own texts", () => {
  it("reads a byline with date and outlet, and a dateline", () => {
    const text =
      "Bank heist traced to hackers\n\nBy Jane Roe | Example Wire | March 10, 2016\n\nDHAKA, March 9, 2016 - Officials said hackers stole money.";
    const layout = readLayout(text);
    assert.equal(layout.meta.title, "Bank heist traced to hackers");
    assert.equal(layout.meta.author, "Jane Roe");
    assert.equal(layout.meta.publisher, "Example Wire");
    assert.equal(layout.meta.published, "2016-03-10");
  });

  it("does not take a body sentence starting with 'By' for a byline", () => {
    const layout = readLayout("Title here\n\nBy the end of the year the group had moved.\n\nMore text.");
    assert.equal(layout.meta.author, null);
  });

  it("finds copyright and newsletter footers and a credit sentence inside a paragraph", () => {
    const text =
      "Title\n\nThe attack hit banks. Reuters reporter Ann Lee contributed to this report.\n\nCopyright 2020 Example Media. All rights reserved.";
    const layout = readLayout(text);
    const spans = layout.boilerplate.map((b) => [b.kind, text.slice(b.start, b.end)]);
    assert.deepEqual(spans, [
      ["credit", "Reuters reporter Ann Lee contributed to this report."],
      ["footer", "Copyright 2020 Example Media. All rights reserved."],
    ]);
    assert.equal(layout.meta.publisher, "Reuters");
  });
});

describe("HTML", () => {
  const page = `<!doctype html><html><head><title>Ignored | Site</title>
    <meta property="og:title" content="Hackers hit central bank">
    <meta name="author" content="Jane Roe">
    <meta property="article:published_time" content="2016-03-10T08:00:00Z">
    <meta property="og:site_name" content="Example News"></head>
    <body><nav>Home | World | Tech</nav><article><h1>Hackers hit central bank</h1>
    <figure><img src="a.jpg"><figcaption>FILE - A branch of the bank in Dhaka.</figcaption></figure>
    <p>Hackers stole <b>$81 million</b> from the central bank, officials said on Monday.</p>
    <p>The attackers used custom malware to send fraudulent transfer requests over the SWIFT network, investigators said.</p>
    <script>document.title = "x"</script></article><footer>Copyright 2016 Example News</footer></body></html>`;

  it("keeps the article, drops navigation and scripts, reads meta tags, marks figure captions", () => {
    const doc = normalizeInput({ source: "page.html", bytes: bytes(page) });
    assert.equal(doc.format, "html");
    assert.deepEqual(doc.meta, {
      title: "Hackers hit central bank",
      author: "Jane Roe",
      publisher: "Example News",
      published: "2016-03-10",
    });
    assert.ok(doc.text.startsWith("Hackers hit central bank"));
    assert.ok(doc.text.includes("Hackers stole $81 million from the central bank"));
    assert.ok(!doc.text.includes("document.title"));
    assert.ok(!doc.text.includes("Home | World"));
    const caption = doc.boilerplate.find((b) => b.kind === "caption");
    assert.ok(caption);
    assert.equal(doc.text.slice(caption.start, caption.end), "FILE - A branch of the bank in Dhaka.");
  });

  it("refuses a page that is only scripts", () => {
    assert.throws(
      () =>
        normalizeInput({
          source: "s.html",
          bytes: bytes("<html><body><script>alert(1)</script></body></html>"),
        }),
      /no readable text in HTML/,
    );
  });
});

describe("bad input", () => {
  it("names each problem", () => {
    assert.throws(() => normalizeInput({ source: "e.txt", bytes: new Uint8Array() }), /empty file/);
    assert.throws(() => normalizeInput({ source: "w.txt", bytes: bytes(" \n\t\n") }), /empty file/);
    assert.throws(
      () => normalizeInput({ source: "b.txt", bytes: new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1]) }),
      /binary file/,
    );
    assert.throws(
      () => normalizeInput({ source: "u.txt", bytes: new Uint8Array([0x61, 0x62, 0xc3, 0x28, 0x61]) }),
      /invalid UTF-8 at byte 2/,
    );
    assert.throws(
      () => normalizeInput({ source: "big.txt", bytes: bytes("x".repeat(2000)), maxBytes: 1000 }),
      /file too large/,
    );
    assert.throws(
      () => normalizeInput({ source: "p.txt", bytes: bytes("ok"), published: "2015-13-01" }),
      /month out of range/,
    );
  });
});

/**
 * HTML to text: @mozilla/readability (over linkedom's DOM) picks the article; a small block walker
 * then writes its text with paragraph breaks, remembering which blocks are figure captions.
 * Meta tags (Open Graph, article:*, citation_*, Dublin Core) give the metadata.
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { InputError } from "./decode.js";
import { normalizeText } from "./text.js";

export interface HtmlArticle {
  /** Normalized text: blocks separated by blank lines. */
  text: string;
  title: string | null;
  author: string | null;
  publisher: string | null;
  published: string | null;
  /** Offsets of figure captions in `text`. */
  captions: { start: number; end: number }[];
  metaTags: Record<string, string>;
}

const BLOCKS = new Set([
  "ADDRESS",
  "ARTICLE",
  "ASIDE",
  "BLOCKQUOTE",
  "DD",
  "DIV",
  "DL",
  "DT",
  "FIGCAPTION",
  "FIGURE",
  "FOOTER",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "HEADER",
  "HR",
  "LI",
  "MAIN",
  "OL",
  "P",
  "PRE",
  "SECTION",
  "TABLE",
  "TD",
  "TH",
  "TR",
  "UL",
]);
const SKIP = new Set([
  "SCRIPT",
  "STYLE",
  "NOSCRIPT",
  "TEMPLATE",
  "IFRAME",
  "OBJECT",
  "EMBED",
  "SVG",
  "CANVAS",
]);

export function htmlToArticle(html: string): HtmlArticle {
  const { document } = parseHTML(html);
  const metaTags = readMetaTags(document);
  // Readability mutates the DOM it reads, so it gets its own parse.
  const article = new Readability(parseHTML(html).document as unknown as Document, {
    charThreshold: 100,
  }).parse();
  if (!article?.content) throw new InputError("no readable text in HTML (only scripts, styles or markup)");

  const blocks: { text: string; caption: boolean }[] = [];
  const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
  walkBlocks(content.body as unknown as Element, blocks, false);

  const title =
    pick(metaTags, ["og:title", "twitter:title", "citation_title", "dc.title"]) ?? article.title ?? null;
  let text = "";
  const captions: { start: number; end: number }[] = [];
  const push = (t: string, caption: boolean) => {
    const block = normalizeText(t);
    if (!block) return;
    if (text) text += "\n\n";
    if (caption) captions.push({ start: text.length, end: text.length + block.length });
    text += block;
  };
  // The headline is part of the report: keep it as the first line unless the article repeats it.
  const cleanTitle = title ? normalizeText(title) : "";
  if (cleanTitle && !blocks[0]?.text.includes(cleanTitle)) push(cleanTitle, false);
  for (const b of blocks) push(b.text, b.caption);
  if (text.replace(cleanTitle, "").trim().length === 0) {
    throw new InputError("no readable text in HTML (only scripts, styles or markup)");
  }
  return {
    text,
    title: cleanTitle || null,
    author:
      pick(metaTags, ["author", "article:author", "citation_author", "dc.creator", "parsely-author"]) ??
      article.byline ??
      null,
    publisher:
      pick(metaTags, ["og:site_name", "publisher", "citation_publisher", "dc.publisher"]) ??
      article.siteName ??
      null,
    published:
      pick(metaTags, ["article:published_time", "citation_publication_date", "dc.date", "date", "pubdate"]) ??
      article.publishedTime ??
      null,
    captions,
    metaTags,
  };
}

function readMetaTags(document: { querySelectorAll(s: string): ArrayLike<Element> }): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const el of Array.from(document.querySelectorAll("meta"))) {
    const key = (
      el.getAttribute("property") ??
      el.getAttribute("name") ??
      el.getAttribute("itemprop") ??
      ""
    ).toLowerCase();
    const value = el.getAttribute("content");
    if (key && value && !(key in tags)) tags[key] = value.trim();
  }
  return tags;
}

function pick(tags: Record<string, string>, keys: string[]): string | undefined {
  for (const k of keys) if (tags[k]) return tags[k];
  return undefined;
}

function walkBlocks(el: Element, out: { text: string; caption: boolean }[], inCaption: boolean): void {
  let inline = "";
  const flush = () => {
    if (inline.trim()) out.push({ text: inline, caption: inCaption });
    inline = "";
  };
  for (const node of Array.from(el.childNodes)) {
    if (node.nodeType === 3) {
      inline += node.textContent ?? "";
      continue;
    }
    if (node.nodeType !== 1) continue;
    const child = node as Element;
    const tag = child.tagName.toUpperCase();
    if (SKIP.has(tag)) continue;
    if (tag === "BR") {
      inline += "\n";
    } else if (BLOCKS.has(tag)) {
      flush();
      walkBlocks(child, out, inCaption || tag === "FIGCAPTION");
    } else {
      inline += inlineText(child);
    }
  }
  flush();
}

function inlineText(el: Element): string {
  let s = "";
  for (const node of Array.from(el.childNodes)) {
    if (node.nodeType === 3) s += node.textContent ?? "";
    else if (node.nodeType === 1) {
      const tag = (node as Element).tagName.toUpperCase();
      if (SKIP.has(tag)) continue;
      s += tag === "BR" ? "\n" : inlineText(node as Element);
    }
  }
  return s;
}

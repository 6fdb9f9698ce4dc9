/**
 * Stage 1, normalize: bytes of a text, Markdown or HTML report in, one normalized text with its
 * metadata and boilerplate spans out. Every later offset refers to this text.
 */
import type { BoilerplateSpan, DocumentMetadata } from "../model/types.js";
import { parsePublished } from "./dates.js";
import { DEFAULT_MAX_BYTES, decodeBytes, InputError } from "./decode.js";
import { htmlToArticle } from "./html.js";
import { readLayout } from "./layout.js";
import { markdownToText, normalizeText } from "./text.js";

export { InputError } from "./decode.js";

export type InputFormat = "text" | "markdown" | "html";

export interface RawInput {
  /** A path, a URL or "-" for stdin. */
  source: string;
  bytes: Uint8Array;
  format?: InputFormat;
  /** Overrides what the document says of itself. */
  published?: string;
  publisher?: string;
  maxBytes?: number;
}

export interface NormalizedDocument {
  source: string;
  format: InputFormat;
  text: string;
  meta: DocumentMetadata;
  boilerplate: BoilerplateSpan[];
  extraMeta: { captions?: string[]; metaTags?: Record<string, string> };
}

export function formatOf(source: string, head: string): InputFormat {
  if (/\.html?$/i.test(source) || /^\s*(?:<!doctype html|<html[\s>])/i.test(head)) return "html";
  if (/\.(?:md|markdown)$/i.test(source)) return "markdown";
  return "text";
}

export function normalizeInput(input: RawInput): NormalizedDocument {
  const raw = decodeBytes(input.bytes, input.maxBytes ?? DEFAULT_MAX_BYTES);
  const format = input.format ?? formatOf(input.source, raw.slice(0, 512));
  let text: string;
  let meta: DocumentMetadata;
  let boilerplate: BoilerplateSpan[];
  const extraMeta: NormalizedDocument["extraMeta"] = {};

  if (format === "html") {
    const article = htmlToArticle(raw);
    text = article.text;
    const layout = readLayout(text);
    const published = article.published ? safePublished(article.published) : null;
    meta = {
      title: article.title ?? layout.meta.title,
      author: article.author ?? layout.meta.author,
      publisher: article.publisher ?? layout.meta.publisher,
      published: published ?? layout.meta.published,
    };
    boilerplate = [
      ...article.captions.map((c) => ({ kind: "caption" as const, ...c })),
      ...layout.boilerplate,
    ];
    extraMeta.metaTags = article.metaTags;
    extraMeta.captions = [...article.captions.map((c) => text.slice(c.start, c.end)), ...layout.captions];
  } else {
    text = normalizeText(format === "markdown" ? markdownToText(raw) : raw);
    if (!text) throw new InputError("empty file (no text after normalization)");
    const layout = readLayout(text);
    meta = layout.meta;
    boilerplate = layout.boilerplate;
    if (layout.captions.length > 0) extraMeta.captions = layout.captions;
  }

  if (input.published) meta.published = parsePublished(input.published);
  if (input.publisher) meta.publisher = input.publisher;
  return { source: input.source, format, text, meta, boilerplate: dedupe(boilerplate), extraMeta };
}

function safePublished(value: string): string | null {
  try {
    return parsePublished(value, "published meta tag");
  } catch {
    return null;
  }
}

function dedupe(spans: BoilerplateSpan[]): BoilerplateSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: BoilerplateSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start >= last.start && s.end <= last.end) continue;
    out.push(s);
  }
  return out;
}

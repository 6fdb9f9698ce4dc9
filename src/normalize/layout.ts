/**
 * Reads the layout of a report's normalized text: headline, byline, dateline, photo captions,
 * comment-policy and copyright footers, and "contributed to this report" credit lines.
 *
 * Hand-written: these conventions belong to news and threat-report writing, and no library reads them
 * from plain text. The text is never changed; what is not article body is marked with spans, so that
 * extraction skips it while offsets stay those of the stored text.
 */
import type { BoilerplateSpan, DocumentMetadata, Range } from "../model/types.js";
import { findDate } from "./dates.js";
import { OUTLETS } from "./outlets.js";

export interface Layout {
  meta: DocumentMetadata;
  boilerplate: BoilerplateSpan[];
  /** A photo caption glued to the byline, and other captions, as text. */
  captions: string[];
}

interface Line extends Range {
  text: string;
}

// "By JOSEPH FITSANAKIS | intelNews.org", "By Jane Roe, Example News", "By Jane Roe and John Doe".
// The caption that page scrapes glue in front of it ("Shenyang railway stationBy ...") is group 1.
const BYLINE_RE =
  /^(.*?)(?:^|(?<=[\p{Ll}.\s]))By:?\s+((?:\p{Lu}[\p{L}.'’-]*)(?:\s+(?:and\s+|&\s+)?(?:\p{Lu}[\p{L}.'’-]*|van|de|von|bin)){0,5})\s*(?:(?:[|,–—-]|\s{1,3}for\s)\s*(.+))?$/u;

const CAPTION_RE =
  /^(?:(?:Figure|Fig\.|Image|Photo) \d+[:.]|FILE(?: PHOTO)?\s*[-–—:]|PHOTO\s*[-–—:]|Photo:|Image:|Caption:|Pictured:|\(?(?:AP|Reuters|AFP|Getty) Photo)|\((?:AP|AFP|Reuters|Getty Images|File) Photo[^)]*\)$|\bPhoto(?:graph)?:? (?:by|courtesy)|\((?:[\p{Lu}][\p{L}.]*\s)?(?:photo|photograph|image)\b[^)]*\)$/iu;

const FOOTER_RE =
  /\b(?:We welcome (?:informed |your )?comments|Comments? (?:attacking|that|policy|on this (?:story|article))|comment policy|community guidelines|will not be approved for publication|All rights reserved|Copyright ©?\s*\d{4}|©\s*\d{4}|Sign up\b|Subscribe to (?:our|the)|newsletters?|unsubscribe|You are receiving|Follow us on|Related (?:articles|stories|coverage)\s*:|This (?:article|story|report) (?:was )?(?:originally |first )?(?:appeared|published)|Republished (?:from|with permission)|Share this (?:article|story)|Distributed by|Fictional example|may not be (?:reproduced|republished))\b/i;

const CREDIT_RE =
  /\b(?:contributed (?:reporting )?to this (?:report|article|story)|Additional reporting by|(?:Reporting|Writing|Editing) by)\b/i;

const DATELINE_CITY_RE = /^\p{Lu}[\p{Lu} ./'-]{1,40},\s*(.+)$/u;
const OUTLET_DATE_RE = /^([^|]{2,60}?)\s*[|•·]\s*([^|]+)$/;
const DATELINE_LABEL_RE = /^(?:Published|Posted|Updated|Date|Dated)\s*(?:on)?\s*:?\s*(.+)$/i;

export function readLayout(text: string): Layout {
  const lines = splitLines(text);
  const boilerplate: BoilerplateSpan[] = [];
  const captions: string[] = [];
  const meta: DocumentMetadata = { title: null, author: null, publisher: null, published: null };

  const first = lines[0];
  // A headline is a short first line without a closing full stop, followed by a paragraph break.
  if (first && first.text.length <= 200 && !/[.:;]$/.test(first.text) && lines.length > 1) {
    meta.title = first.text;
  }

  // Byline and dateline sit within the first few lines after the headline.
  for (const line of lines.slice(meta.title ? 1 : 0, 6)) {
    const by = meta.author ? null : BYLINE_RE.exec(line.text);
    if (by?.[2] && isName(by[2])) {
      const caption = (by[1] ?? "").trim();
      const bylineStart = line.start + (by[1]?.length ?? 0);
      if (caption) {
        boilerplate.push({ kind: "caption", start: line.start, end: line.start + caption.length });
        captions.push(caption);
      }
      boilerplate.push({ kind: "byline", start: bylineStart, end: line.end });
      meta.author = titleCaseIfShouting(by[2].trim());
      for (const part of (by[3] ?? "").split(/\s*[|•·]\s*/)) {
        const p = part.trim();
        if (!p) continue;
        const date = findDate(p);
        if (date) meta.published ??= date;
        else meta.publisher ??= p.replace(/[,.;]$/, "");
      }
      continue;
    }
    if (line.text.length <= 80) {
      const label = DATELINE_LABEL_RE.exec(line.text);
      const city = DATELINE_CITY_RE.exec(line.text);
      const outlet = OUTLET_DATE_RE.exec(line.text);
      const date = findDate(label ? label[1]! : line.text);
      // A line that is only a date ("Published: <date>", "WASHINGTON, Sept. 7, 2018",
      // "Lakeshore Daily Post | October 20, 2020") is a dateline, not body.
      if (date && outlet && isMostlyDate(outlet[2]!) && !findDate(outlet[1]!)) {
        // The outlet on the dateline is the one that published this copy; a byline may name the wire.
        meta.published ??= date;
        meta.publisher = outlet[1]!.trim();
        boilerplate.push({ kind: "byline", start: line.start, end: line.end });
      } else if (date && (label || isMostlyDate(line.text) || (city && isMostlyDate(city[1]!)))) {
        meta.published ??= date;
        boilerplate.push({ kind: "byline", start: line.start, end: line.end });
      }
    }
  }

  // "SEOUL, Nov. 5, 2013 (Reuters) - ..." at the head of the first body paragraph.
  if (!meta.published) {
    for (const line of lines.slice(1, 8)) {
      const head =
        /^[\p{Lu}][\p{Lu}\p{L} .'-]{1,30},\s+([^-–—(]{4,30}?\d{4})\s*(?:\(([^)]+)\))?\s*[-–—]/u.exec(
          line.text,
        );
      if (head) {
        meta.published = findDate(head[1]!) ?? meta.published;
        if (head[2] && !meta.publisher) meta.publisher = OUTLETS[head[2]] ?? head[2];
        break;
      }
    }
  }

  for (const line of lines) {
    if (overlaps(boilerplate, line)) continue;
    if (CAPTION_RE.test(line.text)) {
      boilerplate.push({ kind: "caption", start: line.start, end: line.end });
      captions.push(line.text);
    } else if (FOOTER_RE.test(line.text) && !isLongBodyParagraph(line.text)) {
      boilerplate.push({ kind: "footer", start: line.start, end: line.end });
    } else if (CREDIT_RE.test(line.text)) {
      const sentence = sentenceAround(text, line, CREDIT_RE);
      boilerplate.push({ kind: "credit", ...sentence });
      const credit = text.slice(sentence.start, sentence.end);
      const outlet = /^(\p{Lu}[\p{L}]+)\b/u.exec(credit)?.[1];
      if (outlet && OUTLETS[outlet] && !meta.publisher) meta.publisher = OUTLETS[outlet];
    }
  }

  boilerplate.sort((a, b) => a.start - b.start);
  return { meta, boilerplate, captions };
}

/** The complement of the boilerplate spans: where article body is. */
export function bodyRanges(textLength: number, boilerplate: Range[]): Range[] {
  const out: Range[] = [];
  let at = 0;
  for (const b of [...boilerplate].sort((x, y) => x.start - y.start)) {
    if (b.start > at) out.push({ start: at, end: b.start });
    at = Math.max(at, b.end);
  }
  if (at < textLength) out.push({ start: at, end: textLength });
  return out;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const part of text.split("\n")) {
    if (part.trim()) lines.push({ start, end: start + part.length, text: part });
    start += part.length + 1;
  }
  return lines;
}

function isName(s: string): boolean {
  const words = s.trim().split(/\s+/);
  return words.length >= 2 && words.length <= 8 && !/^(?:The|This|That|These)$/.test(words[0]!);
}

function titleCaseIfShouting(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name
    .toLowerCase()
    .replace(/(^|[\s'’-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}

function isMostlyDate(line: string): boolean {
  const rest = line.replace(/\b(?:\d{1,4}|[A-Z][a-z]{2,8}\.?|at|on|UTC|GMT|am|pm|[:,.])\b/g, "").trim();
  return rest.replace(/[\s,.:|–—-]/g, "").length <= 3;
}

/** Footer phrases also occur in real paragraphs ("the newsletter said ..."): only short paragraphs count. */
function isLongBodyParagraph(line: string): boolean {
  return line.length > 400;
}

function overlaps(spans: Range[], r: Range): boolean {
  return spans.some((s) => s.start < r.end && r.start < s.end);
}

/** The sentence of `line` that matches `re`: credit lines often end a paragraph of body text. */
function sentenceAround(text: string, line: Line, re: RegExp): Range {
  const m = re.exec(line.text);
  if (!m) return line;
  const at = line.start + m.index;
  let start = line.start;
  for (let i = at - 1; i > line.start; i--) {
    if (/[.!?]/.test(text[i]!) && text[i + 1] === " ") {
      start = i + 2;
      break;
    }
  }
  let end = line.end;
  const stop = text.slice(at, line.end).search(/[.!?](?:\s|$)/);
  if (stop >= 0) end = at + stop + 1;
  return { start, end };
}

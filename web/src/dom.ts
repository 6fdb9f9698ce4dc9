/**
 * Safe DOM building. Report text is untrusted: it is only ever put into the page as text nodes
 * (textContent), never parsed as HTML. The one place that builds HTML (`sanitizedHtml`) passes it
 * through DOMPurify first, and links to anything but our own pages must be http(s).
 */
import DOMPurify from "dompurify";

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | ((ev: Event) => void)>;

/** h("a", {href: "#/x", class: "k"}, "text", child): an element with attributes and text children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === "function") {
      el.addEventListener(k.replace(/^on/, ""), v);
    } else if (k === "href") {
      el.setAttribute("href", safeUrl(String(v)));
    } else if (/^on/i.test(k)) {
    } else {
      el.setAttribute(k, v === true ? "" : String(v));
    }
  }
  append(el, ...children);
  return el;
}

export function append(el: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  }
}

/** Our own hash routes and http(s) URLs pass; javascript:, data: and the rest become "#". */
export function safeUrl(url: string): string {
  const u = url.trim();
  if (u.startsWith("#/") || u === "#") return u;
  try {
    const parsed = new URL(u);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") return parsed.href;
  } catch {
    // not a URL: fall through
  }
  return "#";
}

/**
 * A second line of defence after rendering: DOMPurify walks the finished container in place and
 * removes anything executable that might have got in (script elements, on* attributes, javascript:
 * URLs). Listeners added with addEventListener are not attributes and stay.
 */
export function purify(el: Element): void {
  DOMPurify.sanitize(el, { IN_PLACE: true });
}

/** HTML that must be rendered as HTML, sanitized: no script, no handlers, no javascript: URLs. */
export function sanitizedHtml(html: string): DocumentFragment {
  return DOMPurify.sanitize(html, { RETURN_DOM_FRAGMENT: true, FORBID_TAGS: ["style", "form", "input"] });
}

/** Highlights the query's words in a sentence, as <mark> built from text nodes. */
export function highlightWords(sentence: string, query: string): DocumentFragment {
  const frag = document.createDocumentFragment();
  const words = (query.match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => w.toLowerCase());
  if (words.length === 0) {
    frag.append(sentence);
    return frag;
  }
  const re = new RegExp(`(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`, "giu");
  let last = 0;
  for (const m of sentence.matchAll(re)) {
    const i = m.index ?? 0;
    if (i > last) frag.append(sentence.slice(last, i));
    frag.append(h("mark", {}, m[0]));
    last = i + m[0].length;
  }
  if (last < sentence.length) frag.append(sentence.slice(last));
  return frag;
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

export function note(text: string, kind: "info" | "empty" | "error" = "info"): HTMLElement {
  return h("p", { class: `note note-${kind}`, role: kind === "error" ? "alert" : null }, text);
}

export const TYPE_LABELS: Record<string, string> = {
  person: "Person",
  organization: "Organization",
  "threat-actor": "Threat actor",
  country: "Country",
  location: "Location",
  sector: "Sector",
  malware: "Malware",
  tool: "Tool",
  vulnerability: "Vulnerability",
  campaign: "Campaign",
  "attack-pattern": "Attack pattern",
  indicator: "Indicator",
  date: "Date",
  quantity: "Quantity",
  money: "Money",
};

export function typeBadge(type: string): HTMLElement {
  return h("span", { class: `badge t-${type.replace(/[^a-z-]/g, "")}` }, TYPE_LABELS[type] ?? type);
}

/** Small pieces the pages share: headings, entity links, claim rows and the "not yet" notes. */
import type { Claim, EntityRef } from "../api.js";
import { h, note, typeBadge } from "../dom.js";

export function title(text: string, sub?: string | null): HTMLElement {
  return h("header", { class: "page-head" }, h("h1", {}, text), sub ? h("p", { class: "sub" }, sub) : null);
}

export function entityLink(e: { id: string; name: string; type?: string } | null | undefined): Node {
  if (!e) return document.createTextNode("—");
  return h(
    "a",
    { href: `#/entity/${encodeURIComponent(e.id)}`, class: `elink${e.type ? ` t-${e.type}` : ""}` },
    e.name,
  );
}

export function docLink(d: { id: string; title: string | null; source?: string }): HTMLElement {
  return h("a", { href: `#/doc/${encodeURIComponent(d.id)}` }, d.title ?? d.source ?? d.id);
}

/** One claim: subject predicate object/value, with speaker, hedge and polarity marked. */
export function claimItem(c: Claim, opts: { showDoc?: boolean } = {}): HTMLElement {
  const obj = c.object ? entityLink(c.object) : h("span", { class: "value" }, c.value?.text ?? "—");
  return h(
    "li",
    {
      class: `claim${c.polarity === "negative" ? " neg" : ""}${c.hedged ? " hedged" : ""}`,
      "data-claim": c.id,
    },
    h(
      "div",
      { class: "claim-line" },
      entityLink(c.subject),
      h("span", { class: "pred" }, c.polarity === "negative" ? ` not ${c.predicate} ` : ` ${c.predicate} `),
      obj,
    ),
    h(
      "div",
      { class: "claim-meta" },
      h("span", { class: `pill ${c.polarity === "negative" ? "pill-neg" : "pill-pos"}` }, c.polarity),
      c.hedged ? h("span", { class: "pill pill-hedge" }, "hedged") : null,
      c.when ? h("span", { class: "pill" }, c.when) : null,
      c.grade ? h("span", { class: "pill pill-grade" }, `grade ${c.grade}`) : null,
      h("span", { class: "speaker" }, "speaker: ", c.speaker ? entityLink(c.speaker) : "the document"),
      c.via.length > 0 ? h("span", { class: "via" }, ` via ${c.via.map((v) => v.name).join(" → ")}`) : null,
    ),
    h("blockquote", {}, c.quote),
    opts.showDoc ? h("div", { class: "claim-doc" }, "in ", docLink(c.document)) : null,
  );
}

export function notYet(what: string): HTMLElement {
  return note(
    `No ${what} extracted yet: this store has no ${what} stage. The page will fill in once it is added.`,
    "empty",
  );
}

export function refName(r: EntityRef | null): string {
  return r ? r.name : "—";
}

export { typeBadge };

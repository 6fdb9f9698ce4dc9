/**
 * Reader: a document's stored text with its entity mentions highlighted by type, claims underlined,
 * boilerplate (bylines, captions, footers) dimmed, and a side panel of claims and entities.
 * The text is cut at every span boundary and each piece becomes a text node, so offsets stay exact
 * and nothing in the report is ever parsed as HTML.
 */
import { api, type Claim, type MentionJson, type StoredDocument } from "../api.js";
import { h, note, safeUrl, TYPE_LABELS } from "../dom.js";
import { claimItem, entityLink, notYet, title, typeBadge } from "./util.js";

export async function renderReader(root: HTMLElement, id: string | undefined): Promise<void> {
  if (!id) {
    root.append(note("No document chosen.", "error"));
    return;
  }
  const [doc, claims] = await Promise.all([api.document(id), api.claims({ document: id })]);
  const meta = [doc.author, doc.publisher, doc.published].filter(Boolean).join(" · ");
  root.append(title(doc.title ?? doc.source, meta || null));
  const src = safeUrl(doc.source);
  root.append(
    h(
      "p",
      { class: "doc-source" },
      "Source: ",
      src !== "#"
        ? h("a", { href: src, rel: "noopener noreferrer", target: "_blank" }, doc.source)
        : doc.source,
      ` · id ${doc.id}`,
    ),
  );

  const types = [...new Set(doc.mentions.map((m) => m.type))].sort();
  const legend = h("div", { class: "legend", "aria-label": "entity types" });
  for (const t of types) legend.append(typeBadge(t));
  if (doc.boilerplate.length) legend.append(h("span", { class: "badge boiler-badge" }, "boilerplate"));

  const layout = h("div", { class: "reader" });
  const text = h("article", { class: "doc-text", id: "doc-text" });
  renderText(text, doc, claims.available ? claims.items : []);
  const side = h("aside", { class: "side" });
  layout.append(h("div", { class: "reader-main" }, legend, text), side);
  root.append(layout);

  side.append(h("h2", {}, "Claims"));
  if (!claims.available) side.append(notYet("claims"));
  else if (claims.items.length === 0) side.append(note("No claims found in this document.", "empty"));
  else {
    const ul = h("ul", { class: "claims" });
    for (const c of claims.items) {
      const li = claimItem(c);
      li.addEventListener("click", (ev) => {
        if ((ev.target as Element).closest("a")) return;
        const span = text.querySelector(`[data-claim-start="${c.start}"]`);
        span?.scrollIntoView({ behavior: "smooth", block: "center" });
      });
      ul.append(li);
    }
    side.append(ul);
  }

  side.append(h("h2", {}, "Entities"));
  const seen = new Map<string, { m: MentionJson; n: number }>();
  for (const m of doc.mentions) {
    if (!m.entity) continue;
    const s = seen.get(m.entity.id);
    if (s) s.n++;
    else seen.set(m.entity.id, { m, n: 1 });
  }
  if (seen.size === 0) side.append(note("No entities found in this document.", "empty"));
  const ents = h("ul", { class: "entity-list" });
  for (const { m, n } of [...seen.values()].sort((a, b) => a.m.type.localeCompare(b.m.type) || b.n - a.n)) {
    ents.append(
      h(
        "li",
        {},
        typeBadge(m.type),
        " ",
        entityLink({ ...m.entity!, type: m.type }),
        h("span", { class: "count" }, ` ×${n}`),
      ),
    );
  }
  side.append(ents);
}

interface Layer {
  start: number;
  end: number;
}

function renderText(el: HTMLElement, doc: StoredDocument, claims: Claim[]): void {
  const text = doc.text;
  // Mentions do not overlap after the pipeline's merge; if two ever do, the earlier one wins.
  const mentions: MentionJson[] = [];
  let lastEnd = -1;
  for (const m of [...doc.mentions].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (m.start >= lastEnd && m.end <= text.length && m.start < m.end) {
      mentions.push(m);
      lastEnd = m.end;
    }
  }
  const cuts = new Set<number>([0, text.length]);
  const add = (l: Layer) => {
    cuts.add(Math.max(0, Math.min(text.length, l.start)));
    cuts.add(Math.max(0, Math.min(text.length, l.end)));
  };
  mentions.forEach(add);
  doc.boilerplate.forEach(add);
  claims.forEach(add);
  const points = [...cuts].sort((a, b) => a - b);

  let mi = 0;
  let current: { m: MentionJson; el: HTMLElement } | null = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    while (mi < mentions.length && mentions[mi]!.end <= a) mi++;
    const m = mentions[mi] && mentions[mi]!.start <= a && b <= mentions[mi]!.end ? mentions[mi]! : null;
    const boiler = doc.boilerplate.find((x) => x.start <= a && b <= x.end);
    const claim = claims.find((c) => c.start <= a && b <= c.end);
    let piece: Node = document.createTextNode(text.slice(a, b));
    if (boiler || claim) {
      const cls = [
        boiler ? `boiler boiler-${boiler.kind}` : "",
        claim
          ? `claim-span${claim.polarity === "negative" ? " neg" : ""}${claim.hedged ? " hedged" : ""}`
          : "",
      ]
        .filter(Boolean)
        .join(" ");
      const span = h("span", { class: cls, title: boiler ? `boilerplate: ${boiler.kind}` : null }, piece);
      if (claim && claim.start === a) span.setAttribute("data-claim-start", String(claim.start));
      piece = span;
    }
    if (m) {
      if (!current || current.m !== m) {
        const label = `${TYPE_LABELS[m.type] ?? m.type}${m.entity ? `: ${m.entity.name}` : ""}`;
        const tag: HTMLElement = m.entity
          ? h("a", {
              href: `#/entity/${encodeURIComponent(m.entity.id)}`,
              class: `ent t-${m.type}`,
              title: label,
              "data-type": m.type,
            })
          : h("span", { class: `ent t-${m.type}`, title: label, "data-type": m.type });
        current = { m, el: tag };
        el.append(tag);
      }
      current.el.append(piece);
    } else {
      current = null;
      el.append(piece);
    }
  }
}

/**
 * Conflicts between claims (polarity, numbers, dates, denials), each shown with both claims side by
 * side, and the ACH matrix (hypotheses × evidence). The ACH shape is read leniently: hypotheses and
 * evidence lists with a score per cell; anything else is shown as its JSON text.
 */
import { api, type Claim } from "../api.js";
import { h, note } from "../dom.js";
import { claimItem, notYet, title } from "./util.js";

/** Conflicts shown at once: a store of 100k documents has thousands, each with its two claims. */
const CONFLICTS_SHOWN = 200;

export async function renderAch(root: HTMLElement): Promise<void> {
  const [conflicts, ach] = await Promise.all([api.conflicts({ limit: CONFLICTS_SHOWN }), api.ach()]);
  const total = conflicts.total ?? conflicts.items.length;
  root.append(title("Conflicts & ACH", conflicts.available ? `${total} conflicts` : null));
  // Only the claims of the conflicts shown, in pages the API takes (500 ids at most).
  const ids = [...new Set(conflicts.items.flatMap((c) => c.claims))];
  const byId = new Map<string, Claim>();
  for (let i = 0; i < ids.length; i += 500) {
    const page = await api.claims({ ids: ids.slice(i, i + 500) });
    for (const c of page.items) byId.set(c.id, c);
  }

  const card = h("section", { class: "card", id: "conflicts" }, h("h2", {}, "Conflicts"));
  if (!conflicts.available) card.append(notYet("conflicts"));
  else if (conflicts.items.length === 0) card.append(note("No conflicting claims found.", "empty"));
  else if (total > conflicts.items.length)
    card.append(note(`The first ${conflicts.items.length} of ${total} conflicts (GET /api/conflicts?limit=…&offset=… for the rest).`, "info"));
  for (const c of conflicts.items) {
    const pair = h("ul", { class: "claims pair" });
    for (const id of c.claims) {
      const claim = byId.get(id);
      pair.append(claim ? claimItem(claim, { showDoc: true }) : h("li", { class: "claim" }, `claim ${id}`));
    }
    card.append(
      h(
        "div",
        { class: "conflict", "data-kind": c.kind },
        h("h3", {}, h("span", { class: `pill pill-${c.kind}` }, c.kind), " ", c.explanation),
        pair,
      ),
    );
  }
  root.append(card);

  const achCard = h("section", { class: "card", id: "ach" }, h("h2", {}, "Analysis of competing hypotheses"));
  if (!ach.available) achCard.append(notYet("ACH matrix"));
  else achCard.append(achTable(ach.matrix));
  root.append(achCard);
}

interface AchShape {
  hypotheses: { id: string; label?: string; name?: string; score?: number }[];
  evidence: { id: string; label?: string; quote?: string; text?: string; claim?: string }[];
  cells?: Record<string, Record<string, string | number>>;
}

function isAch(m: unknown): m is AchShape {
  const x = m as AchShape | null;
  return !!x && Array.isArray(x.hypotheses) && Array.isArray(x.evidence);
}

function achTable(matrix: unknown): HTMLElement {
  const list = Array.isArray(matrix) ? matrix : [matrix];
  const wrap = h("div", { class: "ach-wrap" });
  for (const m of list) {
    if (!isAch(m)) {
      wrap.append(h("pre", { class: "json" }, JSON.stringify(m, null, 2)));
      continue;
    }
    const table = h("table", { class: "ach" });
    const head = h("tr", {}, h("th", {}, "Evidence"));
    for (const hy of m.hypotheses) head.append(h("th", {}, hy.label ?? hy.name ?? hy.id));
    table.append(h("thead", {}, head));
    const body = h("tbody");
    for (const ev of m.evidence) {
      const row = h("tr", {}, h("th", { scope: "row" }, ev.label ?? ev.quote ?? ev.text ?? ev.id));
      for (const hy of m.hypotheses) {
        const v = m.cells?.[ev.id]?.[hy.id];
        const s = v === undefined ? "" : String(v);
        row.append(h("td", { class: `cell cell-${s.replace(/[^A-Za-z+-]/g, "")}` }, s));
      }
      body.append(row);
    }
    const foot = h("tr", {}, h("th", {}, "Score"));
    for (const hy of m.hypotheses) foot.append(h("td", {}, hy.score === undefined ? "" : String(hy.score)));
    body.append(foot);
    table.append(body);
    wrap.append(h("div", { class: "table-scroll" }, table));
  }
  return wrap;
}

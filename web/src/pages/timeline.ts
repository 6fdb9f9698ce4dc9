/** Timeline of dated claims; until claims exist, the dates the reports name and the reports' own dates. */
import { api } from "../api.js";
import { h, note } from "../dom.js";
import { claimItem, docLink, notYet, title } from "./util.js";

export async function renderTimeline(root: HTMLElement): Promise<void> {
  const [claims, dates, docs] = await Promise.all([api.claims(), api.entities("date"), api.documents()]);
  const dated = claims.items
    .filter((c) => c.when)
    .sort((a, b) => String(a.when).localeCompare(String(b.when)));
  root.append(title("Timeline", claims.available ? `${dated.length} dated claims` : null));
  const card = h("section", { class: "card" }, h("h2", {}, "Dated claims"));
  if (!claims.available) card.append(notYet("claims"));
  else if (dated.length === 0) card.append(note("No claim carries a date.", "empty"));
  else {
    const ol = h("ol", { class: "timeline big" });
    let year = "";
    for (const c of dated) {
      const y = String(c.when).slice(0, 4);
      if (y !== year) {
        ol.append(h("li", { class: "year" }, y));
        year = y;
      }
      const item = claimItem(c, { showDoc: true });
      if (c.when !== y) item.prepend(h("time", {}, c.when ?? ""));
      ol.append(item);
    }
    card.append(ol);
  }
  root.append(card);

  if (!claims.available || dated.length === 0) {
    // Real data while claims wait: the dates the reports name, each with its reports.
    const byId = new Map(docs.map((d) => [d.id, d]));
    const ol = h("ol", { class: "timeline" });
    const sorted = dates.filter((d) => /^\d{4}/.test(d.name)).sort((a, b) => a.name.localeCompare(b.name));
    for (const d of sorted) {
      const li = h("li", {}, h("time", {}, d.name), ` “${d.aliases.slice(0, 3).join("”, “")}” in `);
      d.documents.forEach((id, i) => {
        if (i > 0) li.append(", ");
        const doc = byId.get(id);
        li.append(doc ? docLink(doc) : id);
      });
      ol.append(li);
    }
    root.append(
      h(
        "section",
        { class: "card" },
        h("h2", {}, "Dates named in the reports"),
        h("p", { class: "sub" }, "Normalized dates found in the text (not yet tied to claims)."),
        sorted.length ? ol : note("No dates found.", "empty"),
      ),
    );
  }
}

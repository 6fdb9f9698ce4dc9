/** Entities: the list by type, and one entity's dossier (aliases, claims, timeline, places, neighbours). */
import { api, type Claim, type EntitySummary } from "../api.js";
import { h, note, TYPE_LABELS } from "../dom.js";
import { drawMap } from "./map.js";
import { claimItem, docLink, entityLink, notYet, title, typeBadge } from "./util.js";

export async function renderEntities(root: HTMLElement, type: string | undefined): Promise<void> {
  const all = await api.entities();
  root.append(title("Entities", `${all.length} entities and values`));
  const byType = new Map<string, EntitySummary[]>();
  for (const e of all) byType.set(e.type, [...(byType.get(e.type) ?? []), e]);
  const filter = h("div", { class: "chips" });
  filter.append(h("a", { href: "#/entities", class: !type ? "chip active" : "chip" }, "All"));
  for (const t of [...byType.keys()].sort()) {
    filter.append(
      h(
        "a",
        { href: `#/entities/${t}`, class: t === type ? "chip active" : "chip" },
        `${TYPE_LABELS[t] ?? t} (${byType.get(t)!.length})`,
      ),
    );
  }
  root.append(filter);
  if (all.length === 0) root.append(note("No entities yet: ingest some reports.", "empty"));
  const grid = h("div", { class: "type-grid" });
  for (const [t, list] of [...byType.entries()].sort()) {
    if (type && t !== type) continue;
    const ul = h("ul", { class: "entity-list" });
    for (const e of [...list].sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name))) {
      ul.append(
        h(
          "li",
          {},
          entityLink(e),
          e.aliases.length
            ? h(
                "span",
                { class: "aliases" },
                ` (${e.aliases.slice(0, 4).join(", ")}${e.aliases.length > 4 ? ", …" : ""})`,
              )
            : null,
          h(
            "span",
            { class: "count" },
            ` ${e.mentions}× · ${e.documents.length} doc${e.documents.length === 1 ? "" : "s"}`,
          ),
        ),
      );
    }
    grid.append(h("section", { class: "card" }, h("h2", {}, typeBadge(t), ` ${list.length}`), ul));
  }
  root.append(grid);
}

export async function renderEntity(root: HTMLElement, id: string | undefined): Promise<void> {
  if (!id) {
    root.append(note("No entity chosen.", "error"));
    return;
  }
  const e = await api.entity(id);
  root.append(
    h(
      "header",
      { class: "page-head" },
      h("h1", {}, e.name, " ", typeBadge(e.type)),
      h(
        "p",
        { class: "sub" },
        `${e.mentions} mention${e.mentions === 1 ? "" : "s"} in ${e.documentCount} document${e.documentCount === 1 ? "" : "s"}`,
      ),
    ),
  );
  const grid = h("div", { class: "dossier-grid" });
  root.append(grid);

  // Aliases with where each came from
  const aliases = h("ul", { class: "aliases-list", id: "aliases" });
  const byAlias = new Map<string, typeof e.aliasSources>();
  for (const a of e.aliasSources) byAlias.set(a.alias, [...(byAlias.get(a.alias) ?? []), a]);
  for (const [alias, sources] of byAlias) {
    const where = h("span", { class: "prov" });
    sources.forEach((s, i) => {
      if (i > 0) where.append(", ");
      where.append(s.document ? docLink(s.document) : s.provenance);
    });
    aliases.append(h("li", {}, h("strong", {}, alias), " — ", where));
  }
  grid.append(
    h(
      "section",
      { class: "card" },
      h("h2", {}, "Aliases"),
      byAlias.size ? aliases : note("No aliases recorded.", "empty"),
    ),
  );

  // Claims grouped by proposition
  const claimsCard = h("section", { class: "card wide" }, h("h2", {}, "Claims"));
  if (!e.claims.available) claimsCard.append(notYet("claims"));
  else if (e.claims.items.length === 0) claimsCard.append(note("No claims about this entity.", "empty"));
  else {
    const total = e.claims.total ?? e.claims.items.length;
    if (total > e.claims.items.length)
      claimsCard.append(note(`The first ${e.claims.items.length} of ${total} claims.`, "info"));
    const groups = new Map<string, Claim[]>();
    for (const c of e.claims.items) {
      const key =
        c.proposition ?? `${c.subject.name} ${c.predicate} ${c.object?.name ?? c.value?.text ?? ""}`;
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    for (const [key, list] of groups) {
      const docs = new Set(list.map((c) => c.document.id));
      const grade = list.find((c) => c.grade)?.grade;
      // Independent sources come from the cross-checker; until then, count distinct speakers and reports.
      const independent = list.find((c) => typeof c.independentSources === "number")?.independentSources;
      const speakers = new Set(list.map((c) => c.speaker?.id ?? `doc:${c.document.id}`));
      const ul = h("ul", { class: "claims" });
      for (const c of list) ul.append(claimItem(c, { showDoc: true }));
      claimsCard.append(
        h(
          "div",
          { class: "prop" },
          h(
            "h3",
            {},
            key,
            grade ? h("span", { class: "pill pill-grade" }, ` grade ${grade}`) : null,
            h(
              "span",
              { class: "count" },
              ` · ${list.length} claim${list.length === 1 ? "" : "s"} in ${docs.size} report${docs.size === 1 ? "" : "s"}, ` +
                (independent !== undefined
                  ? `${independent} independent source${independent === 1 ? "" : "s"}`
                  : `${speakers.size} speaker${speakers.size === 1 ? "" : "s"}`),
            ),
          ),
          ul,
        ),
      );
    }
  }

  // Timeline: dated claims, else the reports that name it by publication date
  const tl = h("ol", { class: "timeline" });
  const dated = e.claims.items
    .filter((c) => c.when)
    .sort((a, b) => String(a.when).localeCompare(String(b.when)));
  if (dated.length) {
    for (const c of dated)
      tl.append(
        h(
          "li",
          {},
          h("time", {}, c.when ?? ""),
          " ",
          `${c.predicate} `,
          c.object ? entityLink(c.object) : (c.value?.text ?? ""),
        ),
      );
  } else {
    for (const d of [...e.documentList].sort((a, b) =>
      String(a.published).localeCompare(String(b.published)),
    )) {
      tl.append(h("li", {}, h("time", {}, d.published ?? "undated"), " reported in ", docLink(d)));
    }
  }
  grid.append(
    h(
      "section",
      { class: "card" },
      h("h2", {}, "Timeline"),
      dated.length
        ? null
        : h(
            "p",
            { class: "sub" },
            e.claims.available
              ? "No dated claims; reports that name it:"
              : "No claims yet; reports that name it:",
          ),
      tl,
    ),
  );

  // Places
  const placesCard = h("section", { class: "card" }, h("h2", {}, "Places"));
  const located = e.places.filter((p) => p.latitude !== null);
  if (e.places.length === 0)
    placesCard.append(
      note(
        e.claims.available
          ? "No located-at claims."
          : "No places yet (located-at claims come with the claims stage).",
        "empty",
      ),
    );
  else {
    placesCard.append(h("div", { class: "map-frame small" }, drawMap(located)));
    const ul = h("ul", { class: "entity-list" });
    for (const p of e.places)
      ul.append(
        h(
          "li",
          {},
          entityLink(p),
          p.latitude !== null
            ? h("span", { class: "count" }, ` ${p.latitude.toFixed(2)}, ${p.longitude?.toFixed(2)}`)
            : null,
        ),
      );
    placesCard.append(ul);
  }
  grid.append(placesCard);

  // Neighbours
  const nb = h("ul", { class: "entity-list" });
  for (const n of e.neighbours.slice(0, 20))
    nb.append(
      h("li", {}, typeBadge(n.type), " ", entityLink(n), h("span", { class: "count" }, ` ${n.shared}`)),
    );
  grid.append(
    h(
      "section",
      { class: "card" },
      h("h2", {}, "Neighbours"),
      h(
        "p",
        { class: "sub" },
        e.claims.available
          ? "Entities in its claims and reports"
          : "Entities named in the same reports (shared reports)",
      ),
      e.neighbours.length ? nb : note("None.", "empty"),
    ),
  );

  grid.append(claimsCard);

  // Documents and mentions
  const docs = h("ul", { class: "doc-list" });
  for (const d of e.documentList) {
    const ms = e.mentionList.filter((m) => m.document.id === d.id);
    docs.append(
      h(
        "li",
        {},
        docLink(d),
        h(
          "span",
          { class: "count" },
          ` ${d.published ?? ""} · ${ms.length}× as ${[...new Set(ms.map((m) => `“${m.text}”`))].join(", ")}`,
        ),
      ),
    );
  }
  const shown =
    e.documentCount > e.documentList.length
      ? h(
          "p",
          { class: "sub" },
          `The first ${e.documentList.length} of ${e.documentCount} documents (GET /api/entities/${e.id}?offset=${e.page.offset + e.page.limit} for more).`,
        )
      : null;
  grid.append(h("section", { class: "card wide" }, h("h2", {}, "Documents"), shown, docs));
}

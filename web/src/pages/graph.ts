/**
 * Graph: entities and their relationships (Cytoscape.js). With claims, an edge is a claim's
 * predicate between subject and object; until there are claims, edges honestly say "named together
 * in N reports". Filters: entity type, time (publication year of the reports) and credibility
 * (hedged/negated claims, grade), the latter only when claims exist.
 */
import cytoscape from "cytoscape";
import { api, type Claim, type DocumentRow, type EntitySummary } from "../api.js";
import { h, note, TYPE_LABELS } from "../dom.js";
import { title } from "./util.js";

const COLORS: Record<string, string> = {
  person: "#2563eb",
  organization: "#0d9488",
  "threat-actor": "#dc2626",
  country: "#7c3aed",
  location: "#a16207",
  sector: "#475569",
  malware: "#db2777",
  tool: "#ea580c",
  vulnerability: "#b91c1c",
  campaign: "#16a34a",
  "attack-pattern": "#0891b2",
  indicator: "#64748b",
};

const VALUE_TYPES = new Set(["date", "quantity", "money"]);

export async function renderGraph(root: HTMLElement): Promise<void> {
  const [entities, claims, docs] = await Promise.all([api.entities(), api.claims(), api.documents()]);
  const nodes = entities.filter((e) => !VALUE_TYPES.has(e.type));
  root.append(
    title(
      "Graph",
      claims.available
        ? `${nodes.length} entities, ${claims.items.length} claims`
        : `${nodes.length} entities; no claims extracted yet, so edges show entities named in the same reports`,
    ),
  );
  const years = docs.map((d) => Number.parseInt(d.published ?? "", 10)).filter((y) => Number.isFinite(y));
  const minYear = years.length ? Math.min(...years) : 2000;
  const maxYear = years.length ? Math.max(...years) : new Date().getFullYear();

  const types = [...new Set(nodes.map((n) => n.type))].sort();
  const typeBoxes = new Map<string, HTMLInputElement>();
  const typeField = h("fieldset", { class: "filters-types" }, h("legend", {}, "Types"));
  for (const t of types) {
    const box = h("input", { type: "checkbox", checked: true, value: t });
    typeBoxes.set(t, box);
    typeField.append(
      h(
        "label",
        { class: "chk" },
        box,
        h("span", { class: "swatch", style: `background:${COLORS[t] ?? "#888"}` }),
        TYPE_LABELS[t] ?? t,
      ),
    );
  }
  const from = h("input", {
    type: "number",
    min: minYear,
    max: maxYear,
    value: minYear,
    "aria-label": "from year",
  });
  const to = h("input", {
    type: "number",
    min: minYear,
    max: maxYear,
    value: maxYear,
    "aria-label": "to year",
  });
  const noHedged = h("input", { type: "checkbox", disabled: !claims.available });
  const noNegative = h("input", { type: "checkbox", disabled: !claims.available });
  const hideLonely = h("input", { type: "checkbox", checked: true });
  const minShared = h("input", {
    type: "number",
    min: 1,
    max: 20,
    value: 1,
    "aria-label": "minimum shared reports",
  });
  const filters = h(
    "form",
    { class: "filters" },
    typeField,
    h("fieldset", {}, h("legend", {}, "Time (report year)"), from, " – ", to),
    h("label", { class: "chk" }, hideLonely, "hide unconnected entities"),
    h(
      "fieldset",
      {},
      h("legend", {}, "Credibility"),
      h("label", { class: "chk" }, noHedged, "hide hedged"),
      h("label", { class: "chk" }, noNegative, "hide negated"),
      claims.available ? null : h("label", {}, "min. shared reports ", minShared),
    ),
  );
  const box = h("div", { class: "graph-box", id: "graph" });
  root.append(h("div", { class: "graph-layout" }, filters, box));
  if (nodes.length === 0) {
    box.append(note("No entities yet: ingest some reports.", "empty"));
    return;
  }

  const cy = cytoscape({
    container: box,
    elements: [],
    style: [
      {
        selector: "node",
        style: {
          "background-color": "data(color)",
          label: "data(label)",
          "font-size": 10,
          color: "#1f2937",
          "text-valign": "bottom",
          "text-margin-y": 3,
          width: "data(size)",
          height: "data(size)",
        },
      },
      {
        selector: "edge",
        style: {
          width: "data(width)",
          "line-color": "data(color)",
          "curve-style": "bezier",
          "target-arrow-shape": "data(arrow)",
          "target-arrow-color": "data(color)",
          label: "data(label)",
          "font-size": 8,
          color: "#6b7280",
          "line-style": "data(line)",
        },
      },
    ],
  } as cytoscape.CytoscapeOptions);
  cy.on("tap", "node", (ev) => {
    location.hash = `#/entity/${encodeURIComponent(ev.target.id())}`;
  });

  const docYear = new Map(docs.map((d: DocumentRow) => [d.id, Number.parseInt(d.published ?? "", 10)]));
  const update = () => {
    const allowed = new Set([...typeBoxes].filter(([, b]) => b.checked).map(([t]) => t));
    const y0 = Number(from.value) || minYear;
    const y1 = Number(to.value) || maxYear;
    const inTime = (docId: string) => {
      const y = docYear.get(docId);
      return y === undefined || !Number.isFinite(y) || (y >= y0 && y <= y1);
    };
    let keep = nodes.filter((n) => allowed.has(n.type) && n.documents.some(inTime));
    const ids = new Set(keep.map((n) => n.id));
    const edges = claims.available
      ? claimEdges(claims.items, ids, inTime, noHedged.checked, noNegative.checked)
      : cooccurrenceEdges(keep, inTime, Number(minShared.value) || 1);
    if (hideLonely.checked) {
      const linked = new Set(edges.flatMap((e) => [String(e.data.source), String(e.data.target)]));
      keep = keep.filter((n) => linked.has(n.id));
    }
    const maxM = Math.max(1, ...keep.map((n) => n.mentions));
    cy.elements().remove();
    cy.add([
      ...keep.map((n) => ({
        data: {
          id: n.id,
          label: n.name.length > 26 ? `${n.name.slice(0, 24)}…` : n.name,
          color: COLORS[n.type] ?? "#888",
          size: 12 + 26 * Math.sqrt(n.mentions / maxM),
        },
      })),
      ...edges,
    ]);
    cy.layout({
      name: "cose",
      animate: false,
      nodeRepulsion: () => 9000,
      idealEdgeLength: () => 90,
    } as cytoscape.LayoutOptions).run();
    box.dataset.nodes = String(keep.length);
    box.dataset.edges = String(edges.length);
  };
  filters.addEventListener("change", update);
  update();
}

function claimEdges(
  claims: Claim[],
  ids: Set<string>,
  inTime: (d: string) => boolean,
  noHedged: boolean,
  noNegative: boolean,
): cytoscape.ElementDefinition[] {
  const out: cytoscape.ElementDefinition[] = [];
  for (const c of claims) {
    if (!c.object || !ids.has(c.subject.id) || !ids.has(c.object.id) || !inTime(c.document.id)) continue;
    if (noHedged && c.hedged) continue;
    if (noNegative && c.polarity === "negative") continue;
    out.push({
      data: {
        id: `c:${c.id}`,
        source: c.subject.id,
        target: c.object.id,
        label: c.predicate,
        width: 1.5,
        color: c.polarity === "negative" ? "#dc2626" : "#64748b",
        arrow: "triangle",
        line: c.hedged ? "dashed" : "solid",
      },
    });
  }
  return out;
}

function cooccurrenceEdges(
  nodes: EntitySummary[],
  inTime: (d: string) => boolean,
  min: number,
): cytoscape.ElementDefinition[] {
  const out: cytoscape.ElementDefinition[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const a = nodes[i]!;
    const da = new Set(a.documents.filter(inTime));
    for (let j = i + 1; j < nodes.length; j++) {
      const b = nodes[j]!;
      const n = b.documents.filter((d) => da.has(d)).length;
      if (n < min) continue;
      out.push({
        data: {
          id: `co:${a.id}:${b.id}`,
          source: a.id,
          target: b.id,
          label: "",
          width: Math.min(6, 0.5 + n),
          color: "#cbd5e1",
          arrow: "none",
          line: "solid",
        },
      });
    }
  }
  return out;
}

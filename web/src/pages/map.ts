/**
 * Map: an offline world map (Natural Earth 1:110m from the world-atlas package, bundled at build time)
 * drawn as SVG with d3-geo, with the store's places and the actors named with them.
 */
import { geoEqualEarth, geoPath } from "d3-geo";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import world from "world-atlas/countries-110m.json";
import { api, type Claim, type EntitySummary, type Place } from "../api.js";
import { h, note } from "../dom.js";
import { entityLink, title, typeBadge } from "./util.js";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 960;
const HEIGHT = 500;

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

let countries: GeoJSON.FeatureCollection | null = null;

function countryShapes(): GeoJSON.FeatureCollection {
  if (!countries) {
    const topo = world as unknown as Topology<{ countries: GeometryCollection }>;
    countries = feature(topo, topo.objects.countries) as unknown as GeoJSON.FeatureCollection;
  }
  return countries;
}

/** Draws the world with dots at the places that have coordinates; returns the SVG element. */
export function drawMap(places: Place[], onPick?: (p: Place) => void): SVGSVGElement {
  const projection = geoEqualEarth().fitSize([WIDTH, HEIGHT], { type: "Sphere" });
  const path = geoPath(projection);
  const root = svg("svg", {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    class: "world",
    role: "img",
    "aria-label": "world map",
  });
  root.append(svg("path", { d: path({ type: "Sphere" }) ?? "", class: "sphere" }));
  const g = svg("g", { class: "countries" });
  const codes = new Set(places.filter((p) => p.type === "country").map((p) => p.name.toLowerCase()));
  for (const f of countryShapes().features) {
    const name = String((f.properties as { name?: string } | null)?.name ?? "");
    const el = svg("path", {
      d: path(f) ?? "",
      class: codes.has(name.toLowerCase()) ? "country named" : "country",
    });
    const t = document.createElementNS(SVG, "title");
    t.textContent = name;
    el.append(t);
    g.append(el);
  }
  root.append(g);
  const max = Math.max(1, ...places.map((p) => p.mentions));
  const labelled: [number, number, number][] = [];
  for (const p of [...places].sort((a, b) => b.mentions - a.mentions)) {
    if (p.latitude === null || p.longitude === null) continue;
    const xy = projection([p.longitude, p.latitude]);
    if (!xy) continue;
    const r = 3 + 7 * Math.sqrt(p.mentions / max);
    const dot = svg("circle", {
      cx: xy[0].toFixed(1),
      cy: xy[1].toFixed(1),
      r: r.toFixed(1),
      class: `place t-${p.type}`,
    });
    const t = document.createElementNS(SVG, "title");
    t.textContent = `${p.name} (${p.type}, ${p.mentions} mention${p.mentions === 1 ? "" : "s"})`;
    dot.append(t);
    if (onPick) dot.addEventListener("click", () => onPick(p));
    root.append(dot);
    // Labels for cities and the most named place, skipping any that would sit on an earlier label.
    const lx = xy[0] + r + 2;
    const clash = labelled.some(
      ([x, y, w]) => Math.abs(y - xy[1]) < 12 && lx < x + w && x < lx + p.name.length * 6.5,
    );
    if ((p.type === "location" || p.mentions === max) && !clash) {
      labelled.push([lx, xy[1], p.name.length * 6.5]);
      const label = svg("text", {
        x: (xy[0] + r + 2).toFixed(1),
        y: (xy[1] + 4).toFixed(1),
        class: "place-label",
      });
      label.textContent = p.name;
      root.append(label);
    }
  }
  return root;
}

export async function renderMap(root: HTMLElement): Promise<void> {
  const [places, entities, claims] = await Promise.all([api.places(), api.entities(), api.claims()]);
  const located = places.filter((p) => p.latitude !== null && p.longitude !== null);
  root.append(title("Map", `${located.length} of ${places.length} places have coordinates`));
  const detail = h("div", { class: "map-detail", id: "map-detail" });
  const show = (p: Place) => {
    detail.replaceChildren(placeDetail(p, entities, claims.available ? claims.items : null));
  };
  const layout = h("div", { class: "map-layout" });
  layout.append(h("div", { class: "map-frame" }, drawMap(located, show)), detail);
  root.append(layout);
  if (places.length === 0) detail.append(note("No places found in the store yet.", "empty"));
  else detail.append(note("Choose a place on the map, or from the list below.", "info"));

  const list = h("ul", { class: "place-list" });
  for (const p of [...places].sort((a, b) => b.mentions - a.mentions)) {
    list.append(
      h(
        "li",
        {},
        h("button", { type: "button", class: "linklike", onclick: () => show(p) }, p.name),
        " ",
        typeBadge(p.type),
        h(
          "span",
          { class: "count" },
          ` ${p.mentions}× in ${p.documents.length} doc${p.documents.length === 1 ? "" : "s"}`,
        ),
      ),
    );
  }
  root.append(h("section", { class: "card" }, h("h2", {}, "Places"), list));
}

/**
 * A place, the actors claims locate there (located-at), and the actors named in the same reports.
 * `claims` is null when no claims stage has run.
 */
function placeDetail(p: Place, entities: EntitySummary[], claims: Claim[] | null): HTMLElement {
  const actorTypes = new Set(["threat-actor", "person", "organization", "campaign", "malware"]);
  const located = new Map<string, Claim>();
  for (const c of claims ?? []) {
    if (c.predicate === "located-at" && c.object?.id === p.id && c.polarity === "positive")
      located.set(c.subject.id, c);
  }
  const docs = new Set(p.documents);
  const actors = entities
    .filter((e) => actorTypes.has(e.type) && !located.has(e.id) && e.documents.some((d) => docs.has(d)))
    .sort((a, b) => b.mentions - a.mentions)
    .slice(0, 15);
  const here = h("ul", { class: "entity-list", id: "located-here" });
  for (const c of located.values())
    here.append(
      h(
        "li",
        {},
        typeBadge(c.subject.type),
        " ",
        entityLink(c.subject),
        c.hedged ? h("span", { class: "pill pill-hedge" }, "hedged") : null,
      ),
    );
  const ul = h("ul", { class: "entity-list" });
  for (const a of actors) ul.append(h("li", {}, typeBadge(a.type), " ", entityLink(a)));
  return h(
    "div",
    { class: "card" },
    h("h2", {}, entityLink(p)),
    h(
      "p",
      { class: "sub" },
      p.latitude !== null ? `${p.latitude.toFixed(2)}, ${p.longitude?.toFixed(2)}` : "no coordinates",
      p.countryCode ? ` · ${p.countryCode}` : "",
    ),
    h("h3", {}, "Located here (claims)"),
    claims === null
      ? note("No claims extracted yet.", "empty")
      : located.size
        ? here
        : note("No located-at claims name this place.", "empty"),
    h("h3", {}, "Named in the same reports"),
    actors.length ? ul : note("No actors named in the same reports.", "empty"),
  );
}

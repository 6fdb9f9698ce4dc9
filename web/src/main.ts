/**
 * The workbench: a small hash-routed app in plain TypeScript (no framework: the pages are lists,
 * tables and one text view, and building them with textContent keeps untrusted report text inert).
 */
import "./style.css";
import { ApiError, setToken } from "./api.js";
import { clear, h, note, purify } from "./dom.js";
import { renderAch } from "./pages/conflicts.js";
import { renderEntities, renderEntity } from "./pages/entity.js";
import { renderGraph } from "./pages/graph.js";
import { renderLibrary } from "./pages/library.js";
import { renderMap } from "./pages/map.js";
import { renderMerges } from "./pages/merges.js";
import { renderReader } from "./pages/reader.js";
import { renderTimeline } from "./pages/timeline.js";

type Page = (root: HTMLElement, arg: string | undefined) => Promise<void>;

interface Route {
  path: string;
  label: string | null;
  render: Page;
  /** Pages whose drawing belongs to a library (canvas, SVG) skip the in-place purify pass. */
  noPurify?: boolean;
}

const ROUTES: Route[] = [
  { path: "", label: "Library", render: renderLibrary },
  { path: "doc", label: null, render: renderReader },
  { path: "entities", label: "Entities", render: renderEntities },
  { path: "entity", label: null, render: renderEntity },
  { path: "graph", label: "Graph", render: renderGraph, noPurify: true },
  { path: "map", label: "Map", render: renderMap },
  { path: "timeline", label: "Timeline", render: renderTimeline },
  { path: "conflicts", label: "Conflicts & ACH", render: renderAch },
  { path: "merges", label: "Merge review", render: renderMerges },
];

function parseHash(): { route: Route; arg: string | undefined } {
  const parts = location.hash.replace(/^#\/?/, "").split("/");
  const head = parts[0] ?? "";
  const route = ROUTES.find((r) => r.path === head) ?? ROUTES[0]!;
  const arg = parts[1] ? decodeURIComponent(parts[1]) : undefined;
  return { route, arg };
}

function renderNav(current: Route): void {
  const nav = document.getElementById("nav")!;
  clear(nav);
  const active = current.path === "doc" ? "" : current.path === "entity" ? "entities" : current.path;
  for (const r of ROUTES) {
    if (!r.label) continue;
    nav.append(
      h(
        "a",
        {
          href: `#/${r.path}`,
          class: r.path === active ? "active" : null,
          "aria-current": r.path === active ? "page" : null,
        },
        r.label,
      ),
    );
  }
}

let generation = 0;

async function route(): Promise<void> {
  const { route: r, arg } = parseHash();
  const app = document.getElementById("app")!;
  const mine = ++generation;
  renderNav(r);
  clear(app);
  const page = h("section", { class: `page page-${r.path || "library"}` });
  app.append(page);
  const loading = note("Loading…");
  // The page body is in the document while it renders: graph and map layouts need its real size.
  const fresh = h("div", { class: "page-body" });
  page.append(loading, fresh);
  try {
    await r.render(fresh, arg);
    if (mine !== generation) return;
    loading.remove();
    if (!r.noPurify) purify(page);
    document.body.dataset.page = r.path || "library";
    document.body.dataset.ready = String(mine);
  } catch (err) {
    if (mine !== generation) return;
    clear(page);
    page.append(note(`Could not load this page: ${(err as Error).message}`, "error"));
    if (err instanceof ApiError && err.status === 401) page.append(tokenForm());
    document.body.dataset.ready = String(mine);
  }
}

/** This server wants a token for reads too: ask for it here, keep it for the tab, and try again. */
function tokenForm(): HTMLElement {
  const input = h("input", {
    type: "password",
    placeholder: "dsk_…",
    autocomplete: "off",
    "aria-label": "API token",
  });
  return h(
    "form",
    {
      class: "row card",
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        setToken(input.value || null);
        void route();
      },
    },
    input,
    h("button", { type: "submit" }, "Use this API token"),
  );
}

window.addEventListener("hashchange", () => void route());
void route();

/** Library: the documents, ingest by paste or upload, full-text search, and the API token. */
import { api, getToken, setToken } from "../api.js";
import { clear, h, highlightWords, note } from "../dom.js";
import { docLink, title } from "./util.js";

export async function renderLibrary(root: HTMLElement): Promise<void> {
  const docs = await api.documents();
  root.append(title("Library", `${docs.length} document${docs.length === 1 ? "" : "s"} in the store`));

  const grid = h("div", { class: "library-grid" });
  root.append(grid);
  const left = h("div", { class: "col" });
  const right = h("div", { class: "col" });
  grid.append(left, right);

  // Search
  const results = h("div", { class: "search-results", id: "search-results" });
  const input = h("input", {
    type: "search",
    name: "q",
    placeholder: "Search the reports…",
    "aria-label": "search",
  });
  const form = h(
    "form",
    {
      class: "search",
      role: "search",
      onsubmit: async (ev: Event) => {
        ev.preventDefault();
        clear(results);
        const q = input.value.trim();
        if (!q) return;
        try {
          const hits = await api.search(q);
          if (hits.length === 0) results.append(note(`Nothing found for “${q}”.`, "empty"));
          const ul = h("ul", { class: "hits" });
          for (const hit of hits) {
            ul.append(
              h(
                "li",
                {},
                h(
                  "a",
                  { href: `#/doc/${encodeURIComponent(hit.documentId)}`, class: "hit-title" },
                  hit.title ?? hit.documentId,
                ),
                h("p", { class: "hit-sentence" }, highlightWords(hit.sentence, q)),
              ),
            );
          }
          results.append(ul);
        } catch (err) {
          results.append(note((err as Error).message, "error"));
        }
      },
    },
    input,
    h("button", { type: "submit" }, "Search"),
  );
  left.append(h("section", { class: "card" }, h("h2", {}, "Search"), form, results));

  // Documents
  const list = h("table", { class: "docs" });
  list.append(
    h("thead", {}, h("tr", {}, h("th", {}, "Title"), h("th", {}, "Publisher"), h("th", {}, "Published"))),
  );
  const tbody = h("tbody");
  for (const d of docs) {
    tbody.append(
      h(
        "tr",
        {},
        h("td", { "data-label": "Title" }, docLink(d)),
        h("td", { "data-label": "Publisher" }, d.publisher ?? ""),
        h("td", { "data-label": "Published" }, d.published ?? ""),
      ),
    );
  }
  list.append(tbody);
  left.append(
    h(
      "section",
      { class: "card" },
      h("h2", {}, "Documents"),
      docs.length ? list : note("No documents yet: paste or upload a report.", "empty"),
    ),
  );

  // A new document joins the list at once; the count follows.
  const added = (r: { id: string; title: string | null }, published: string | null) => {
    const sub = root.querySelector(".page-head .sub");
    if (sub) sub.textContent = `${tbody.rows.length + 1} documents in the store`;
    tbody.append(
      h(
        "tr",
        { class: "new" },
        h("td", { "data-label": "Title" }, docLink({ id: r.id, title: r.title, source: r.id })),
        h("td", { "data-label": "Publisher" }, ""),
        h("td", { "data-label": "Published" }, published ?? ""),
      ),
    );
  };
  right.append(tokenCard(), ingestCard(added));
}

function tokenCard(): HTMLElement {
  const status = h("p", { class: "token-status" });
  const show = () => {
    status.textContent = getToken()
      ? "An API token is set for this tab."
      : "No API token: reading works, ingesting and merging need one (dossier token create).";
  };
  show();
  const input = h("input", {
    type: "password",
    name: "token",
    placeholder: "dsk_…",
    autocomplete: "off",
    "aria-label": "API token",
  });
  return h(
    "section",
    { class: "card" },
    h("h2", {}, "API token"),
    status,
    h(
      "form",
      {
        class: "row",
        onsubmit: (ev: Event) => {
          ev.preventDefault();
          setToken(input.value || null);
          input.value = "";
          show();
        },
      },
      input,
      h("button", { type: "submit" }, "Keep for this tab"),
      h(
        "button",
        {
          type: "button",
          class: "secondary",
          onclick: () => {
            setToken(null);
            show();
          },
        },
        "Forget",
      ),
    ),
  );
}

function ingestCard(
  added: (r: { id: string; title: string | null }, published: string | null) => void,
): HTMLElement {
  const out = h("div", { class: "ingest-result", id: "ingest-result" });
  const titleIn = h("input", { type: "text", name: "title", placeholder: "Title (optional)" });
  const published = h("input", {
    type: "text",
    name: "published",
    placeholder: "Published, e.g. 2018-09-07 (optional)",
  });
  const text = h("textarea", { name: "text", rows: 8, placeholder: "Paste a report here…" });
  const file = h("input", {
    type: "file",
    name: "file",
    accept: ".txt,.md,.markdown,.html,.htm,text/plain,text/html,text/markdown",
  });

  const done = (r: { status: string; id: string; title: string | null }) => {
    if (r.status === "ingested") added(r, published.value.trim() || null);
    clear(out);
    out.append(
      h(
        "p",
        { class: "note note-info" },
        r.status === "ingested" ? "Ingested: " : "Already in the store: ",
        h("a", { href: `#/doc/${encodeURIComponent(r.id)}`, id: "ingested-link" }, r.title ?? r.id),
      ),
    );
  };
  const fail = (err: unknown) => {
    clear(out);
    const msg = (err as Error).message;
    out.append(note(msg, "error"));
  };
  const needToken = (): boolean => {
    if (getToken()) return false;
    const t = window.prompt("API token for writes (dossier token create):");
    if (t) setToken(t);
    return !t;
  };

  const pasteForm = h(
    "form",
    {
      class: "ingest",
      onsubmit: async (ev: Event) => {
        ev.preventDefault();
        if (!text.value.trim()) return fail(new Error("Paste some text first."));
        if (needToken()) return fail(new Error("Ingest needs an API token."));
        try {
          done(
            await api.ingestText({
              text: text.value,
              ...(titleIn.value.trim() ? { title: titleIn.value.trim() } : {}),
              ...(published.value.trim() ? { published: published.value.trim() } : {}),
            }),
          );
          text.value = "";
        } catch (err) {
          fail(err);
        }
      },
    },
    titleIn,
    published,
    text,
    h("button", { type: "submit" }, "Ingest pasted text"),
  );
  const uploadForm = h(
    "form",
    {
      class: "ingest row",
      onsubmit: async (ev: Event) => {
        ev.preventDefault();
        const f = file.files?.[0];
        if (!f) return fail(new Error("Choose a file first."));
        if (needToken()) return fail(new Error("Ingest needs an API token."));
        try {
          const bytes = new Uint8Array(await f.arrayBuffer());
          let bin = "";
          for (let i = 0; i < bytes.length; i += 0x8000)
            bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
          done(await api.ingestFile({ filename: f.name, content: btoa(bin), encoding: "base64" }));
        } catch (err) {
          fail(err);
        }
      },
    },
    file,
    h("button", { type: "submit" }, "Upload"),
  );
  return h(
    "section",
    { class: "card" },
    h("h2", {}, "Ingest a report"),
    pasteForm,
    h("h3", {}, "or upload a file"),
    uploadForm,
    out,
  );
}

/** Merge review: entity merge suggestions to accept or reject, and accepted merges to undo. */
import { ApiError, api, type EntityRef, type MergeSuggestion } from "../api.js";
import { clear, h, note } from "../dom.js";
import { entityLink, notYet, title } from "./util.js";

export async function renderMerges(root: HTMLElement): Promise<void> {
  const merges = await api.merges();
  root.append(title("Merge review", merges.available ? `${merges.items.length} suggestions` : null));
  const status = h("div", { id: "merge-status", "aria-live": "polite" });
  root.append(status);
  const card = h("section", { class: "card" });
  root.append(card);
  if (!merges.available) {
    card.append(notYet("merge suggestions"));
    return;
  }
  if (merges.items.length === 0) card.append(note("No merge suggestions.", "empty"));
  const ul = h("ul", { class: "merges" });
  for (const m of merges.items) ul.append(mergeRow(m, status));
  card.append(ul);
}

function sides(m: MergeSuggestion): EntityRef[] {
  if (Array.isArray(m.entities)) return m.entities;
  return [m.a ?? m.left, m.b ?? m.right].filter((x): x is EntityRef => !!x);
}

function mergeRow(m: MergeSuggestion, status: HTMLElement): HTMLElement {
  const li = h("li", { class: `merge merge-${m.status ?? "open"}`, "data-merge": m.id });
  const draw = (s: MergeSuggestion) => {
    clear(li);
    li.className = `merge merge-${s.status ?? "open"}`;
    const ents = h("div", { class: "merge-ents" });
    sides(s).forEach((e, i) => {
      if (i > 0) ents.append(h("span", { class: "eq" }, " = "));
      ents.append(entityLink(e));
    });
    const act = async (fn: () => Promise<{ result: unknown }>, after: (r: unknown) => MergeSuggestion) => {
      clear(status);
      try {
        const r = await fn();
        draw(after(r.result));
      } catch (err) {
        status.append(
          note(
            err instanceof ApiError && err.status === 401
              ? "This needs an API token: set it on the Library page."
              : (err as Error).message,
            "error",
          ),
        );
      }
    };
    const mergeIdOf = (r: unknown) =>
      (r && typeof r === "object" && "mergeId" in r ? String((r as { mergeId: unknown }).mergeId) : null) ??
      s.mergeId ??
      s.id;
    const buttons = h("div", { class: "merge-actions" });
    if (!s.status || s.status === "open" || s.status === "pending" || s.status === "suggested") {
      buttons.append(
        h(
          "button",
          {
            type: "button",
            class: "accept",
            onclick: () =>
              act(
                () => api.acceptMerge(s.id),
                (r) => ({ ...s, status: "accepted", mergeId: mergeIdOf(r), decidedBy: "you" }),
              ),
          },
          "Accept",
        ),
        h(
          "button",
          {
            type: "button",
            class: "secondary reject",
            onclick: () =>
              act(
                () => api.rejectMerge(s.id),
                () => ({ ...s, status: "rejected", decidedBy: "you" }),
              ),
          },
          "Reject",
        ),
      );
    } else if (s.status === "accepted") {
      buttons.append(
        h(
          "button",
          {
            type: "button",
            class: "secondary undo",
            onclick: () =>
              act(
                () => api.undoMerge(String(s.mergeId ?? s.id)),
                () => ({ ...s, status: "open", mergeId: null, decidedBy: null }),
              ),
          },
          "Undo",
        ),
      );
    }
    li.append(
      ents,
      h(
        "div",
        { class: "merge-meta" },
        s.status ? h("span", { class: "pill" }, s.status) : null,
        s.score !== undefined ? h("span", { class: "pill" }, `score ${s.score}`) : null,
        s.reason || s.reasons
          ? h("span", { class: "reason" }, ` ${s.reason ?? s.reasons?.join("; ")}`)
          : null,
        s.decidedBy ? h("span", { class: "count" }, ` · ${s.status} by ${s.decidedBy}`) : null,
      ),
      buttons,
    );
  };
  draw(m);
  return li;
}

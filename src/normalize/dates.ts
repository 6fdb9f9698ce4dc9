/** Publication dates: what users type (--published) and what pages and datelines say, as ISO 8601. */
import * as chrono from "chrono-node";
import { InputError } from "./decode.js";

const ISO_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** "2015-01-07", "2013-11", "2013" stay; "2016-03-10T08:00:00Z" gives "2016-03-10"; "7 Jan 2015" gives "2015-01-07". */
export function parsePublished(value: string, field = "--published"): string {
  const v = value.trim();
  const iso = ISO_RE.exec(v);
  if (iso) {
    const [, y, m, d] = iso;
    if (m && (Number(m) < 1 || Number(m) > 12))
      throw new InputError(`${field}: month out of range in "${value}"`);
    if (d && (Number(d) < 1 || Number(d) > 31))
      throw new InputError(`${field}: day out of range in "${value}"`);
    return [y, m, d].filter(Boolean).join("-");
  }
  const stamp = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}/.exec(v);
  if (stamp) return stamp[1]!;
  const found = findDate(v);
  if (!found) throw new InputError(`${field}: not a date: "${value}" (use YYYY-MM-DD, YYYY-MM or YYYY)`);
  return found;
}

/** An absolute calendar date with a year in `text`, as YYYY-MM-DD (or YYYY-MM when no day is given). */
export function findDate(text: string): string | null {
  for (const r of chrono.strict.parse(text)) {
    const c = r.start;
    if (!c.isCertain("year") || !c.isCertain("month")) continue;
    const y = String(c.get("year")).padStart(4, "0");
    const m = String(c.get("month")).padStart(2, "0");
    return c.isCertain("day") ? `${y}-${m}-${String(c.get("day")).padStart(2, "0")}` : `${y}-${m}`;
  }
  return null;
}

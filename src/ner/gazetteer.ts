/**
 * Gazetteer matching for NER features: which token spans of a document are entries of which lists.
 *
 * Hand-written: the matcher must work on Dossier's own tokens and be fast enough to run on every
 * document the tagger sees; it is a hash map from the lower-cased, space-joined token sequence to a
 * bit set of lists, probed for every span up to the longest entry.
 */

export interface GazetteerList {
  name: string;
  /** When true, the entry may match in lower case ("banks"); otherwise its first token must not be lower case. */
  caseless: boolean;
  entries: string[][];
}

export interface GazetteerHit {
  start: number;
  end: number;
  list: number;
}

const LOWER_START = /^\p{Ll}/u;

export class GazetteerMatcher {
  readonly lists: { name: string; caseless: boolean }[];
  private readonly map = new Map<string, number>();
  private readonly firsts = new Map<string, number>();
  private caselessMask = 0;

  constructor(lists: GazetteerList[]) {
    if (lists.length > 31) throw new Error("at most 31 gazetteer lists");
    this.lists = lists.map((l) => ({ name: l.name, caseless: l.caseless }));
    lists.forEach((l, id) => {
      if (l.caseless) this.caselessMask |= 1 << id;
      for (const e of l.entries) {
        if (e.length === 0 || e.length > 8) continue;
        const key = e.join(" ").toLowerCase();
        this.map.set(key, (this.map.get(key) ?? 0) | (1 << id));
        const f = e[0]!.toLowerCase();
        this.firsts.set(f, Math.max(this.firsts.get(f) ?? 0, e.length));
      }
    });
  }

  /** All hits over `words` within [from, to), longest first at each start. */
  match(words: readonly string[], from: number, to: number, out: GazetteerHit[] = []): GazetteerHit[] {
    for (let i = from; i < to; i++) {
      const first = words[i]!;
      const lowerFirst = first.toLowerCase();
      const maxLen = this.firsts.get(lowerFirst);
      if (maxLen === undefined) continue;
      const lowerStart = LOWER_START.test(first);
      let key = lowerFirst;
      const keys: string[] = [key];
      const stop = Math.min(to, i + maxLen);
      for (let j = i + 1; j < stop; j++) {
        key = `${key} ${words[j]!.toLowerCase()}`;
        keys.push(key);
      }
      for (let k = keys.length - 1; k >= 0; k--) {
        let bits = this.map.get(keys[k]!);
        if (bits === undefined) continue;
        if (lowerStart) bits &= this.caselessMask;
        for (let id = 0; bits !== 0; id++, bits >>>= 1) {
          if (bits & 1) out.push({ start: i, end: i + k + 1, list: id });
        }
      }
    }
    return out;
  }

  /** Serializable form. */
  toJSON(): { lists: { name: string; caseless: boolean }[]; entries: [string, number][] } {
    return { lists: this.lists, entries: [...this.map.entries()] };
  }

  static fromJSON(data: {
    lists: { name: string; caseless: boolean }[];
    entries: [string, number][];
  }): GazetteerMatcher {
    const m = new GazetteerMatcher([]);
    (m as { lists: { name: string; caseless: boolean }[] }).lists = data.lists;
    data.lists.forEach((l, id) => {
      if (l.caseless) m.caselessMask |= 1 << id;
    });
    for (const [key, bits] of data.entries) {
      m.map.set(key, bits);
      const parts = key.split(" ");
      const f = parts[0]!;
      m.firsts.set(f, Math.max(m.firsts.get(f) ?? 0, parts.length));
    }
    return m;
  }
}

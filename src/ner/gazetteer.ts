/**
 * Gazetteer matching for NER features: which token spans of a document are entries of which lists.
 *
 * Hand-written: the matcher must work on Dossier's own tokens and be fast enough to run on every
 * document the tagger sees; it is a trie over lower-cased tokens whose nodes carry the bit set of
 * lists the entry ending there belongs to, walked from every token until no entry continues.
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

/**
 * The lower-cased words of a document, computed once for every matcher that reads it (each
 * tagger has its own gazetteer; lower-casing every token for each was a visible share of tagging).
 */
const lowered = new WeakMap<readonly string[], string[]>();
function lowerWords(words: readonly string[]): string[] {
  let out = lowered.get(words);
  if (!out) {
    out = words.map((w) => w.toLowerCase());
    lowered.set(words, out);
  }
  return out;
}

/** A trie node: the lists of the entry ending here (bit set, 0 = none) and the next tokens. */
interface Node {
  bits: number;
  next: Map<string, Node> | null;
}

export class GazetteerMatcher {
  readonly lists: { name: string; caseless: boolean }[];
  private readonly map = new Map<string, number>();
  private readonly root = new Map<string, Node>();
  private caselessMask = 0;
  private readonly path: Node[] = [];

  constructor(lists: GazetteerList[]) {
    if (lists.length > 31) throw new Error("at most 31 gazetteer lists");
    this.lists = lists.map((l) => ({ name: l.name, caseless: l.caseless }));
    lists.forEach((l, id) => {
      if (l.caseless) this.caselessMask |= 1 << id;
      for (const e of l.entries) {
        if (e.length === 0 || e.length > 8) continue;
        const key = e.join(" ").toLowerCase();
        this.map.set(key, (this.map.get(key) ?? 0) | (1 << id));
      }
    });
    for (const [key, bits] of this.map) this.insert(key, bits);
  }

  private insert(key: string, bits: number): void {
    const parts = key.split(" ");
    let level = this.root;
    let node: Node | undefined;
    for (let k = 0; k < parts.length; k++) {
      node = level.get(parts[k]!);
      if (!node) {
        node = { bits: 0, next: null };
        level.set(parts[k]!, node);
      }
      if (k < parts.length - 1) level = node.next ??= new Map();
    }
    node!.bits = bits;
  }

  /**
   * Per id of a lower-cased form (WordInfo, one generation): the trie node it starts, null for
   * none. An array read instead of hashing the word into the root map (of every list's first
   * words) for every token.
   */
  private rootById: (Node | null | undefined)[] = [];
  private rootGeneration = -1;

  /**
   * All hits over `words` within [from, to), longest first at each start. `lowerIds`, when the
   * caller has them: per token the id of its lower-cased form in WordInfo generation `generation`.
   */
  match(
    words: readonly string[],
    from: number,
    to: number,
    out: GazetteerHit[] = [],
    lowerIds?: Int32Array,
    generation = -1,
  ): GazetteerHit[] {
    const path = this.path;
    const lower = lowerWords(words);
    if (lowerIds && generation !== this.rootGeneration) {
      this.rootById = [];
      this.rootGeneration = generation;
    }
    for (let i = from; i < to; i++) {
      let node: Node | null | undefined;
      if (lowerIds) {
        const id = lowerIds[i]!;
        node = this.rootById[id];
        if (node === undefined) {
          node = this.root.get(lower[i]!) ?? null;
          this.rootById[id] = node;
        }
      } else node = this.root.get(lower[i]!);
      if (!node) continue;
      path.length = 0;
      path.push(node);
      for (let j = i + 1; j < to && node.next !== null; j++) {
        const nx: Node | undefined = node.next.get(lower[j]!);
        if (nx === undefined) break;
        node = nx;
        path.push(node);
      }
      const lowerStart = LOWER_START.test(words[i]!);
      for (let k = path.length - 1; k >= 0; k--) {
        let bits = path[k]!.bits;
        if (bits === 0) continue;
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
      m.insert(key, bits);
    }
    return m;
  }
}

/**
 * STIX 2.1 patterning: build the comparison patterns Dossier's indicators need, and parse a pattern
 * back to check it.
 *
 * Hand-written because the OASIS JSON schemas only say `pattern` is a string (their README lists the
 * pattern grammar among the checks they cannot make) and the reference checker is a Python/ANTLR tool.
 * The parser follows the STIX 2.1 patterning grammar (section 9): observation expressions joined by
 * AND / OR / FOLLOWEDBY with WITHIN / REPEATS / START-STOP qualifiers, comparison expressions joined by
 * AND / OR, the comparison operators, EXISTS, NOT, set literals, and the string, number, boolean,
 * t'', h'' and b'' literals. Keywords are case-insensitive as in the grammar.
 */

export type IndicatorPatternKind = "ipv4" | "ipv6" | "domain" | "url" | "email" | "md5" | "sha1" | "sha256";

/** STIX object type and object path of the comparison each indicator kind becomes. */
export const PATTERN_TARGETS: Record<IndicatorPatternKind, { objectType: string; path: string }> = {
  ipv4: { objectType: "ipv4-addr", path: "value" },
  ipv6: { objectType: "ipv6-addr", path: "value" },
  domain: { objectType: "domain-name", path: "value" },
  url: { objectType: "url", path: "value" },
  email: { objectType: "email-addr", path: "value" },
  md5: { objectType: "file", path: "hashes.MD5" },
  sha1: { objectType: "file", path: "hashes.'SHA-1'" },
  sha256: { objectType: "file", path: "hashes.'SHA-256'" },
};

/** Quote a string as a STIX pattern string literal: only `\` and `'` are escaped. */
export function quotePatternString(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** `[ipv4-addr:value = '1.2.3.4']`, `[file:hashes.'SHA-256' = '…']`, ... */
export function indicatorPattern(kind: IndicatorPatternKind, value: string): string {
  const t = PATTERN_TARGETS[kind];
  return `[${t.objectType}:${t.path} = ${quotePatternString(value)}]`;
}

export type PatternLiteral =
  | { kind: "string"; value: string }
  | { kind: "int" | "float"; value: number }
  | { kind: "bool"; value: boolean }
  | { kind: "timestamp" | "hex" | "binary"; value: string }
  | { kind: "set"; value: PatternLiteral[] };

export interface PatternComparison {
  objectType: string;
  /** Path components after the object type: property names (unquoted) or indices (number, or "*"). */
  path: (string | number)[];
  operator: string;
  negated: boolean;
  /** Absent for EXISTS. */
  literal?: PatternLiteral;
}

export type PatternParse = { ok: true; comparisons: PatternComparison[] } | { ok: false; error: string };

type Tok =
  | { t: "punct"; v: string; at: number }
  | { t: "op"; v: string; at: number }
  | { t: "ident"; v: string; at: number }
  | { t: "str"; v: string; at: number }
  | { t: "num"; v: string; at: number }
  | { t: "plit"; prefix: "t" | "h" | "b"; v: string; at: number }
  | { t: "eof"; at: number };

class PatternError extends Error {}

function readQuoted(src: string, i: number): { value: string; next: number } {
  // src[i] is the opening quote
  let out = "";
  let j = i + 1;
  while (j < src.length) {
    const c = src[j];
    if (c === "\\") {
      const n = src[j + 1];
      if (n !== "\\" && n !== "'") throw new PatternError(`invalid escape \\${n ?? ""} at ${j}`);
      out += n;
      j += 2;
    } else if (c === "'") {
      return { value: out, next: j + 1 };
    } else {
      out += c;
      j++;
    }
  }
  throw new PatternError(`unterminated string starting at ${i}`);
}

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (["==", "!=", "<>", "<=", ">="].includes(two)) {
      toks.push({ t: "op", v: two === "==" ? "=" : two === "<>" ? "!=" : two, at: i });
      i += 2;
      continue;
    }
    if ("=<>".includes(c)) {
      toks.push({ t: "op", v: c, at: i });
      i++;
      continue;
    }
    if ("[]():.,*".includes(c)) {
      toks.push({ t: "punct", v: c, at: i });
      i++;
      continue;
    }
    if (c === "'") {
      const q = readQuoted(src, i);
      toks.push({ t: "str", v: q.value, at: i });
      i = q.next;
      continue;
    }
    const num = /^[-+]?(\d+(\.\d*)?|\.\d+)/.exec(src.slice(i));
    if (num && (c !== "." || toks.at(-1)?.t !== "ident")) {
      toks.push({ t: "num", v: num[0], at: i });
      i += num[0].length;
      continue;
    }
    const id = /^[a-zA-Z_][a-zA-Z0-9_-]*/.exec(src.slice(i));
    if (id) {
      const word = id[0];
      if ((word === "t" || word === "h" || word === "b") && src[i + 1] === "'") {
        const q = readQuoted(src, i + 1);
        toks.push({ t: "plit", prefix: word, v: q.value, at: i });
        i = q.next;
        continue;
      }
      toks.push({ t: "ident", v: word, at: i });
      i += word.length;
      continue;
    }
    throw new PatternError(`unexpected character ${JSON.stringify(c)} at ${i}`);
  }
  toks.push({ t: "eof", at: src.length });
  return toks;
}

const TIMESTAMP_RE =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?Z$/;
const KEYWORDS = new Set([
  "and",
  "or",
  "not",
  "followedby",
  "like",
  "matches",
  "issubset",
  "issuperset",
  "in",
  "exists",
  "within",
  "seconds",
  "repeats",
  "times",
  "start",
  "stop",
]);

class Parser {
  private i = 0;
  readonly comparisons: PatternComparison[] = [];
  constructor(private readonly toks: Tok[]) {}

  private peek(): Tok {
    return this.toks[this.i] as Tok;
  }
  private next(): Tok {
    const t = this.peek();
    if (t.t !== "eof") this.i++;
    return t;
  }
  private isKw(word: string, t: Tok = this.peek()): boolean {
    return t.t === "ident" && t.v.toLowerCase() === word;
  }
  private isPunct(v: string, t: Tok = this.peek()): boolean {
    return t.t === "punct" && t.v === v;
  }
  private expectPunct(v: string): void {
    const t = this.next();
    if (!this.isPunct(v, t)) throw new PatternError(`expected '${v}' at ${t.at}`);
  }
  private expectKw(word: string): void {
    const t = this.next();
    if (!this.isKw(word, t)) throw new PatternError(`expected ${word.toUpperCase()} at ${t.at}`);
  }

  parsePattern(): void {
    this.observationExpressions();
    const t = this.peek();
    if (t.t !== "eof") throw new PatternError(`unexpected input at ${t.at}`);
  }

  // observationExpressions: Or (FOLLOWEDBY Or)*; Or: And (OR And)*; And: Obs (AND Obs)*
  private observationExpressions(): void {
    this.observationOr();
    while (this.isKw("followedby")) {
      this.next();
      this.observationOr();
    }
  }
  private observationOr(): void {
    this.observationAnd();
    while (this.isKw("or")) {
      this.next();
      this.observationAnd();
    }
  }
  private observationAnd(): void {
    this.observation();
    while (this.isKw("and")) {
      this.next();
      this.observation();
    }
  }
  private observation(): void {
    const t = this.next();
    if (this.isPunct("[", t)) {
      this.comparisonOr();
      this.expectPunct("]");
    } else if (this.isPunct("(", t)) {
      this.observationExpressions();
      this.expectPunct(")");
    } else {
      throw new PatternError(`expected '[' or '(' at ${t.at}`);
    }
    this.qualifiers();
  }
  private qualifiers(): void {
    for (;;) {
      if (this.isKw("within")) {
        this.next();
        const n = this.next();
        if (n.t !== "num" || Number(n.v) <= 0)
          throw new PatternError(`WITHIN needs a positive number at ${n.at}`);
        this.expectKw("seconds");
      } else if (this.isKw("repeats")) {
        this.next();
        const n = this.next();
        if (n.t !== "num" || !/^\+?\d+$/.test(n.v) || Number(n.v) <= 0)
          throw new PatternError(`REPEATS needs a positive integer at ${n.at}`);
        this.expectKw("times");
      } else if (this.isKw("start")) {
        this.next();
        this.timestampLiteral();
        this.expectKw("stop");
        this.timestampLiteral();
      } else {
        return;
      }
    }
  }
  private timestampLiteral(): string {
    const t = this.next();
    if (t.t !== "plit" || t.prefix !== "t") throw new PatternError(`expected t'timestamp' at ${t.at}`);
    if (!TIMESTAMP_RE.test(t.v)) throw new PatternError(`bad timestamp literal at ${t.at}`);
    return t.v;
  }

  private comparisonOr(): void {
    this.comparisonAnd();
    while (this.isKw("or")) {
      this.next();
      this.comparisonAnd();
    }
  }
  private comparisonAnd(): void {
    this.propTest();
    while (this.isKw("and")) {
      this.next();
      this.propTest();
    }
  }
  private propTest(): void {
    if (this.isPunct("(")) {
      this.next();
      this.comparisonOr();
      this.expectPunct(")");
      return;
    }
    if (this.isKw("exists")) {
      this.next();
      const { objectType, path } = this.objectPath();
      this.comparisons.push({ objectType, path, operator: "EXISTS", negated: false });
      return;
    }
    const { objectType, path } = this.objectPath();
    let negated = false;
    if (this.isKw("not")) {
      this.next();
      negated = true;
    }
    const opTok = this.next();
    let operator: string;
    let literal: PatternLiteral;
    if (opTok.t === "op") {
      operator = opTok.v;
      literal = this.literal();
      if (operator !== "=" && operator !== "!=" && (literal.kind === "bool" || literal.kind === "set"))
        throw new PatternError(`operator ${operator} cannot compare a ${literal.kind} at ${opTok.at}`);
      if (literal.kind === "set") throw new PatternError(`a set needs IN at ${opTok.at}`);
    } else if (
      opTok.t === "ident" &&
      ["like", "matches", "issubset", "issuperset"].includes(opTok.v.toLowerCase())
    ) {
      operator = opTok.v.toUpperCase();
      const s = this.next();
      if (s.t !== "str") throw new PatternError(`${operator} needs a string at ${s.at}`);
      literal = { kind: "string", value: s.v };
    } else if (this.isKw("in", opTok)) {
      operator = "IN";
      literal = this.setLiteral();
    } else {
      throw new PatternError(`expected a comparison operator at ${opTok.at}`);
    }
    this.comparisons.push({ objectType, path, operator, negated, literal });
  }

  private objectPath(): { objectType: string; path: (string | number)[] } {
    const typeTok = this.next();
    if (typeTok.t !== "ident" || KEYWORDS.has(typeTok.v.toLowerCase()))
      throw new PatternError(`expected an object type at ${typeTok.at}`);
    if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(typeTok.v))
      throw new PatternError(`bad object type ${typeTok.v} at ${typeTok.at}`);
    this.expectPunct(":");
    const path: (string | number)[] = [this.propertyName()];
    for (;;) {
      if (this.isPunct(".")) {
        this.next();
        path.push(this.propertyName());
      } else if (this.isPunct("[")) {
        this.next();
        const t = this.next();
        if (this.isPunct("*", t)) path.push("*");
        else if (t.t === "num" && /^[-+]?\d+$/.test(t.v)) path.push(Number(t.v));
        else throw new PatternError(`expected an index or * at ${t.at}`);
        this.expectPunct("]");
      } else {
        return { objectType: typeTok.v, path };
      }
    }
  }
  private propertyName(): string {
    const t = this.next();
    if (t.t === "str") return t.v;
    if (t.t === "ident" && /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(t.v)) return t.v;
    throw new PatternError(`expected a property name at ${t.at}`);
  }

  private setLiteral(): PatternLiteral {
    this.expectPunct("(");
    const items: PatternLiteral[] = [this.literal()];
    while (this.isPunct(",")) {
      this.next();
      items.push(this.literal());
    }
    this.expectPunct(")");
    return { kind: "set", value: items };
  }
  private literal(): PatternLiteral {
    const t = this.next();
    switch (t.t) {
      case "str":
        return { kind: "string", value: t.v };
      case "num":
        return t.v.includes(".")
          ? { kind: "float", value: Number(t.v) }
          : { kind: "int", value: Number(t.v) };
      case "plit":
        if (t.prefix === "t") {
          if (!TIMESTAMP_RE.test(t.v)) throw new PatternError(`bad timestamp literal at ${t.at}`);
          return { kind: "timestamp", value: t.v };
        }
        if (t.prefix === "h") {
          if (!/^([0-9a-fA-F]{2})*$/.test(t.v)) throw new PatternError(`bad hex literal at ${t.at}`);
          return { kind: "hex", value: t.v };
        }
        if (!/^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(t.v))
          throw new PatternError(`bad binary literal at ${t.at}`);
        return { kind: "binary", value: t.v };
      case "ident": {
        const w = t.v.toLowerCase();
        if (w === "true" || w === "false") return { kind: "bool", value: w === "true" };
        break;
      }
      default:
        break;
    }
    throw new PatternError(`expected a literal at ${t.at}`);
  }
}

/** Parse a STIX 2.1 pattern; on success, list every comparison it makes. */
export function parsePattern(pattern: string): PatternParse {
  try {
    const p = new Parser(tokenize(pattern));
    p.parsePattern();
    return { ok: true, comparisons: p.comparisons };
  } catch (e) {
    if (e instanceof PatternError) return { ok: false, error: e.message };
    throw e;
  }
}

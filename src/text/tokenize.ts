/**
 * Tokens and sentences with character offsets.
 *
 * Hand-written rather than a library: the NER model is trained on CoNLL-2003 tokens, so the runtime
 * tokenizer must split text the way that corpus does (punctuation apart, "'s" and "n't" apart,
 * hyphenated words and numbers such as "1,700" or "2.5" whole), and it must keep exact offsets.
 * Neither compromise nor wink-nlp exposes both.
 */
import type { Range, Sentence, Token } from "../model/types.js";

// One alternative per token class, tried left to right at each position:
// URLs and e-mails (kept whole for the indicator layer), defanged dots, numbers with separators,
// words with inner hyphens/apostrophes/periods (U.S., e-mail), clitics, and any other single character.
const TOKEN_RE = new RegExp(
  [
    String.raw`(?:h(?:tt|xx)ps?|ftp)(?::|\[:\])//(?:\[\.\]|[^\s<>"'()\[\]])*(?:\[\.\]|[^\s<>"'()\[\].,;:!?])`,
    String.raw`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`,
    String.raw`\d+(?:[.,:/]\d+)*(?:st|nd|rd|th|s|m|bn|k)?\b`,
    String.raw`(?:[A-Za-z]\.){2,}`,
    String.raw`[\p{L}\p{M}\p{N}_]+(?:(?:\[\.\]|\(dot\)|[-.'’&])[\p{L}\p{M}\p{N}_]+)*`,
    String.raw`n['’]t`,
    String.raw`\S`,
  ].join("|"),
  "gu",
);

const CLITIC_RE = /(?:['’](?:s|S|re|ve|ll|d|m|D|M|LL|RE|VE)|n['’]t)$/u;

/** Splits `text` into tokens; offsets are into `text`. */
export function tokenize(text: string, offset = 0, end = text.length): Token[] {
  const tokens: Token[] = [];
  TOKEN_RE.lastIndex = offset;
  const slice = end === text.length ? text : text.slice(0, end);
  for (let m = TOKEN_RE.exec(slice); m !== null; m = TOKEN_RE.exec(slice)) {
    const word = m[0];
    const start = m.index;
    // Split a trailing clitic off the word it follows ("Korea's" gives "Korea" + "'s").
    const clitic = word.length > 2 ? CLITIC_RE.exec(word) : null;
    if (clitic && clitic.index > 0) {
      const cut = start + clitic.index;
      tokens.push({ start, end: cut, text: word.slice(0, clitic.index) });
      tokens.push({ start: cut, end: start + word.length, text: clitic[0] });
    } else {
      tokens.push({ start, end: start + word.length, text: word });
    }
  }
  return tokens;
}

// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS = new Set(
  (
    "mr mrs ms dr prof gen col lt sgt capt maj adm gov sen rep st jr sr inc corp ltd co no vs etc " +
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e al fig approx dept est"
  ).split(" "),
);

/**
 * Splits into sentences. A sentence ends at . ! ? (with closing quotes or brackets) followed by
 * whitespace and an upper-case letter, digit or opening quote, unless the period ends a known
 * abbreviation or an initial; and always at a blank line or a line break.
 */
export function splitSentences(text: string, tokens: Token[]): Sentence[] {
  const sentences: Sentence[] = [];
  let first = 0;
  const close = (last: number) => {
    if (last <= first) return;
    const startTok = tokens[first]!;
    const endTok = tokens[last - 1]!;
    sentences.push({ start: startTok.start, end: endTok.end, firstToken: first, lastToken: last });
    first = last;
  };
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const next = tokens[i + 1];
    if (!next) break;
    const gap = text.slice(tok.end, next.start);
    if (gap.includes("\n")) {
      close(i + 1);
      continue;
    }
    if (!/^[.!?…]$/.test(tok.text)) continue;
    // Let closing quotes and brackets join the sentence they end.
    let j = i;
    while (
      tokens[j + 1] &&
      /^["'”’)\]]$/.test(tokens[j + 1]!.text) &&
      tokens[j + 1]!.start === tokens[j]!.end
    )
      j++;
    const after = tokens[j + 1];
    if (!after) break;
    if (after.start === tokens[j]!.end) continue; // "U.S.-based", "3.5"
    if (!/^[\p{Lu}\d"'“‘([]/u.test(after.text)) continue;
    if (tok.text === ".") {
      const prev = tokens[i - 1];
      if (prev && prev.end === tok.start) {
        const w = prev.text.toLowerCase();
        if (ABBREVIATIONS.has(w) || /^\p{Lu}$/u.test(prev.text)) continue;
      }
    }
    close(j + 1);
    i = j;
  }
  close(tokens.length);
  return sentences;
}

/** Tokens whose range lies inside `range`. */
export function tokensIn(tokens: Token[], range: Range): Token[] {
  return tokens.filter((t) => t.start >= range.start && t.end <= range.end);
}

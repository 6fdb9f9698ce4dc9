/**
 * Numbers written in words or digits: "seven", "twenty-five", "1,700", "2.5", "1.2 million".
 *
 * Hand-written: the rule extractors need exact offsets and English number words; the small
 * grammar here ("two hundred and fifty thousand") is simpler to own than to adapt a library to.
 */

const SMALL: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

/** Scale words and their abbreviations, lower-case. */
export const SCALE: Record<string, number> = {
  hundred: 100,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
  k: 1e3,
  m: 1e6,
  mn: 1e6,
  mln: 1e6,
  b: 1e9,
  bn: 1e9,
  tn: 1e12,
  trn: 1e12,
};

const WORD_ALT = [...Object.keys(SMALL), "hundred", "thousand", "million", "billion", "trillion", "dozen"]
  .sort((a, b) => b.length - a.length)
  .join("|");

/** Source of a regex matching a run of number words ("two hundred and fifty", "twenty-five"). */
export const NUMBER_WORDS_SOURCE = String.raw`(?:${WORD_ALT})(?:(?:[ \t]+and[ \t]+|[ \t]+|-)(?:${WORD_ALT}))*`;

const WORD_RUN_RE = new RegExp(`^${NUMBER_WORDS_SOURCE}$`, "i");

/** Value of a run of English number words, or null when it is not one. */
export function parseNumberWords(phrase: string): number | null {
  if (!WORD_RUN_RE.test(phrase)) return null;
  const words = phrase
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((w) => w !== "and");
  let total = 0;
  let current = 0;
  let seen = false;
  for (const w of words) {
    const small = SMALL[w];
    if (small !== undefined) {
      current += small;
      seen = true;
    } else if (w === "hundred") {
      current = (seen ? current : 1) * 100;
      seen = true;
    } else if (w === "dozen") {
      current = (seen ? current : 1) * 12;
      seen = true;
    } else {
      const scale = SCALE[w];
      if (scale === undefined) return null;
      total += (seen ? current : 1) * scale;
      current = 0;
      seen = false;
    }
  }
  return total + current;
}

/** Value of a digit string: "1,700", "2.5", "1700". Rejects malformed grouping ("1,70"). */
export function parseDigits(s: string): number | null {
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s)) return Number(s.replace(/,/g, ""));
  if (/^\d+(?:\.\d+)?$/.test(s)) return Number(s);
  return null;
}

/**
 * Country context for resolution: which countries (ISO 3166-1 alpha-2) a name, description or context
 * string points at, by country name ("South Korea's National Intelligence Service"), demonym ("North
 * Korean leader") or capital used as metonym ("Seoul's spy agency").
 *
 * Country names come from i18n-iso-countries (English, all variants). Demonyms and capitals are a small
 * hand-made table: the library has neither, and resolution only needs the countries that state cyber
 * reporting names often. Unknown words give no country, which the scorer treats as "no evidence".
 */
import countries from "i18n-iso-countries";

/** Demonyms and capitals (lowercase) to ISO alpha-2. Longest entries are tried first. */
const EXTRA: Record<string, string> = {
  "north korean": "KP",
  "north koreans": "KP",
  "north korea": "KP",
  dprk: "KP",
  pyongyang: "KP",
  "democratic people's republic of korea": "KP",
  "south korean": "KR",
  "south koreans": "KR",
  "south korea": "KR",
  rok: "KR",
  seoul: "KR",
  "republic of korea": "KR",
  chinese: "CN",
  beijing: "CN",
  prc: "CN",
  russian: "RU",
  russians: "RU",
  moscow: "RU",
  kremlin: "RU",
  iranian: "IR",
  iranians: "IR",
  tehran: "IR",
  american: "US",
  americans: "US",
  washington: "US",
  "u.s.": "US",
  usa: "US",
  us: "US",
  japanese: "JP",
  tokyo: "JP",
  british: "GB",
  london: "GB",
  uk: "GB",
  "u.k.": "GB",
  german: "DE",
  berlin: "DE",
  french: "FR",
  paris: "FR",
  israeli: "IL",
  indian: "IN",
  "new delhi": "IN",
  pakistani: "PK",
  islamabad: "PK",
  vietnamese: "VN",
  hanoi: "VN",
  ukrainian: "UA",
  kyiv: "UA",
  kiev: "UA",
  belarusian: "BY",
  minsk: "BY",
  australian: "AU",
  canberra: "AU",
  canadian: "CA",
  ottawa: "CA",
  chilean: "CL",
  taiwanese: "TW",
  taipei: "TW",
  indonesian: "ID",
  jakarta: "ID",
  turkish: "TR",
  ankara: "TR",
  "new zealand": "NZ",
  "new zealand's": "NZ",
  syrian: "SY",
  lebanese: "LB",
  palestinian: "PS",
};

/** More demonyms (adjectives of nationality), lowercase, to alpha-2. */
const MORE_DEMONYMS: Record<string, string> = {
  dutch: "NL",
  swiss: "CH",
  italian: "IT",
  spanish: "ES",
  polish: "PL",
  swedish: "SE",
  norwegian: "NO",
  finnish: "FI",
  danish: "DK",
  belgian: "BE",
  irish: "IE",
  saudi: "SA",
  emirati: "AE",
  egyptian: "EG",
  brazilian: "BR",
  mexican: "MX",
  nigerian: "NG",
  "south african": "ZA",
  singaporean: "SG",
  malaysian: "MY",
  thai: "TH",
  filipino: "PH",
  bangladeshi: "BD",
  czech: "CZ",
  estonian: "EE",
  latvian: "LV",
  lithuanian: "LT",
  georgian: "GE",
  armenian: "AM",
  azerbaijani: "AZ",
  kazakh: "KZ",
  uzbek: "UZ",
  austrian: "AT",
  greek: "GR",
  romanian: "RO",
  hungarian: "HU",
  bulgarian: "BG",
  serbian: "RS",
  croatian: "HR",
  moldovan: "MD",
  qatari: "QA",
  kuwaiti: "KW",
  iraqi: "IQ",
  jordanian: "JO",
  afghan: "AF",
  "sri lankan": "LK",
  nepali: "NP",
  cambodian: "KH",
  mongolian: "MN",
  argentine: "AR",
  argentinian: "AR",
  colombian: "CO",
  venezuelan: "VE",
  cuban: "CU",
  kenyan: "KE",
  ethiopian: "ET",
  moroccan: "MA",
  algerian: "DZ",
  tunisian: "TN",
  libyan: "LY",
  portuguese: "PT",
  slovak: "SK",
  slovenian: "SI",
  icelandic: "IS",
};
Object.assign(EXTRA, MORE_DEMONYMS);

/** Demonyms among the entries above: the adjectives, not the names, capitals or codes. */
const DEMONYMS = new Set([
  ...Object.keys(MORE_DEMONYMS),
  "north korean",
  "south korean",
  "chinese",
  "russian",
  "iranian",
  "american",
  "japanese",
  "british",
  "german",
  "french",
  "israeli",
  "indian",
  "pakistani",
  "vietnamese",
  "ukrainian",
  "belarusian",
  "australian",
  "canadian",
  "chilean",
  "taiwanese",
  "indonesian",
  "turkish",
  "syrian",
  "lebanese",
  "palestinian",
]);

/** True when a phrase is a demonym: "South Korean", "British", "Chinese". */
export function isDemonym(phrase: string): boolean {
  return DEMONYMS.has(phrase.trim().toLowerCase());
}

/** Every English country name i18n-iso-countries knows, lowercased, to alpha-2. */
let namesTable: Map<string, string> | null = null;
function names(): Map<string, string> {
  if (namesTable) return namesTable;
  namesTable = new Map();
  const all = countries.getNames("en", { select: "all" }) as Record<string, string[]>;
  for (const [code, list] of Object.entries(all)) {
    for (const n of list) if (n.length > 3) namesTable.set(n.toLowerCase(), code);
  }
  return namesTable;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * ISO alpha-2 code of a country name as knowledge sources write it: "South Korea", "KP",
 * "Korea (Democratic People's Republic of)", "Iran (Islamic Republic of)". Undefined when unknown.
 */
export function countryCode(name: string): string | undefined {
  const t = name.trim();
  if (/^[A-Z]{2}$/.test(t) && countries.isValid(t)) return t;
  const lower = t.toLowerCase();
  const direct = names().get(lower) ?? EXTRA[lower];
  if (direct) return direct;
  // "Korea (Democratic People's Republic of)" -> "Democratic People's Republic of Korea".
  const m = /^(.+?)\s*\((.+)\)$/.exec(t);
  if (m) {
    const inner = m[2]!.trim();
    const flipped = /\bof$/i.test(inner) ? `${inner} ${m[1]}` : `${m[1]} ${inner}`;
    return names().get(flipped.toLowerCase()) ?? EXTRA[flipped.toLowerCase()] ?? countryCode(m[1]!);
  }
  return undefined;
}

let tableKeys: string[] | undefined;
const memo = new Map<string, string[]>();

/** Countries a free text points at, in order of appearance, without repeats. */
export function countriesIn(text: string): string[] {
  const cached = memo.get(text);
  if (cached) return [...cached];
  const lower = text.toLowerCase().replace(/[’]/g, "'");
  const found: { at: number; code: string; len: number }[] = [];
  const taken: boolean[] = [];
  const consider = (key: string, code: string) => {
    const re = new RegExp(`(^|[^\\p{L}])(${escapeRe(key)})(?:'s)?(?=$|[^\\p{L}])`, "gu");
    for (let m = re.exec(lower); m; m = re.exec(lower)) {
      const at = m.index + m[1]!.length;
      let overlaps = false;
      for (let i = at; i < at + key.length; i++) if (taken[i]) overlaps = true;
      if (overlaps) continue;
      // Short all-caps codes ("US", "UK") only count when written in capitals in the source.
      if (
        key.length <= 3 &&
        text.slice(at, at + key.length) !== text.slice(at, at + key.length).toUpperCase()
      )
        continue;
      for (let i = at; i < at + key.length; i++) taken[i] = true;
      found.push({ at, code, len: key.length });
    }
  };
  tableKeys ??= [...new Set([...names().keys(), ...Object.keys(EXTRA)])].sort((a, b) => b.length - a.length);
  for (const key of tableKeys) {
    if (!lower.includes(key)) continue;
    consider(key, names().get(key) ?? EXTRA[key]!);
  }
  found.sort((a, b) => a.at - b.at);
  const result = [...new Set(found.map((f) => f.code))];
  if (memo.size > 5000) memo.clear();
  memo.set(text, result);
  return [...result];
}

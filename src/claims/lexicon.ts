/**
 * Word lists shared by the claim modules: capitals (for metonymy), titles, group nouns, reporting
 * verbs. Hand-written: the lists are small, domain-specific (state cyber operations in the news) and
 * must stay readable next to the patterns that use them.
 */

/** Capitals (and seats of government) that stand for their country when used as agents. */
export const CAPITALS: Record<string, string> = {
  pyongyang: "North Korea",
  beijing: "China",
  seoul: "South Korea",
  moscow: "Russia",
  kremlin: "Russia",
  "the kremlin": "Russia",
  tehran: "Iran",
  washington: "United States",
  tokyo: "Japan",
  taipei: "Taiwan",
  kyiv: "Ukraine",
  kiev: "Ukraine",
  london: "United Kingdom",
  paris: "France",
  berlin: "Germany",
  hanoi: "Vietnam",
  minsk: "Belarus",
  damascus: "Syria",
  riyadh: "Saudi Arabia",
  islamabad: "Pakistan",
  "new delhi": "India",
  ankara: "Turkey",
  jerusalem: "Israel",
  "tel aviv": "Israel",
  "abu dhabi": "United Arab Emirates",
  havana: "Cuba",
  caracas: "Venezuela",
};

/** Nouns of a person's title or position. */
export const TITLES = new Set(
  (
    "professor president chairman chairwoman chair leader director minister secretary spokesman spokeswoman " +
    "spokesperson official officer analyst researcher expert lawmaker legislator senator congressman " +
    "congresswoman ambassador general commander chief head founder co-founder ceo cto ciso producer " +
    "correspondent reporter editor journalist investigator prosecutor adviser advisor consultant engineer " +
    "scientist deputy manager defector lecturer dean governor premier king dictator diplomat envoy " +
    "attorney counsel commissioner inspector mayor solicitor lawyer programmer developer specialist executive fellow hacker judge colonel captain major lieutenant admiral vice-president vice-chairman"
  ).split(" "),
);

/** Nouns for groups of people or units: "North Korean hackers", "Bureau 121 operatives". */
export const GROUP_NOUNS = new Set(
  (
    "hackers hacker operatives agents spies soldiers members staff personnel employees operators attackers " +
    "actors groups organizations organisations units cells officers troops workers programmers specialists " +
    "experts individuals people teams squads army armies corps militants criminals cybercriminals crews " +
    "recruits students trainees"
  ).split(" "),
);

/** Group nouns that can be counted in a headcount claim. */
export const HEADCOUNT_UNITS = new Set(
  (
    "hackers hacker operatives agents spies soldiers members staff personnel employees operators " +
    "organizations organisations groups cells teams squads troops programmers specialists"
  ).split(" "),
);

/** Nouns whose count measures harm in a damage claim. */
export const HARM_UNITS = new Set(
  "computers machines systems devices servers accounts records victims customers files endpoints voters users patients households homes".split(
    " ",
  ),
);

/** Reporting verbs: "X said", "X told CNN", "X alleged". */
export const REPORTING_VERBS = new Set(
  (
    "said says say told tells tell claimed claims claim alleged alleges allege confirmed confirms confirm " +
    "denied denies deny warned warns warn noted notes note added adds add reported reports report described " +
    "describes stated states explained explains believes believe insisted insists revealed reveals argued " +
    "argues wrote writes estimated estimates acknowledged acknowledges admitted admits announced announces " +
    "asserted asserts accused accuses blamed blames suspects suspect concluded concludes assessed assesses " +
    "disclosed discloses maintained maintains testified observed observes indicated indicates"
  ).split(" "),
);

/** Reporting verbs that themselves mark the content as uncertain. */
export const HEDGING_VERBS = new Set(
  "alleged alleges allege accused accuses suspects suspect believes believe speculated speculates".split(" "),
);

/** Reporting verbs of denial: their content is negated and their speaker is the denier. */
export const DENIAL_VERBS = new Set("denied denies deny rejected rejects dismissed dismisses".split(" "));

export const PERSON_PRONOUNS = new Set("he him his himself she her hers herself".split(" "));
export const SINGULAR_PRONOUNS = new Set("it its itself".split(" "));
export const PLURAL_PRONOUNS = new Set("they them their theirs themselves".split(" "));

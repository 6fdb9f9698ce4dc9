/** Gazetteer: countries, demonyms, cities and regions, ambiguity and false positives. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { extractPlaces, loadGazetteer } from "../src/extract/gazetteer.js";
import type { PlaceValue } from "../src/model/types.js";

function places(text: string) {
  return extractPlaces(text, [{ start: 0, end: text.length }]).map((m) => {
    assert.equal(text.slice(m.start, m.end), m.text);
    assert.equal(m.source, "rules:gazetteer");
    const p = m.attrs as PlaceValue;
    assert.equal(m.canonical, p.canonical);
    return { text: m.text, label: m.label, canonical: p.canonical, cc: p.countryCode, region: p.region, p };
  });
}
const brief = (text: string) => places(text).map((x) => `${x.text}>${x.label}:${x.canonical}/${x.cc}`);

describe("extractPlaces: countries", () => {
  it("maps names, aliases and demonyms to the country", () => {
    assert.deepEqual(brief("The DPRK, the U.S., the UK, America and the Republic of Korea"), [
      "DPRK>country:North Korea/KP",
      "U.S.>country:United States/US",
      "UK>country:United Kingdom/GB",
      "America>country:United States/US",
      "Republic of Korea>country:South Korea/KR",
    ]);
    assert.deepEqual(
      brief(
        "North Korean, North Koreans, South Korean, Chinese, Russian, Iranian, Israeli and American hackers",
      ),
      [
        "North Korean>country:North Korea/KP",
        "North Koreans>country:North Korea/KP",
        "South Korean>country:South Korea/KR",
        "Chinese>country:China/CN",
        "Russian>country:Russia/RU",
        "Iranian>country:Iran/IR",
        "Israeli>country:Israel/IL",
        "American>country:United States/US",
      ],
    );
    const [vn] = places("Vietnam");
    assert.ok(
      vn && vn.p.latitude !== null && Math.abs(vn.p.latitude - 21) < 1,
      "a country has its capital's coordinates",
    );
  });

  it("leaves ambiguous or non-country phrases alone", () => {
    assert.deepEqual(brief("Korean hackers in North America and the South China Sea; Congo"), []);
    assert.deepEqual(brief("Michael Jordan spoke."), []);
    assert.deepEqual(brief("Jordan and Egypt"), ["Jordan>country:Jordan/JO", "Egypt>country:Egypt/EG"]);
    assert.deepEqual(brief("the North replied"), [], "no North Korea in the text");
    assert.deepEqual(brief("North Korea said the North would reply; the North Atlantic"), [
      "North Korea>country:North Korea/KP",
      "the North>country:North Korea/KP",
    ]);
    assert.deepEqual(brief("CHINA and NORTH KOREA"), [
      "CHINA>country:China/CN",
      "NORTH KOREA>country:North Korea/KP",
    ]);
  });
});

describe("extractPlaces: locations", () => {
  it("finds cities and regions with country, region and coordinates", () => {
    const found = places(
      "the Chinese city of Shenyang, in northern China's Liaoning Province, near Xinjiang and California",
    );
    const by = Object.fromEntries(found.map((x) => [x.text, x]));
    assert.equal(by.Shenyang?.label, "location");
    assert.deepEqual([by.Shenyang?.cc, by.Shenyang?.region], ["CN", "Liaoning"]);
    assert.ok(
      Math.abs(by.Shenyang!.p.latitude! - 41.8) < 0.2 && Math.abs(by.Shenyang!.p.longitude! - 123.43) < 0.2,
    );
    assert.deepEqual(
      [by["Liaoning Province"]?.canonical, by["Liaoning Province"]?.p.ref],
      ["Liaoning", "dossier:liaoning"],
    );
    assert.equal(by.Xinjiang?.cc, "CN");
    assert.deepEqual([by.California?.cc, by.California?.label], ["US", "location"]);
    assert.ok(by.Shenyang?.p.ref.startsWith("geonames:"));
  });

  it("matches folded and alternative spellings", () => {
    assert.deepEqual(brief("Kaesong, Sinuiju, Kiev and Washington, D.C."), [
      "Kaesong>location:Kaesŏng/KP",
      "Sinuiju>location:Sinŭiju/KP",
      "Kiev>location:Kyiv/UA",
      "Washington, D.C.>location:Washington, D.C./US",
    ]);
  });

  it("resolves ambiguous city names by the countries named in the text", () => {
    assert.equal(places("Odessa is a port.")[0]?.cc, "UA", "the larger one by default");
    const inTexas = places("In the United States, Odessa is in Texas.").find((x) => x.text === "Odessa");
    assert.equal(inTexas?.cc, "US");
  });

  it("has no false positives on common words and names", () => {
    assert.deepEqual(
      brief("Reading is fun. Mobile phones are Nice. Bath time. Split the March. Of Police."),
      [],
    );
    assert.deepEqual(brief("Operation Aurora; Gary Norman and Victoria Jackson"), []);
    assert.deepEqual(brief("links between Zhang Shilong and APT10"), []);
  });
});

describe("gazetteer loading", () => {
  it("loads in under 300 ms in a fresh process", () => {
    const entry = fileURLToPath(new URL("../src/extract/gazetteer.ts", import.meta.url));
    const code = `const t=performance.now();const g=await import(${JSON.stringify(entry)});g.loadGazetteer();console.log(performance.now()-t)`;
    const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
      encoding: "utf8",
    });
    assert.equal(r.status, 0, r.stderr);
    const ms = Number(r.stdout.trim());
    assert.ok(ms < 300, `import and load took ${ms} ms`);
  });

  it("has the stop-listed names out of the index", () => {
    const g = loadGazetteer();
    for (const w of ["Reading", "Mobile", "Nice", "Bath", "Split", "Aurora"])
      assert.equal(g.index.get(w), undefined, w);
    assert.ok(g.index.get("Shenyang"));
  });
});

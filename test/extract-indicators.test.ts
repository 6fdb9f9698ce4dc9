/** Indicator rules, defanged forms and the usual false positives. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractIndicators, refang } from "../src/extract/indicators.js";
import type { IndicatorValue } from "../src/model/types.js";

function ind(text: string) {
  return extractIndicators(text, [{ start: 0, end: text.length }]).map((m) => {
    assert.equal(text.slice(m.start, m.end), m.text);
    const v = m.attrs as IndicatorValue;
    return [m.text, m.label, v.indicator, v.value, v.defanged] as const;
  });
}

describe("extractIndicators", () => {
  it("finds plain indicators of every kind", () => {
    assert.deepEqual(
      ind("Beacons went to 175.45.178.3 and evil.com, see https://example.com/a/index.html (mirror)."),
      [
        ["175.45.178.3", "indicator", "ipv4", "175.45.178.3", false],
        ["evil.com", "indicator", "domain", "evil.com", false],
        ["https://example.com/a/index.html", "indicator", "url", "https://example.com/a/index.html", false],
      ],
    );
    assert.deepEqual(ind("Mail admin@example.co.uk or fe80::1ff:fe23:4567:890a."), [
      ["admin@example.co.uk", "indicator", "email", "admin@example.co.uk", false],
      ["fe80::1ff:fe23:4567:890a", "indicator", "ipv6", "fe80::1ff:fe23:4567:890a", false],
    ]);
    const hashes = ind(
      "d41d8cd98f00b204e9800998ecf8427e da39a3ee5e6b4b0d3255bfef95601890afd80709 " +
        "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
    ).map(([, , kind, value]) => `${kind}:${value.slice(0, 6)}`);
    assert.deepEqual(hashes, ["md5:d41d8c", "sha1:da39a3", "sha256:e3b0c4"]);
  });

  it("labels CVE ids as vulnerabilities", () => {
    assert.deepEqual(ind("It used cve-2017-0144 (EternalBlue)."), [
      ["cve-2017-0144", "vulnerability", "cve", "CVE-2017-0144", false],
    ]);
  });

  it("refangs defanged indicators and marks them", () => {
    assert.deepEqual(ind("C2: hxxp://evil[.]com/gate.php, hxxps[:]//x[.]example[.]org/p?q=1."), [
      ["hxxp://evil[.]com/gate.php", "indicator", "url", "http://evil.com/gate.php", true],
      ["hxxps[:]//x[.]example[.]org/p?q=1", "indicator", "url", "https://x.example.org/p?q=1", true],
    ]);
    assert.deepEqual(ind("to 175.45.178[.]3 and bad[at]evil(dot)com and update(.)evil[dot]net"), [
      ["175.45.178[.]3", "indicator", "ipv4", "175.45.178.3", true],
      ["bad[at]evil(dot)com", "indicator", "email", "bad@evil.com", true],
      ["update(.)evil[dot]net", "indicator", "domain", "update.evil.net", true],
    ]);
    assert.equal(refang("hXXp://a[DOT]com"), "http://a.com");
  });

  it("has no false positives on versions, file names, abbreviations and library names", () => {
    for (const s of [
      "Install version 1.2.3.4 or v2.0.1 now.",
      "Build 10.0.19041.1 of Windows.",
      "Open report.pdf, run setup.exe, edit index.html and main.py and README.md.",
      "The U.S. and the U.K., e.g. Japan, i.e. allies, met at 9 a.m.",
      "Written in Node.js and Vue.js on ASP.NET.",
      "It ended.It began again.",
      "Meet at 10:30:00 on 2014-03-05.",
    ])
      assert.deepEqual(ind(s), [], s);
  });

  it("reads only inside the body ranges", () => {
    const text = "Source: intelnews.org\nBody mentions evil[.]com only.";
    const found = extractIndicators(text, [{ start: 22, end: text.length }]).map((m) => m.text);
    assert.deepEqual(found, ["evil[.]com"]);
  });
});

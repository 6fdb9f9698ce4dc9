import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { jsonLines, runCli } from "./helpers/cli.js";
import { SEED_000, SEED_002, SKIP_SHARED } from "./helpers/shared.js";

interface EntityLine {
  id: string;
  name: string;
  type: string;
  aliases: string[];
  documents: string[];
  mentions: number;
  latitude?: number;
  longitude?: number;
  country?: string;
  value?: {
    kind: string;
    iso?: string;
    value?: number;
    unit?: string;
    currency?: string;
    approximate?: boolean;
  };
}

describe("dossier entities on the seeds", { skip: SKIP_SHARED }, () => {
  it("lists the countries, places with coordinates, dates and quantities of the seeds", () => {
    const db = join(mkdtempSync(join(tmpdir(), "dossier-seeds-")), "seeds.db");
    assert.equal(runCli(["--db", db, "ingest", SEED_000, "--published", "2015-01-07"]).status, 0);
    assert.equal(runCli(["--db", db, "ingest", SEED_002, "--published", "2013-11"]).status, 0);
    const r = runCli(["--db", db, "--json", "entities"]);
    assert.equal(r.status, 0, r.stderr);
    const entities = jsonLines<EntityLine>(r.stdout);
    const find = (type: string, name: string) => entities.find((e) => e.type === type && e.name === name);

    for (const [name, iso] of [
      ["North Korea", "KP"],
      ["China", "CN"],
      ["South Korea", "KR"],
      ["Japan", "JP"],
      ["United States", "US"],
    ] as const) {
      const e = find("country", name);
      assert.ok(e, `country ${name}`);
      assert.equal(e.country, iso);
    }
    for (const [name, lat, lon] of [
      ["Shenyang", 41.8, 123.4],
      ["Liaoning", 41.8, 123.4],
      ["Pyongyang", 39.0, 125.75],
      ["Seoul", 37.57, 126.98],
    ] as const) {
      const e = find("location", name);
      assert.ok(e, `location ${name}`);
      assert.ok(
        Math.abs(e.latitude! - lat) < 1.5 && Math.abs(e.longitude! - lon) < 1.5,
        `${name} coordinates`,
      );
    }
    for (const year of ["2004", "1995", "2005"]) assert.ok(find("date", year), `date ${year}`);
    assert.deepEqual(find("date", "2005")!.aliases, ["ten years later"]);

    const hackers = entities.find((e) => e.type === "quantity" && e.value?.value === 1700);
    assert.ok(hackers, "1,700 hackers");
    assert.equal(hackers.value!.unit, "hackers");
    assert.equal(hackers.value!.approximate, true);
    const agents = entities.find((e) => e.type === "quantity" && e.value?.value === 4200);
    assert.equal(agents?.value?.unit, "agents");
    const money = entities.find((e) => e.type === "money" && e.value?.value === 800_000_000);
    assert.equal(money?.value?.currency, "USD");
  });
});

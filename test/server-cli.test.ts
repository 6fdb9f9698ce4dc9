/**
 * `dossier token create|list|revoke` and `dossier serve` as a user runs them: a token printed once
 * works for a write over HTTP, and stops working once revoked.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { ENTRY, jsonLines, REPO, runCli } from "./helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "dossier-serve-"));
const db = join(dir, "store.db");
let server: ChildProcess | null = null;

after(() => {
  server?.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `dossier serve --port 0` and resolves with the URL it prints. */
function startServer(): Promise<string> {
  return new Promise((resolve, reject) => {
    server = spawn(process.execPath, ["--import", "tsx", ENTRY, "--db", db, "serve", "--port", "0"], {
      cwd: REPO,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 30_000);
    server.stdout!.on("data", (b: Buffer) => {
      out += b.toString();
      const m = /workbench: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    server.on("exit", (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
}

test("token create prints a token once; serve accepts it for writes until it is revoked", async () => {
  const created = runCli(["--db", db, "token", "create", "--name", "ci"]);
  assert.equal(created.status, 0, created.stderr);
  const token = created.stdout.split("\n")[0]!;
  assert.match(token, /^dsk_[A-Za-z0-9_-]{43}$/);
  assert.match(created.stdout, /shown once/);

  const listed = jsonLines<{ id: string; name: string; revokedAt: string | null }>(
    runCli(["--db", db, "--json", "token", "list"]).stdout,
  );
  assert.equal(listed.length, 1);
  assert.equal(listed[0]!.name, "ci");
  assert.ok(!JSON.stringify(listed).includes(token), "list never shows the secret");

  const url = await startServer();
  const post = (t: string | null) =>
    fetch(`${url}/api/documents`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(t ? { authorization: `Bearer ${t}` } : {}) },
      body: JSON.stringify({ text: "Sandworm attacked the power grid in Ukraine in December 2015." }),
    });
  assert.equal((await post(null)).status, 401);
  const ok = await post(token);
  assert.equal(ok.status, 201);
  const docs = (await (await fetch(`${url}/api/documents`)).json()) as unknown[];
  assert.equal(docs.length, 1, "reads are open on localhost");

  const revoked = runCli(["--db", db, "token", "revoke", listed[0]!.id]);
  assert.equal(revoked.status, 0, revoked.stderr);
  assert.equal((await post(token)).status, 401);
  assert.equal(runCli(["--db", db, "token", "revoke", listed[0]!.id]).status, 2);
});

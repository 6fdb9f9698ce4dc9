/**
 * Prints the top self-time functions of a V8 `.cpuprofile` (as written by `node --cpu-prof`):
 * `node --import tsx scripts/bench/profile-top.ts FILE.cpuprofile [N]`.
 *
 * Hand-written: a profile is a node tree with sample ids and time deltas; summing self time per
 * function (name, file, line) is a few lines and needs no viewer.
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  fn: string;
  where: string;
  ms: number;
  share: number;
}

export function topSelfTime(profile: CpuProfile, n = 5): SelfTime[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const total = new Map<string, { fn: string; where: string; us: number }>();
  let all = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]!);
    const dt = profile.timeDeltas[i] ?? 0;
    if (!node) continue;
    const f = node.callFrame;
    if (f.functionName === "(idle)" || f.functionName === "(program)") continue;
    all += dt;
    const file = f.url.replace(/^file:\/\//, "").replace(/^.*\/(src|node_modules|scripts)\//, "$1/");
    const key = `${f.functionName}|${file}|${f.lineNumber}`;
    const t = total.get(key) ?? {
      fn: f.functionName || "(anonymous)",
      where: `${file}:${f.lineNumber + 1}`,
      us: 0,
    };
    t.us += dt;
    total.set(key, t);
  }
  return [...total.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, n)
    .map((t) => ({ fn: t.fn, where: t.where, ms: Math.round(t.us / 1000), share: all ? t.us / all : 0 }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write("usage: profile-top.ts FILE.cpuprofile [N]\n");
    process.exit(2);
  }
  const top = topSelfTime(JSON.parse(readFileSync(file, "utf8")) as CpuProfile, Number(process.argv[3] ?? 5));
  for (const t of top)
    process.stdout.write(
      `${String(t.ms).padStart(7)} ms  ${(t.share * 100).toFixed(1).padStart(5)}%  ${t.fn}  ${t.where}\n`,
    );
}

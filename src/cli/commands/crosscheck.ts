import type { Command } from "commander";
import { conflictJson } from "../../crosscheck/index.js";
import {
  addHypothesis,
  overrideGrade,
  proposeFromConflict,
  setSourceReliability,
} from "../../store/crosscheck.js";
import { printJsonLines, withRepo } from "../context.js";
import { findEntity } from "./merges.js";

const ACTOR = () => `cli:${process.env.USER ?? "analyst"}`;

export function registerCrosscheck(program: Command): void {
  program
    .command("conflicts")
    .description(
      "conflicting claims (polarity, numeric, date, denial), each with a plain-language explanation",
    )
    .action(async (_opts, cmd: Command) => {
      await withRepo(cmd, async (repo, g) => {
        const conflicts = await repo.listConflicts();
        if (g.json) return printJsonLines(conflicts.map(conflictJson));
        for (const c of conflicts) {
          process.stdout.write(
            `${c.id} ${c.kind}${c.selfContradiction ? " (self-contradiction)" : ""}: ${c.explanation}\n    claims ${c.claims.join(", ")}\n`,
          );
        }
        process.stdout.write(`${conflicts.length} conflict(s)\n`);
      });
    });

  program
    .command("propositions")
    .description(
      "claims grouped across documents: independent sources, lineage (speaker → outlets → documents), grade",
    )
    .option("--entity <entity>", "only propositions about this entity")
    .action(async (opts: { entity?: string }, cmd: Command) => {
      await withRepo(cmd, async (repo, g) => {
        const entity = opts.entity ? (await findEntity(repo, opts.entity)).id : undefined;
        const props = await repo.listPropositions(entity ? { entity } : {});
        if (g.json) return printJsonLines(props);
        for (const p of props) {
          process.stdout.write(
            `${p.id} [${p.grade.code}] ${p.statement}  (${p.independentSources} independent source(s)` +
              `${p.opposingSources ? `, ${p.opposingSources} against` : ""})\n`,
          );
          for (const s of p.sources)
            process.stdout.write(
              `    source ${s.label}: via ${s.outlets.join(", ")} in ${s.documents.length} document(s)\n`,
            );
          for (const r of p.grade.reasons) process.stdout.write(`    - ${r}\n`);
        }
        process.stdout.write(`${props.length} proposition(s)\n`);
      });
    });

  const grade = program
    .command("grade")
    .description("analysts' grades: source reliability (A–F) and overrides of a proposition's grade");
  grade
    .command("source")
    .description("set the reliability of a source (a speaker, by id or name, or an outlet name)")
    .argument("<source>", "speaker entity or outlet name")
    .argument("<reliability>", "A (completely reliable) to F (cannot be judged)")
    .option("--note <text>", "why", "set by an analyst")
    .action(async (source: string, reliability: string, opts: { note: string }, cmd: Command) => {
      await withRepo(cmd, async (repo) => {
        let key = source;
        try {
          key = (await findEntity(repo, source)).id;
        } catch {
          key = source; // an outlet name
        }
        await setSourceReliability(repo, key, reliability.toUpperCase(), opts.note, ACTOR());
        process.stdout.write(`reliability of ${source} (${key}) set to ${reliability.toUpperCase()}\n`);
      });
    });
  grade
    .command("override")
    .description("override a proposition's grade; the note is kept and shown with the grade")
    .argument("<proposition>", "proposition id (see: dossier propositions)")
    .option("--credibility <n>", "1 (confirmed) to 6 (cannot be judged)", (v) => Number(v))
    .option("--reliability <letter>", "A to F")
    .requiredOption("--note <text>", "why")
    .action(
      async (
        id: string,
        opts: { credibility?: number; reliability?: string; note: string },
        cmd: Command,
      ) => {
        await withRepo(cmd, async (repo) => {
          await overrideGrade(
            repo,
            id,
            {
              ...(opts.credibility !== undefined ? { credibility: opts.credibility } : {}),
              ...(opts.reliability ? { reliability: opts.reliability.toUpperCase() } : {}),
            },
            opts.note,
            ACTOR(),
          );
          process.stdout.write(`grade of ${id} overridden\n`);
        });
      },
    );

  const ach = program
    .command("ach")
    .description(
      "analysis of competing hypotheses: the matrix of claims against hypotheses, ranked by inconsistency",
    );
  ach.action(async (_opts, cmd: Command) => {
    await withRepo(cmd, async (repo, g) => {
      const m = await repo.achMatrix();
      if (g.json) return printJsonLines([m]);
      if (m.hypotheses.length === 0) {
        process.stdout.write(
          "no hypotheses yet: dossier ach add LABEL --subject S --predicate P [--object O] [--negative], or dossier ach propose CONFLICT_ID\n",
        );
        return;
      }
      if (m.proposed)
        process.stdout.write(
          "(hypotheses proposed from the first conflict; add your own with dossier ach add)\n",
        );
      const label = new Map(m.hypotheses.map((h) => [h.id, h.label]));
      process.stdout.write("Hypotheses, fewest inconsistent sources first:\n");
      for (const r of m.rank)
        process.stdout.write(
          `  ${r.hypothesis} ${label.get(r.hypothesis)}: ${r.inconsistent} inconsistent, ${r.consistent} consistent\n`,
        );
      process.stdout.write("\nEvidence:\n");
      for (const row of m.rows) {
        process.stdout.write(
          `  ${m.hypotheses.map((h) => row.cells[h.id]).join(" ")}  ${row.claim} “${row.quote.slice(0, 90)}”\n`,
        );
      }
    });
  });
  ach
    .command("add")
    .description("add a hypothesis: what it says about a subject, predicate and object")
    .argument("<label>", "the hypothesis in words")
    .option("--subject <entity>")
    .option("--predicate <predicate>")
    .option("--object <entity>")
    .option("--negative", "the hypothesis is that the statement is false")
    .action(
      async (
        label: string,
        opts: { subject?: string; predicate?: string; object?: string; negative?: boolean },
        cmd: Command,
      ) => {
        await withRepo(cmd, async (repo, g) => {
          const test = {
            ...(opts.subject ? { subject: (await findEntity(repo, opts.subject)).id } : {}),
            ...(opts.predicate ? { predicate: opts.predicate } : {}),
            ...(opts.object ? { object: (await findEntity(repo, opts.object)).id } : {}),
            polarity: opts.negative ? ("negative" as const) : ("positive" as const),
          };
          const h = await addHypothesis(repo, label, test, ACTOR());
          if (g.json) return printJsonLines([h]);
          process.stdout.write(`hypothesis ${h.id}: ${h.label}\n`);
        });
      },
    );
  ach
    .command("propose")
    .description("store the hypotheses Dossier proposes from a conflict")
    .argument("<conflict>", "conflict id (see: dossier conflicts)")
    .action(async (id: string, _opts, cmd: Command) => {
      await withRepo(cmd, async (repo, g) => {
        const hs = await proposeFromConflict(repo, id, ACTOR());
        if (g.json) return printJsonLines(hs);
        for (const h of hs) process.stdout.write(`hypothesis ${h.id}: ${h.label}\n`);
      });
    });
}

import type { Command } from "commander";
import { listMerges, mergeEntities, splitEntity, undoMerge } from "../../store/merges.js";
import type { Repository } from "../../store/repository.js";
import { runResolution } from "../../store/resolution.js";
import { decideSuggestion, listSuggestions } from "../../store/suggestions.js";
import { CliError, printJsonLines, withRepo } from "../context.js";

const ACTOR = () => `cli:${process.env.USER ?? "analyst"}`;

/** An entity by id, or by name or alias when that names exactly one entity. */
export async function findEntity(
  repo: Repository,
  ref: string,
): Promise<{ id: string; name: string; type: string }> {
  const all = await repo.listEntities();
  const byId = all.find((e) => e.id === ref);
  if (byId) return byId;
  const folded = ref.toLowerCase();
  const named = all.filter(
    (e) => e.name.toLowerCase() === folded || e.aliases.some((a) => a.toLowerCase() === folded),
  );
  if (named.length === 1) return named[0]!;
  if (named.length === 0) throw new CliError(`no entity "${ref}" (see: dossier entities)`);
  throw new CliError(
    `"${ref}" names ${named.length} entities: ${named.map((e) => `${e.id} ${e.name} (${e.type})`).join(", ")}`,
  );
}

export function registerMerges(program: Command): void {
  program
    .command("merges")
    .description("merge suggestions to review (score and reasons), or the audit log of merge decisions")
    .option("--log", "the audit log: every merge, split and undo with who, when and why")
    .option("--all", "suggestions in every state, not only open ones")
    .option("--resolve", "run cross-document resolution first")
    .action(async (opts: { log?: boolean; all?: boolean; resolve?: boolean }, cmd: Command) => {
      await withRepo(cmd, async (repo, g) => {
        if (opts.resolve) await runResolution(repo.db, ACTOR());
        if (opts.log) {
          const log = await listMerges(repo.db);
          if (g.json) return printJsonLines(log);
          for (const m of log) {
            process.stdout.write(
              `${m.id} ${m.kind.padEnd(6)} ${m.absorbed.name} → ${m.survivor.name}  by ${m.actor} ${m.createdAt}` +
                `${m.score !== null ? ` score ${m.score}` : ""}${m.undoneAt ? `  UNDONE ${m.undoneAt} by ${m.undoneBy}` : ""}\n` +
                `    ${m.reasons.join("; ")}\n`,
            );
          }
          return;
        }
        const suggestions = await listSuggestions(repo.db, opts.all ? undefined : "open");
        if (g.json) return printJsonLines(suggestions);
        for (const s of suggestions) {
          process.stdout.write(
            `${s.id} ${s.score.toFixed(2)} ${s.a.name} (${s.a.id}) ~ ${s.b.name} (${s.b.id}) [${s.a.type}] ${s.status}\n    ${s.reasons.join("; ")}\n`,
          );
        }
        process.stdout.write(
          `${suggestions.length} suggestion(s); accept with: dossier merge --suggestion ID\n`,
        );
      });
    });

  program
    .command("merge")
    .description("merge entity B into entity A (by id or unique name), or accept/reject a suggestion")
    .argument("[a]", "the entity that survives")
    .argument("[b]", "the entity folded into it")
    .option("--suggestion <id>", "accept this merge suggestion")
    .option("--reject <id>", "reject this merge suggestion (it will not be suggested again)")
    .option("--reason <text>", "why (kept in the audit log)")
    .action(
      async (
        a: string | undefined,
        b: string | undefined,
        opts: { suggestion?: string; reject?: string; reason?: string },
        cmd: Command,
      ) => {
        await withRepo(cmd, async (repo, g) => {
          let result: Record<string, unknown>;
          if (opts.suggestion) {
            result = {
              suggestion: opts.suggestion,
              ...(await decideSuggestion(repo.db, opts.suggestion, "accept", ACTOR())),
            };
          } else if (opts.reject) {
            await decideSuggestion(repo.db, opts.reject, "reject", ACTOR());
            result = { suggestion: opts.reject, rejected: true };
          } else {
            if (!a || !b)
              throw new CliError("merge needs two entities (A B), --suggestion ID or --reject ID");
            const ea = await findEntity(repo, a);
            const eb = await findEntity(repo, b);
            const mergeId = await repo.db.transaction().execute((trx) =>
              mergeEntities(trx, ea.id, eb.id, {
                kind: "manual",
                actor: ACTOR(),
                reasons: [opts.reason ?? "merged by an analyst"],
              }),
            );
            result = { mergeId, survivor: ea, absorbed: eb };
          }
          if (g.json) return printJsonLines([result]);
          process.stdout.write(`${JSON.stringify(result)}\n`);
        });
      },
    );

  program
    .command("split")
    .description(
      "move the mentions of an entity written as the given aliases (and their claims) to a new entity",
    )
    .argument("<entity>", "entity id or unique name")
    .requiredOption("--alias <name...>", "spellings whose mentions move to the new entity")
    .option("--reason <text>", "why (kept in the audit log)")
    .action(async (ref: string, opts: { alias: string[]; reason?: string }, cmd: Command) => {
      await withRepo(cmd, async (repo, g) => {
        const e = await findEntity(repo, ref);
        const r = await repo.db.transaction().execute((trx) =>
          splitEntity(trx, e.id, opts.alias, {
            actor: ACTOR(),
            reasons: [opts.reason ?? "split by an analyst"],
          }),
        );
        if (g.json) return printJsonLines([r]);
        process.stdout.write(
          `split ${e.name}: new entity ${r.newEntityId} (undo with dossier unmerge ${r.mergeId})\n`,
        );
      });
    });

  program
    .command("unmerge")
    .description("undo a merge or a split exactly (see: dossier merges --log)")
    .argument("<mergeId>", "the merge or split to undo")
    .action(async (mergeId: string, _opts, cmd: Command) => {
      await withRepo(cmd, async (repo, g) => {
        await repo.db.transaction().execute((trx) => undoMerge(trx, mergeId, ACTOR()));
        if (g.json) return printJsonLines([{ undone: mergeId }]);
        process.stdout.write(`undone ${mergeId}\n`);
      });
    });
}

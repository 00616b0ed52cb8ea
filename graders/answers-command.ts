import { parse } from "yaml";
import { z } from "zod";
import type { CommandRun, OtherState, OtherStateKind } from "../src/grading/context.js";
import { defineGrader, failed, passed, type CheckOutcome } from "../src/grading/grader.js";
import { localized, type Localized } from "../src/i18n.js";
import { FACTS, OTHER_STATE, readTruth, type Fact, type TruthSource, type Verdict } from "./support/answer-facts.js";
import { poll } from "./support/container-polling.js";

const shorten = (text: string, max = 400) => (text.length > max ? `${text.slice(0, max)}…` : text);

type Judged = { verdict: Verdict; run: CommandRun } | { refused: Localized; run: CommandRun } | { broken: CommandRun };

/**
 * Runs the answer once and judges it against the truth read just before and just after: the
 * container may change while the command runs (a log line comes, health turns healthy), and an
 * answer matching either moment is right.
 */
async function judgeAnswer(
  fact: Fact,
  answer: string,
  source: TruthSource,
  run: (text: string) => Promise<CommandRun>,
): Promise<Judged> {
  const before = await readTruth(fact, source);
  const result = await run(answer);
  if (result.refused) return { refused: result.refused, run: result };
  if (result.exitCode !== 0) return { broken: result };
  const after = (await readTruth(fact, source))(result.output);
  const earlier = before(result.output);
  return { verdict: after.right || !earlier.right ? after : earlier, run: result };
}

/** The other state must show its difference before the answer runs there. */
async function settle(fact: Fact, state: OtherState, liveHealth: string | undefined): Promise<void> {
  if (fact === "container.health" && liveHealth !== "unhealthy") {
    await state.container.waitForHealth("unhealthy", 15_000);
  }
  if (fact === "container.logs-timestamps") {
    await poll(
      () => state.container.logs(),
      (lines) => lines.length > 0,
      { intervalMs: 200, timeoutMs: 5000 },
    );
  }
}

function verdictOutcome(answer: string, judged: Judged, where: Localized | undefined): CheckOutcome | undefined {
  const on = where ? { fr: ` ${where.fr}`, en: ` ${where.en}` } : { fr: "", en: "" };
  if ("refused" in judged) {
    return failed(localized(`Commande refusée : ${judged.refused.fr}`, `Command refused: ${judged.refused.en}`), {
      actual: answer,
    });
  }
  if ("broken" in judged) {
    const output = shorten(judged.broken.output.trim());
    return failed(
      localized(
        `\`${answer}\` a échoué${on.fr} (code ${judged.broken.exitCode}) : ${output}`,
        `\`${answer}\` failed${on.en} (exit ${judged.broken.exitCode}): ${output}`,
      ),
      { actual: output },
    );
  }
  const { verdict, run } = judged;
  if (verdict.right) return undefined;
  const why = verdict.why ? { fr: ` ${verdict.why.fr}.`, en: ` ${verdict.why.en}.` } : { fr: "", en: "" };
  return failed(
    localized(
      `\`${answer}\` n'affiche pas ce que dit le moteur${on.fr}.${why.fr}`,
      `\`${answer}\` does not print what the engine says${on.en}.${why.en}`,
    ),
    { expected: shorten(verdict.truth), actual: shorten(run.output.trim()) },
  );
}

const OTHER_STATE_WORDS: Record<OtherStateKind, Localized> = {
  "never-started": localized(
    "pour un autre conteneur de la même image, jamais démarré",
    "for another container of the same image, never started",
  ),
  "started-later": localized(
    "pour un autre conteneur de la même image, démarré plus tard (autre adresse, autres processus, sonde de santé en échec)",
    "for another container of the same image, started later (another address, other processes, a failing health probe)",
  ),
};

export default defineGrader({
  kind: "answers.command",
  description: "A docker command the learner wrote prints what the engine says is true (e.g. a container's status).",
  needs: "container",
  concurrent: true,
  options: {
    file: z
      .string()
      .default("reponses.yaml")
      .describe("The learner's answers: a YAML map question id -> one docker command."),
    question: z.string().min(1).describe("The question id in that file."),
    fact: z.enum(FACTS).describe("What the command must print; the grader reads the truth from the engine itself."),
    otherState: z
      .boolean()
      .default(true)
      .describe(
        "Also run the command on another state of the container (never started, or started later with other addresses, processes, files and a failing health probe): a command that prints the same text whatever the state fails.",
      ),
  },
  async run({ file, question, fact, otherState }, context) {
    const text = await context.readSubmissionFile(file);
    if (text === undefined)
      return failed(
        localized(`\`${file}\` est absent du dossier rendu.`, `\`${file}\` is missing from the submission.`),
      );
    let answers: unknown;
    try {
      answers = parse(text);
    } catch (error) {
      return failed(
        localized(
          `\`${file}\` n'est pas du YAML valide : ${(error as Error).message}`,
          `\`${file}\` is not valid YAML: ${(error as Error).message}`,
        ),
      );
    }
    const answer = (answers as Record<string, unknown> | null)?.[question];
    if (typeof answer !== "string" || answer.trim() === "") {
      return failed(
        localized(`Pas de réponse à « ${question} » dans \`${file}\`.`, `No answer to "${question}" in \`${file}\`.`),
      );
    }
    const live = { container: () => context.container(), image: () => context.image() };
    const first = await judgeAnswer(fact, answer, live, (line) => context.runLearnerCommand(line));
    const wrong = verdictOutcome(answer, first, undefined);
    if (wrong || !("verdict" in first)) return wrong!;
    const details = { expected: shorten(first.verdict.truth), actual: shorten(first.run.output.trim()) };
    if (otherState) {
      const liveHealth = fact === "container.health" ? (await (await context.container()).state()).health : undefined;
      const state = await context.otherState(OTHER_STATE[fact]);
      await settle(fact, state, liveHealth);
      const other = { container: async () => state.container, image: () => state.image() };
      const second = await judgeAnswer(fact, answer, other, (line) => state.runLearnerCommand(line));
      const where = OTHER_STATE_WORDS[OTHER_STATE[fact]];
      const wrongThere = verdictOutcome(answer, second, where);
      if (wrongThere) {
        return failed(
          localized(
            `${wrongThere.message.fr} La commande donne la bonne réponse pour le conteneur de l'exercice, mais pas ${where.fr} : elle doit lire l'état du conteneur qu'on lui donne, pas afficher un texte fixe.`,
            `${wrongThere.message.en} The command gives the right answer for the exercise's container, but not ${where.en}: it must read the state of the container it is given, not print fixed text.`,
          ),
          { expected: wrongThere.expected, actual: wrongThere.actual },
        );
      }
    }
    return passed(
      localized(`\`${answer}\` affiche la bonne réponse.`, `\`${answer}\` prints the right answer.`),
      details,
    );
  },
});

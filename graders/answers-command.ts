import { parse } from "yaml";
import { z } from "zod";
import { defineGrader, failed, passed } from "../src/grading/grader.js";
import { localized } from "../src/i18n.js";
import { FACTS, readTruth } from "./support/answer-facts.js";

const shorten = (text: string, max = 400) => (text.length > max ? `${text.slice(0, max)}…` : text);

export default defineGrader({
  kind: "answers.command",
  description: "A docker command the learner wrote prints what the engine says is true (e.g. a container's status).",
  needs: "container",
  concurrent: true,
  options: {
    file: z.string().default("reponses.yaml").describe("The learner's answers: a YAML map question id -> one docker command."),
    question: z.string().min(1).describe("The question id in that file."),
    fact: z.enum(FACTS).describe("What the command must print; the grader reads the truth from the engine itself."),
  },
  async run({ file, question, fact }, context) {
    const text = await context.readSubmissionFile(file);
    if (text === undefined) return failed(localized(`\`${file}\` est absent du dossier rendu.`, `\`${file}\` is missing from the submission.`));
    let answers: unknown;
    try {
      answers = parse(text);
    } catch (error) {
      return failed(localized(`\`${file}\` n'est pas du YAML valide : ${(error as Error).message}`, `\`${file}\` is not valid YAML: ${(error as Error).message}`));
    }
    const answer = (answers as Record<string, unknown> | null)?.[question];
    if (typeof answer !== "string" || answer.trim() === "") {
      return failed(localized(`Pas de réponse à « ${question} » dans \`${file}\`.`, `No answer to "${question}" in \`${file}\`.`));
    }
    // The container may change while the command runs (the app writes its first file, a log line
    // comes, health turns healthy): an answer matching the truth just before or just after is right.
    const before = await readTruth(fact, context);
    const run = await context.runLearnerCommand(answer);
    if (run.refused) {
      return failed(localized(`Commande refusée : ${run.refused.fr}`, `Command refused: ${run.refused.en}`), { actual: answer });
    }
    if (run.exitCode !== 0) {
      return failed(localized(`\`${answer}\` a échoué (code ${run.exitCode}) : ${shorten(run.output.trim())}`, `\`${answer}\` failed (exit ${run.exitCode}): ${shorten(run.output.trim())}`), { actual: shorten(run.output.trim()) });
    }
    const after = (await readTruth(fact, context))(run.output);
    const earlier = before(run.output);
    const verdict = after.right || !earlier.right ? after : earlier;
    const details = { expected: shorten(verdict.truth), actual: shorten(run.output.trim()) };
    if (!verdict.right) {
      const why = verdict.why ? ` ${verdict.why.fr}.` : "";
      const whyEn = verdict.why ? ` ${verdict.why.en}.` : "";
      return failed(localized(`\`${answer}\` n'affiche pas ce que dit le moteur.${why}`, `\`${answer}\` does not print what the engine says.${whyEn}`), details);
    }
    return passed(localized(`\`${answer}\` affiche la bonne réponse.`, `\`${answer}\` prints the right answer.`), details);
  },
});

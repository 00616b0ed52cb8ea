import { z } from "zod";
import { defineGrader, failed, passed } from "../src/grading/grader.js";
import { localized, type Localized } from "../src/i18n.js";
import { tail } from "./support/container-excerpt.js";
import { regexOption } from "./support/regex-option.js";

export default defineGrader({
  kind: "container.exec",
  description: "A command run in the shared container (`docker exec`) exits with the expected code and output.",
  needs: "container",
  options: {
    command: z.array(z.string().min(1)).min(1).describe("Command to run (argv, no shell), e.g. [python, -c, 'import flask']."),
    user: z.string().min(1).optional().describe("User to run it as (`docker exec --user`); the image's user when absent."),
    exitCode: z.number().int().default(0).describe("Expected exit code."),
    stdout: regexOption().optional().describe("Regular expression the standard output (final newline removed) must match."),
    stderr: regexOption().optional().describe("Regular expression the error output (final newline removed) must match."),
    timeoutSeconds: z.number().positive().default(30).describe("Seconds the command may run."),
  },
  async run({ command, user, exitCode, stdout, stderr, timeoutSeconds }, context) {
    const container = await context.container();
    const result = await container.exec(command, { timeoutMs: timeoutSeconds * 1000, ...(user ? { user } : {}) });
    const shown = `\`${command.join(" ")}\`${user ? ` (--user ${user})` : ""}`;
    const output = `\n  stdout: ${tail(result.stdout)}\n  stderr: ${tail(result.stderr)}`;
    const expected = [`exit ${exitCode}`, stdout ? `stdout ~ /${stdout}/` : "", stderr ? `stderr ~ /${stderr}/` : ""].filter(Boolean).join(", ");
    const actual = result.timedOut ? `timeout ${timeoutSeconds} s` : `exit ${result.exitCode}`;
    if (result.timedOut) {
      return failed(
        localized(
          `${shown} ne s'est pas terminée en ${timeoutSeconds} s : attend-elle une entrée, ou l'application est-elle bloquée ?${output}`,
          `${shown} did not finish within ${timeoutSeconds} s: does it wait for input, or is the app stuck?${output}`,
        ),
        { expected, actual },
      );
    }
    const problems: Localized[] = [];
    // Output is matched without its final newline, so `^app$` matches what `whoami` prints.
    if (result.exitCode !== exitCode) {
      problems.push(localized(`code de sortie ${result.exitCode}, attendu ${exitCode}`, `exit code ${result.exitCode}, expected ${exitCode}`));
    }
    if (stdout && !new RegExp(stdout).test(result.stdout.trimEnd())) {
      problems.push(localized(`la sortie standard ne correspond pas à /${stdout}/`, `standard output does not match /${stdout}/`));
    }
    if (stderr && !new RegExp(stderr).test(result.stderr.trimEnd())) {
      problems.push(localized(`la sortie d'erreur ne correspond pas à /${stderr}/`, `error output does not match /${stderr}/`));
    }
    if (problems.length > 0) {
      return failed(
        localized(`${shown} : ${problems.map((p) => p.fr).join(" ; ")}.${output}`, `${shown}: ${problems.map((p) => p.en).join("; ")}.${output}`),
        { expected, actual },
      );
    }
    return passed(localized(`${shown} : code ${result.exitCode}.`, `${shown}: exit code ${result.exitCode}.`), { expected, actual });
  },
});

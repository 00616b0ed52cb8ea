import { z } from "zod";
import { defineGrader } from "../src/grading/grader.js";
import { localized } from "../src/i18n.js";
import { commandOptions, commandVerdict } from "./support/command-verdict.js";
import { expandLikeGo } from "./support/expand-env.js";

/** The image's ENV (`NAME=value` lines) as a lookup; an unset name is empty. */
function imageEnvLookup(env: string[]): (name: string) => string {
  const values = new Map(env.map((line) => [line.split("=", 1)[0]!, line.slice(line.indexOf("=") + 1)]));
  return (name) => values.get(name) ?? "";
}

export default defineGrader({
  kind: "image.command",
  description:
    'A command run in a new container of the image, its entrypoint cleared and no network (`docker run --rm --entrypoint ""`), exits with the expected code and output: what the image holds, before its CMD has run anything.',
  needs: "image",
  concurrent: true,
  options: {
    ...commandOptions,
    env: z
      .record(z.string().regex(/^[^=\s]+$/, "a variable name"), z.string())
      .optional()
      .describe("Variables added to the image's ENV for this command (`docker run -e NAME=value`)."),
    expandEnv: z
      .boolean()
      .optional()
      .describe(
        "true: `$NAME` and `${NAME}` in the command are replaced by the image's ENV before it runs (unset: empty), as container-structure-test does.",
      ),
  },
  async run(expected, context) {
    const { user, env, timeoutSeconds } = expected;
    let { command } = expected;
    if (expected.expandEnv) {
      const lookup = imageEnvLookup((await context.image()).config.env);
      command = command.map((arg) => expandLikeGo(arg, lookup));
    }
    const result = await context.runInNewContainer(command, {
      user,
      ...(env ? { env } : {}),
      timeoutMs: timeoutSeconds * 1000,
    });
    return commandVerdict(
      { ...expected, command },
      result,
      localized("dans un nouveau conteneur de l'image", "in a new container of the image"),
    );
  },
});

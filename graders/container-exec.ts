import { defineGrader } from "../src/grading/grader.js";
import { localized } from "../src/i18n.js";
import { commandOptions, commandVerdict } from "./support/command-verdict.js";

export default defineGrader({
  kind: "container.exec",
  description: "A command run in the shared container (`docker exec`) exits with the expected code and output.",
  needs: "container",
  options: commandOptions,
  async run(expected, context) {
    const container = await context.container();
    const { command, user, timeoutSeconds } = expected;
    const result = await container.exec(command, { timeoutMs: timeoutSeconds * 1000, ...(user ? { user } : {}) });
    return commandVerdict(expected, result, localized("dans le conteneur", "in the container"));
  },
});

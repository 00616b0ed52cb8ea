import { z } from "zod";
import { defineGrader, failed, passed } from "../src/grading/grader.js";
import type { DockerfileModel } from "../src/grading/context.js";
import { localized } from "../src/i18n.js";
import { lintRuleIds, lintRules, type LintFinding, type LintRuleId } from "./support/lint-rules.js";

export { lintRuleIds, type LintFinding, type LintRuleId };

/** Every finding of the chosen rules, in Dockerfile order. Pure: reads only the static model. */
export function lintDockerfile(model: DockerfileModel, rules: readonly LintRuleId[] = lintRuleIds): LintFinding[] {
  return [...new Set(rules)].flatMap((rule) => lintRules[rule](model)).sort((a, b) => a.line - b.line);
}

const listing = (findings: LintFinding[], lang: "fr" | "en") =>
  findings
    .map(
      (finding) => `\n  ${lang === "fr" ? "ligne" : "line"} ${finding.line} [${finding.rule}] ${finding.message[lang]}`,
    )
    .join("");

export default defineGrader({
  kind: "dockerfile.lint",
  description:
    "Static checks of the Dockerfile's good practices: pinned base, joined RUNs, cache-friendly order, no package caches.",
  needs: "dockerfile",
  options: {
    rules: z
      .array(z.enum(lintRuleIds))
      .min(1)
      .optional()
      .describe(
        "Rules applied (default: all): from-unpinned, consecutive-run, copy-before-install, apt-cache, pip-cache.",
      ),
    max: z.number().int().min(0).default(0).describe("Findings allowed before the check fails."),
  },
  async run({ rules, max }, context) {
    const dockerfile = context.dockerfile();
    const findings = lintDockerfile(dockerfile, rules ?? lintRuleIds);
    const expected = `<= ${max}`;
    const actual = String(findings.length);
    if (findings.length > max) {
      return failed(
        localized(
          `${dockerfile.path} : ${findings.length} problème(s), au plus ${max} permis :${listing(findings, "fr")}`,
          `${dockerfile.path}: ${findings.length} finding(s), at most ${max} allowed:${listing(findings, "en")}`,
        ),
        { expected, actual },
      );
    }
    if (findings.length === 0) {
      return passed(localized(`${dockerfile.path} : aucun problème.`, `${dockerfile.path}: no finding.`), {
        expected,
        actual,
      });
    }
    return passed(
      localized(
        `${dockerfile.path} : ${findings.length} problème(s), ${max} permis :${listing(findings, "fr")}`,
        `${dockerfile.path}: ${findings.length} finding(s), ${max} allowed:${listing(findings, "en")}`,
      ),
      { expected, actual },
    );
  },
});

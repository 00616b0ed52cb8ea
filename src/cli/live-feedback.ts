import { formatDuration } from "../format.js";
import type { CheckResult } from "../grading/result.js";
import { pick, type Lang } from "../i18n.js";
import { MARKS } from "../report/text.js";

export interface LiveFeedback {
  check(result: CheckResult): void;
  stop(): void;
}

/**
 * One submission's verdicts as each check ends, the Dockerfile's own checks first, before the
 * build starts. On a terminal the lines are erased once the report is printed; in a CI log they stay.
 */
export function liveFeedback(stream: NodeJS.WriteStream, lang: Lang, began = Date.now()): LiveFeedback {
  let lines = 0;
  const shown = new Set<string>();
  return {
    check(result) {
      // The Dockerfile's checks show first, before grading, which then runs them again.
      if (result.visibility !== "visible" || shown.has(result.id)) return;
      shown.add(result.id);
      const at = formatDuration(Date.now() - began);
      stream.write(`  ${MARKS[result.status]} ${pick(result.title, lang)} ${lang === "fr" ? "à" : "at"} ${at}\n`);
      lines += 1;
    },
    stop() {
      if (stream.isTTY && lines > 0) stream.write(`\x1b[${lines}A\x1b[J`);
    },
  };
}

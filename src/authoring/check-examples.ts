import type { CheckKind } from "../../graders/index.js";
import type { Localized } from "../i18n.js";
import { containerExamples } from "./check-examples/container-examples.js";
import { imageExamples } from "./check-examples/image-examples.js";
import type { ExampleSituation } from "./example-context.js";

/** A check of one kind as an instructor would write it, and a submission that fails it. */
export interface CheckExample {
  id: string;
  points: number;
  title: Localized;
  hint: Localized;
  /** The kind's own options, as in exercise.yaml. */
  options: Record<string, unknown>;
  /** What the check reads of a submission that fails it: the reference shows the real message. */
  failing: ExampleSituation;
}

/** One example per check kind: a new kind does not compile until it has one. */
export const checkExamples: Record<CheckKind, CheckExample> = { ...imageExamples, ...containerExamples };

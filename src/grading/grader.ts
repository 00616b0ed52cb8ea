import type { z } from "zod";
import type { Localized } from "../i18n.js";
import type { GradingContext } from "./context.js";

/** What a check kind needs before it can run; the runner builds or starts it once, lazily. */
export type Requirement = "dockerfile" | "image" | "container";

export interface CheckOutcome {
  status: "pass" | "fail";
  message: Localized;
  expected?: string;
  actual?: string;
}

export interface GraderDefinition<Options extends z.ZodRawShape = z.ZodRawShape> {
  /** `family.name`, e.g. `image.tags`. */
  kind: string;
  /** Short description of the kind, shown in the JSON Schema. */
  description: string;
  /** The kind's own options; common fields (id, points, hint...) are added by the spec. */
  options: Options;
  needs: Requirement;
  /**
   * True when the check changes the shared container (e.g. makes the app fail on purpose):
   * such checks run after every other check of the submission.
   */
  disruptsContainer?: boolean;
  /**
   * True when the check changes nothing other checks read and runs nothing in the container nor
   * calls the app (it reads the image or the container, or builds a copy): such checks run side
   * by side. The others run one at a time, so that an exec or a request cannot show in a read.
   */
  concurrent?: boolean;
  /** True when the check builds the submission a second time (build.cache): counted in reports. */
  rebuilds?: boolean;
  run(options: z.infer<z.ZodObject<Options>>, context: GradingContext): Promise<CheckOutcome>;
}

export function defineGrader<Options extends z.ZodRawShape>(
  definition: GraderDefinition<Options>,
): GraderDefinition<Options> {
  return definition;
}

export function passed(message: Localized, details: Partial<CheckOutcome> = {}): CheckOutcome {
  return { ...details, status: "pass", message };
}

export function failed(message: Localized, details: Partial<CheckOutcome> = {}): CheckOutcome {
  return { ...details, status: "fail", message };
}

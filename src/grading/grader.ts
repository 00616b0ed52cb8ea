import type { z } from "zod";
import type { Localized, Text } from "../i18n.js";
import type { ContextFor } from "./context.js";

/** What a check kind needs before it can run; the runner builds or starts it once, lazily. */
export type Requirement = keyof ContextFor;

export interface CheckOutcome {
  status: "pass" | "fail";
  message: Localized;
  expected?: Text;
  actual?: Text;
}

export interface GraderDefinition<
  Kind extends string = string,
  Needs extends Requirement = Requirement,
  Options extends z.ZodRawShape = z.ZodRawShape,
> {
  /** `family.name`, e.g. `image.tags`. */
  kind: Kind;
  /** Short description of the kind, shown in the JSON Schema. */
  description: string;
  /** The kind's own options; common fields (id, points, hint...) are added by the spec. */
  options: Options;
  needs: Needs;
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
  run(options: z.infer<z.ZodObject<Options>>, context: ContextFor[Needs]): Promise<CheckOutcome>;
}

/** Declares a check kind; the kind's name stays a literal type, so the registry can list every kind. */
export function defineGrader<const Kind extends string, Needs extends Requirement, Options extends z.ZodRawShape>(
  definition: GraderDefinition<Kind, Needs, Options>,
): GraderDefinition<Kind, Needs, Options> {
  return definition;
}

export function passed(message: Localized, details: Partial<CheckOutcome> = {}): CheckOutcome {
  return { ...details, status: "pass", message };
}

export function failed(message: Localized, details: Partial<CheckOutcome> = {}): CheckOutcome {
  return { ...details, status: "fail", message };
}

import { z } from "zod";
import type { GraderDefinition } from "../../../src/grading/grader.js";

/** Validates a check's options as the spec loader would (only the kind's own fields). */
export function checkOptions(grader: GraderDefinition<any>, options: Record<string, unknown>) {
  return z.object(grader.options).strict().safeParse(options);
}

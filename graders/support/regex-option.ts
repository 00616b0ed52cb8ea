import { z } from "zod";

/** True when `pattern` compiles as a JavaScript regular expression. */
export function isValidRegex(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/**
 * A regular expression written as a string in the spec. A pattern that does not compile is the
 * spec author's mistake, so the spec loader reports it (with file, line and field) rather than
 * the grader failing at run time. Add `.describe(...)` where it is used.
 */
export function regexOption() {
  return z.string().refine(isValidRegex, { message: "not a valid regular expression" });
}

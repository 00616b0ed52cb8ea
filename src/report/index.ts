import type { RunResult } from "../grading/result.js";
import type { Lang } from "../i18n.js";
import { renderJson } from "./json.js";
import { renderText } from "./text.js";

export interface ReportOptions {
  lang: Lang;
  showHidden?: boolean;
}

/** Output formats by name; a new format is one file plus one line here. */
export const reporters: Record<string, (run: RunResult, options: ReportOptions) => string> = {
  text: renderText,
  json: (run) => renderJson(run),
};

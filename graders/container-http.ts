import { z } from "zod";
import { defineGrader, failed, passed } from "../src/grading/grader.js";
import type { HttpAnswer } from "../src/grading/context.js";
import { localized } from "../src/i18n.js";
import { head } from "./support/container-excerpt.js";
import { poll, hasStopped } from "./support/container-polling.js";
import { regexOption } from "./support/regex-option.js";

/** Per request: long enough for a slow first answer, short enough to leave room for retries. */
const requestTimeoutMs = 5000;

export default defineGrader({
  kind: "container.http",
  description: "An HTTP GET on a published port of the shared container answers with the expected status and body.",
  needs: "container",
  options: {
    port: z
      .number()
      .int()
      .min(1)
      .max(65535)
      .describe("Container port (it must be listed in the exercise's run.ports)."),
    path: z.string().startsWith("/").default("/").describe("Path requested, e.g. /health."),
    status: z.number().int().min(100).max(599).default(200).describe("Expected HTTP status."),
    bodyPattern: regexOption()
      .optional()
      .describe("Regular expression the response body (final newline removed) must match."),
    retries: z
      .number()
      .int()
      .min(0)
      .default(20)
      .describe("Further attempts after a connection error or another status (the app may still be starting)."),
    intervalMs: z.number().int().min(0).default(500).describe("Milliseconds between attempts."),
  },
  async run({ port, path, status, bodyPattern, retries, intervalMs }, context) {
    const container = await context.container();
    const target = `GET :${port}${path}`;
    const expected = `${status}${bodyPattern ? ` ~ /${bodyPattern}/` : ""}`;
    const {
      value: answer,
      attempts,
      settled,
    } = await poll(
      () => container.httpGet(port, path, requestTimeoutMs),
      (reply: HttpAnswer) => "status" in reply && reply.status === status,
      { intervalMs, maxAttempts: retries + 1, settled: hasStopped(container) },
    );
    // A stopped app will never answer: the runner reports why it stopped (exit code, last lines).
    if (settled && "error" in answer) throw new Error(`the container stopped before ${target} answered`);
    const tries = `${attempts} essai(s)`;
    const triesEn = `${attempts} attempt(s)`;
    if ("error" in answer) {
      return failed(
        localized(
          `${target} : pas de réponse après ${tries} (${answer.error}). L'application écoute-t-elle sur 0.0.0.0:${port} (et non 127.0.0.1) ?`,
          `${target}: no answer after ${triesEn} (${answer.error}). Does the app listen on 0.0.0.0:${port} (not 127.0.0.1)?`,
        ),
        { expected, actual: answer.error },
      );
    }
    const body = `\n  ${head(answer.body)}`;
    if (answer.status !== status) {
      return failed(
        localized(
          `${target} : statut ${answer.status} après ${tries}, attendu ${status}. Réponse :${body}`,
          `${target}: status ${answer.status} after ${triesEn}, expected ${status}. Body:${body}`,
        ),
        { expected, actual: String(answer.status) },
      );
    }
    if (bodyPattern && !new RegExp(bodyPattern).test(answer.body.trimEnd())) {
      return failed(
        localized(
          `${target} : statut ${status}, mais la réponse ne correspond pas à /${bodyPattern}/ :${body}`,
          `${target}: status ${status}, but the body does not match /${bodyPattern}/:${body}`,
        ),
        { expected, actual: `${answer.status} ${head(answer.body, 80)}` },
      );
    }
    return passed(localized(`${target} → ${answer.status}.`, `${target} → ${answer.status}.`), {
      expected,
      actual: String(answer.status),
    });
  },
});

import { z } from "zod";
import { graders, type CheckKind } from "../../graders/index.js";

// zod compiles a fast path for object schemas on their first parse (~10 ms here). dockgrade parses
// an exercise's spec once per run, before its first verdict: interpreting is quicker than compiling.
z.config({ jitless: true });

export const localizedSchema = z
  .object({
    fr: z.string().min(1).describe("Texte en français"),
    en: z.string().min(1).describe("English text"),
  })
  .strict();

export const commonCheckFields = {
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, "lowercase letters, digits and dashes")
    .describe("Stable identifier of the check within the exercise, e.g. base-pinned."),
  points: z.number().min(0).describe("Points earned when the check passes."),
  title: localizedSchema.describe("What the check verifies, as the learner reads it."),
  hint: localizedSchema.describe("What to do when the check fails."),
  visibility: z
    .enum(["visible", "hidden", "after-due-date"])
    .default("visible")
    .describe("Who sees the check: everyone, the instructor only, or learners once the due date has passed."),
};

/** One zod object per registered check kind, tagged by `kind`. */
export const checkSchema = z.discriminatedUnion(
  "kind",
  graders.map((grader) =>
    z
      .object({ ...commonCheckFields, kind: z.literal(grader.kind), ...grader.options })
      .strict()
      .describe(grader.description),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
);

export const limitsSchema = z
  .object({
    buildSeconds: z.number().positive().default(300).describe("Wall time allowed for the build."),
    startSeconds: z.number().positive().default(60).describe("Wall time allowed for the container to start."),
    checkSeconds: z.number().positive().default(120).describe("Wall time allowed for each check."),
    commandSeconds: z.number().positive().default(60).describe("Wall time allowed for each learner command."),
    memoryMb: z.number().int().positive().default(512).describe("Memory limit of the container, in MiB."),
    cpus: z.number().positive().default(1).describe("CPUs the container may use."),
    pids: z.number().int().positive().default(256).describe("Most processes the container may run."),
    outputKb: z.number().int().positive().default(256).describe("Cap on captured logs and command output, in KiB."),
    diskMb: z
      .number()
      .int()
      .positive()
      .default(1024)
      .describe(
        "Most a build step or the container may write, in MB (checked twice a second; a fast disk writes past it before the stop).",
      ),
    contextMb: z.number().positive().default(200).describe("Largest build context, in MB; refused before upload."),
  })
  .strict();

export const exerciseSchema = z
  .object({
    id: z
      .string()
      .regex(/^[\w.-]+\/[\w.-]+$/, "<chapter>/<exercise>")
      .describe("Chapter and exercise folder, e.g. 03-images-conteneurs/01-tags."),
    title: localizedSchema.describe("Exercise title."),
    section: z.string().optional().describe("Course section the exercise practises, e.g. 3.2."),
    points: z.number().positive().describe("Total points; must equal the sum of the checks' points."),
    baseImages: z
      .array(z.string().min(1))
      .default([])
      .describe(
        "Base images submissions may use (e.g. python:3.11-slim); `dockgrade doctor --fix` makes them available.",
      ),
    build: z
      .object({
        dockerfile: z.string().default("Dockerfile").describe("Dockerfile path, relative to the submission."),
        context: z.string().default(".").describe("Build context, relative to the submission."),
        tag: z.string().optional().describe("Image name the learner is asked to use; the grader's build carries it."),
      })
      .strict()
      .default({ dockerfile: "Dockerfile", context: "." })
      .describe("What to build from the submission."),
    commands: z
      .object({
        file: z.string().describe("The learner's file of docker commands, e.g. commandes.sh."),
        required: z.boolean().default(true).describe("A missing file fails the checks that read it."),
      })
      .strict()
      .optional()
      .describe("Docker commands the learner would type; run as argv, never through a shell."),
    run: z
      .object({
        ports: z
          .array(z.number().int().min(1).max(65535))
          .default([])
          .describe("Container ports to publish on the host."),
        env: z.record(z.string(), z.string()).default({}).describe("Environment variables."),
        network: z
          .boolean()
          .optional()
          .describe("Give the container a network (default: only when ports are published)."),
        name: z
          .string()
          .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/)
          .optional()
          .describe("Name the learner uses for the container in their commands (e.g. web); isolated per submission."),
      })
      .strict()
      .default({ ports: [], env: {} })
      .describe("How to run the container the checks share."),
    limits: limitsSchema.default(limitsSchema.parse({})).describe("Time and resource limits."),
    checks: z.array(checkSchema).min(1).describe("What is graded, in order."),
  })
  .strict();

const commonCheckSchema = z.object({ ...commonCheckFields, kind: z.string() });
/** A check as the spec states it: the common fields plus its kind's own options. */
export type CheckSpec = Omit<z.infer<typeof commonCheckSchema>, "kind"> & { kind: CheckKind } & Record<string, unknown>;
export type Exercise = Omit<z.infer<typeof exerciseSchema>, "checks"> & { checks: CheckSpec[] };
export type Limits = z.infer<typeof limitsSchema>;

export function exerciseJsonSchema(): unknown {
  return z.toJSONSchema(exerciseSchema, { io: "input", target: "draft-7" });
}

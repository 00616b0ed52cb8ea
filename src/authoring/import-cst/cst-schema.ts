import { z } from "zod";

/**
 * A container-structure-test file, schemaVersion 2.0.0, as its Go types read it
 * (pkg/types/v2 in GoogleContainerTools/container-structure-test). Go's YAML decoder turns
 * numbers and booleans into strings where a string is expected, so these schemas do too; unlike
 * Go's decoder, an unknown field is an error here, because container-structure-test would skip
 * it without a word (e.g. `envVariableTests`, which does not exist).
 */
const goString = z
  .union([z.string(), z.number(), z.boolean()], {
    error: (issue) =>
      issue.input === undefined || issue.input === null
        ? "required"
        : Array.isArray(issue.input)
          ? "expected a string, found a list (schemaVersion 2.0.0 takes command: the program, args: the rest)"
          : "expected a string",
  })
  .transform(String);
const goStrings = z.array(goString).nullish();

const envVarSchema = z.object({ key: goString, value: goString.default(""), isRegex: z.boolean().optional() }).strict();
export type CstEnvVar = z.infer<typeof envVarSchema>;

const commandTestSchema = z
  .object({
    name: goString.pipe(z.string().min(1, "every test needs a name")),
    command: goString.pipe(z.string().min(1, "a command to run")),
    args: goStrings,
    envVars: z.array(envVarSchema).nullish(),
    exitCode: z.number().int().default(0),
    expectedOutput: goStrings,
    excludedOutput: goStrings,
    expectedError: goStrings,
    excludedError: goStrings,
    setup: z.array(z.array(goString)).nullish(),
    teardown: z.array(z.array(goString)).nullish(),
  })
  .strict();
export type CstCommandTest = z.infer<typeof commandTestSchema>;

const fileExistenceTestSchema = z
  .object({
    name: goString.pipe(z.string().min(1, "every test needs a name")),
    path: goString.pipe(z.string().min(1, "a path")),
    shouldExist: z.boolean().default(true),
    permissions: goString.optional(),
    uid: z.number().int().default(-1),
    gid: z.number().int().default(-1),
    isExecutableBy: z.enum(["any", "owner", "group", "other"]).optional(),
  })
  .strict();
export type CstFileExistenceTest = z.infer<typeof fileExistenceTestSchema>;

const fileContentTestSchema = z
  .object({
    name: goString.pipe(z.string().min(1, "every test needs a name")),
    path: goString.pipe(z.string().min(1, "a path")),
    expectedContents: goStrings,
    excludedContents: goStrings,
  })
  .strict();
export type CstFileContentTest = z.infer<typeof fileContentTestSchema>;

const metadataTestSchema = z
  .object({
    envVars: z.array(envVarSchema).nullish(),
    unboundEnvVars: z.array(envVarSchema).nullish(),
    labels: z.array(envVarSchema).nullish(),
    exposedPorts: goStrings,
    unexposedPorts: goStrings,
    volumes: goStrings,
    unmountedVolumes: goStrings,
    entrypoint: goStrings,
    cmd: goStrings,
    workdir: goString.optional(),
    user: goString.optional(),
  })
  .strict();
export type CstMetadataTest = z.infer<typeof metadataTestSchema>;

const licenseTestSchema = z.object({ debian: z.boolean().default(false), files: goStrings }).strict();

const containerRunOptionsSchema = z
  .object({
    user: goString.optional(),
    privileged: z.boolean().optional(),
    allocateTty: z.boolean().optional(),
    envVars: goStrings,
    envFile: goString.optional(),
    capabilities: goStrings,
    bindMounts: goStrings,
  })
  .strict();
export type CstContainerRunOptions = z.infer<typeof containerRunOptionsSchema>;

export const cstFileSchema = z
  .object({
    schemaVersion: z.literal("2.0.0"),
    globalEnvVars: z.array(envVarSchema).nullish(),
    commandTests: z.array(commandTestSchema).nullish(),
    fileExistenceTests: z.array(fileExistenceTestSchema).nullish(),
    fileContentTests: z.array(fileContentTestSchema).nullish(),
    metadataTest: metadataTestSchema.nullish(),
    licenseTests: z.array(licenseTestSchema).nullish(),
    containerRunOptions: containerRunOptionsSchema.nullish(),
  })
  .strict();
export type CstFile = z.infer<typeof cstFileSchema>;

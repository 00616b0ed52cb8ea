import { z } from "zod";
import { defineGrader, failed, passed } from "../src/grading/grader.js";
import type { ImageConfig } from "../src/grading/context.js";
import { localized } from "../src/i18n.js";
import { parseIdFile } from "./image-file.js";
import { regexOption } from "./support/regex-option.js";

export interface ConfigMismatch {
  field: string;
  expected: string;
  actual: string;
}

/** The image's accounts (/etc/passwd): name -> uid. */
export type Accounts = Map<string, number>;

/**
 * Who the container really runs as, as Docker resolves USER against the image's /etc/passwd: a
 * number is taken as is; a name must be an account of the image (`docker run` fails otherwise),
 * and another name for uid 0 is root all the same.
 */
export function resolveUser(user: string, accounts: Accounts): { uid?: number; unknownName?: string } {
  const name = user.split(":")[0] ?? "";
  if (name === "") return { uid: 0 };
  if (/^\d+$/.test(name)) return { uid: Number(name) };
  const uid = accounts.get(name);
  return uid === undefined ? { unknownName: name } : { uid };
}

/** EXPOSE 8000 means 8000/tcp. */
const normalizePort = (port: string) => (port.includes("/") ? port : `${port}/tcp`);
const show = (value: unknown) => (value === undefined ? "(absent)" : JSON.stringify(value));
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((item, index) => item === b[index]);
const sameSet = (a: string[], b: string[]) => sameList([...a].sort(), [...b].sort());

function parseEnv(lines: string[]): Map<string, string> {
  return new Map(
    lines.map((line) =>
      line.includes("=") ? [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)] : [line, ""],
    ),
  );
}

const options = {
  env: z
    .record(z.string(), regexOption())
    .optional()
    .describe("Variable name -> regex its value must match; the variable must exist."),
  labels: z
    .record(z.string(), regexOption())
    .optional()
    .describe("Label key -> regex its value must match; the label must exist."),
  exposedPorts: z
    .array(z.string().regex(/^\d+(\/(tcp|udp|sctp))?$/))
    .optional()
    .describe("Exactly the exposed ports, e.g. [8000/tcp]; 8000 means 8000/tcp."),
  user: regexOption().optional().describe('Regex on USER; "" means root (USER unset, root or 0).'),
  notRoot: z.boolean().optional().describe("true: USER is set and is not root or 0; false: the image runs as root."),
  workdir: z.string().optional().describe("WORKDIR, exactly, e.g. /app."),
  cmd: z.array(z.string()).optional().describe('CMD in exec form, exactly, e.g. ["python", "app.py"].'),
  entrypoint: z.array(z.string()).nullable().optional().describe("ENTRYPOINT in exec form, exactly; null: none."),
  volumes: z.array(z.string()).optional().describe("Exactly the declared volumes, e.g. [/data]."),
  healthcheck: z.boolean().optional().describe("true: a HEALTHCHECK is defined; false: none."),
  envAbsent: z.array(z.string()).optional().describe("Variables that must not be set in the image's ENV."),
  exposedPortsInclude: z
    .array(z.string().regex(/^\d+$/, "a port number"))
    .optional()
    .describe("Port numbers that must be exposed (any protocol); others may be too."),
  exposedPortsExclude: z
    .array(z.string().regex(/^\d+$/, "a port number"))
    .optional()
    .describe("Port numbers that must not be exposed (any protocol)."),
  volumesInclude: z.array(z.string()).optional().describe("Volumes that must be declared; others may be too."),
  volumesExclude: z.array(z.string()).optional().describe("Volumes that must not be declared."),
};

type ConfigExpectations = z.infer<z.ZodObject<typeof options>>;

/** Every field of `expected` that the image's configuration does not satisfy (USER read with the image's accounts). */
export function configMismatches(
  expected: ConfigExpectations,
  config: ImageConfig,
  accounts: Accounts = new Map([["root", 0]]),
): ConfigMismatch[] {
  const found: ConfigMismatch[] = [];
  const mismatch = (field: string, wanted: string, actual: string) => found.push({ field, expected: wanted, actual });
  const env = parseEnv(config.env);
  for (const [name, pattern] of Object.entries(expected.env ?? {})) {
    const value = env.get(name);
    if (value === undefined || !new RegExp(pattern).test(value)) mismatch(`env.${name}`, `/${pattern}/`, show(value));
  }
  for (const [key, pattern] of Object.entries(expected.labels ?? {})) {
    const value = config.labels[key];
    if (value === undefined || !new RegExp(pattern).test(value)) mismatch(`labels.${key}`, `/${pattern}/`, show(value));
  }
  if (
    expected.exposedPorts &&
    !sameSet(expected.exposedPorts.map(normalizePort), config.exposedPorts.map(normalizePort))
  ) {
    mismatch("exposedPorts", show(expected.exposedPorts.map(normalizePort)), show(config.exposedPorts));
  }
  const runsAs = resolveUser(config.user, accounts);
  const asShown =
    runsAs.uid !== undefined && runsAs.uid !== Number(config.user.split(":")[0]) && config.user !== ""
      ? `${show(config.user)} (uid ${runsAs.uid})`
      : show(config.user);
  if (runsAs.unknownName !== undefined && (expected.user !== undefined || expected.notRoot !== undefined)) {
    mismatch(
      "user",
      `an account of the image / un compte de l'image`,
      `${show(config.user)}: no such account in /etc/passwd / aucun compte de ce nom`,
    );
  } else {
    if (expected.user !== undefined) {
      const ok = expected.user === "" ? runsAs.uid === 0 : new RegExp(expected.user).test(config.user);
      if (!ok) mismatch("user", expected.user === "" ? "root" : `/${expected.user}/`, asShown);
    }
    if (expected.notRoot !== undefined && (runsAs.uid === 0) === expected.notRoot) {
      mismatch("user", expected.notRoot ? "≠ root (uid ≠ 0)" : "root", asShown);
    }
  }
  if (expected.workdir !== undefined && expected.workdir !== config.workdir)
    mismatch("workdir", show(expected.workdir), show(config.workdir));
  if (expected.cmd && !sameList(expected.cmd, config.cmd ?? [])) mismatch("cmd", show(expected.cmd), show(config.cmd));
  // ENTRYPOINT [] and no ENTRYPOINT mean the same to Docker.
  if (expected.entrypoint !== undefined && !sameList(expected.entrypoint ?? [], config.entrypoint ?? [])) {
    mismatch("entrypoint", show(expected.entrypoint), show(config.entrypoint));
  }
  if (expected.volumes && !sameSet(expected.volumes, config.volumes))
    mismatch("volumes", show(expected.volumes), show(config.volumes));
  for (const name of expected.envAbsent ?? []) {
    if (env.has(name)) mismatch(`env.${name}`, "(absent)", show(env.get(name)));
  }
  const portNumbers = config.exposedPorts.map((port) => port.split("/")[0]!);
  for (const port of expected.exposedPortsInclude ?? []) {
    if (!portNumbers.includes(port)) mismatch("exposedPorts", `⊇ ${port}`, show(config.exposedPorts));
  }
  for (const port of expected.exposedPortsExclude ?? []) {
    if (portNumbers.includes(port)) mismatch("exposedPorts", `∌ ${port}`, show(config.exposedPorts));
  }
  for (const volume of expected.volumesInclude ?? []) {
    if (!config.volumes.includes(volume)) mismatch("volumes", `⊇ ${volume}`, show(config.volumes));
  }
  for (const volume of expected.volumesExclude ?? []) {
    if (config.volumes.includes(volume)) mismatch("volumes", `∌ ${volume}`, show(config.volumes));
  }
  if (expected.healthcheck !== undefined) {
    const present = config.healthcheck !== null && config.healthcheck.test[0] !== "NONE";
    if (present !== expected.healthcheck) {
      mismatch(
        "healthcheck",
        expected.healthcheck ? "HEALTHCHECK" : "(absent)",
        present ? show(config.healthcheck?.test) : "(absent)",
      );
    }
  }
  return found;
}

export default defineGrader({
  kind: "image.config",
  description:
    "The image's configuration (docker inspect .Config): env, labels, ports, user, workdir, cmd, entrypoint, volumes, healthcheck.",
  needs: "image",
  concurrent: true,
  options,
  async run(expected, context) {
    const { config } = await context.image();
    const readsUser = expected.user !== undefined || expected.notRoot !== undefined;
    const accounts: Accounts = readsUser ? parseIdFile((await context.imageFile("/etc/passwd"))?.content) : new Map();
    if (!accounts.has("root")) accounts.set("root", 0);
    const mismatches = configMismatches(expected, config, accounts);
    const expectedText = mismatches.map((m) => `${m.field}: ${m.expected}`).join("; ");
    const actualText = mismatches.map((m) => `${m.field}: ${m.actual}`).join("; ");
    if (mismatches.length > 0) {
      const lines = (colon: string, expectedWord: string, foundWord: string) =>
        mismatches
          .map((m) => `\n  ${m.field}${colon} ${expectedWord} ${m.expected}, ${foundWord} ${m.actual}`)
          .join("");
      return failed(
        localized(
          `La configuration de l'image ne correspond pas (${mismatches.length} écart(s)) :${lines(" :", "attendu", "trouvé")}\nVérifiez les instructions ENV, LABEL, EXPOSE, USER, WORKDIR, CMD, ENTRYPOINT, VOLUME et HEALTHCHECK du Dockerfile.`,
          `The image configuration does not match (${mismatches.length} difference(s)):${lines(":", "expected", "found")}\nCheck the Dockerfile's ENV, LABEL, EXPOSE, USER, WORKDIR, CMD, ENTRYPOINT, VOLUME and HEALTHCHECK instructions.`,
        ),
        { expected: expectedText, actual: actualText },
      );
    }
    const checked = Object.entries(expected)
      .filter(([, value]) => value !== undefined)
      .map(([field]) => field);
    return passed(
      localized(
        `Configuration conforme (${checked.join(", ") || "aucun champ"}).`,
        `Configuration as expected (${checked.join(", ") || "no field"}).`,
      ),
    );
  },
});

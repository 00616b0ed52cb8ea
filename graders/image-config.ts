import { z } from "zod";
import { defineGrader, failed, passed } from "../src/grading/grader.js";
import type { ImageConfig } from "../src/grading/context.js";
import { localized } from "../src/i18n.js";
import { regexOption } from "./support/regex-option.js";

export interface ConfigMismatch {
  field: string;
  expected: string;
  actual: string;
}

/** Empty, `root` or uid 0, with or without a group: the container runs as root. */
export function isRootUser(user: string): boolean {
  return user === "" || /^(root|0)(:.*)?$/.test(user);
}

/** EXPOSE 8000 means 8000/tcp. */
const normalizePort = (port: string) => (port.includes("/") ? port : `${port}/tcp`);
const show = (value: unknown) => (value === undefined ? "(absent)" : JSON.stringify(value));
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((item, index) => item === b[index]);
const sameSet = (a: string[], b: string[]) => sameList([...a].sort(), [...b].sort());

function parseEnv(lines: string[]): Map<string, string> {
  return new Map(lines.map((line) => (line.includes("=") ? [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)] : [line, ""])));
}

const options = {
  env: z.record(z.string(), regexOption()).optional().describe("Variable name -> regex its value must match; the variable must exist."),
  labels: z.record(z.string(), regexOption()).optional().describe("Label key -> regex its value must match; the label must exist."),
  exposedPorts: z.array(z.string().regex(/^\d+(\/(tcp|udp|sctp))?$/)).optional().describe("Exactly the exposed ports, e.g. [8000/tcp]; 8000 means 8000/tcp."),
  user: regexOption().optional().describe('Regex on USER; "" means root (USER unset, root or 0).'),
  notRoot: z.boolean().optional().describe("true: USER is set and is not root or 0; false: the image runs as root."),
  workdir: z.string().optional().describe("WORKDIR, exactly, e.g. /app."),
  cmd: z.array(z.string()).optional().describe('CMD in exec form, exactly, e.g. ["python", "app.py"].'),
  entrypoint: z.array(z.string()).nullable().optional().describe("ENTRYPOINT in exec form, exactly; null: none."),
  volumes: z.array(z.string()).optional().describe("Exactly the declared volumes, e.g. [/data]."),
  healthcheck: z.boolean().optional().describe("true: a HEALTHCHECK is defined; false: none."),
};

type ConfigExpectations = z.infer<z.ZodObject<typeof options>>;

/** Every field of `expected` that the image's configuration does not satisfy. */
export function configMismatches(expected: ConfigExpectations, config: ImageConfig): ConfigMismatch[] {
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
  if (expected.exposedPorts && !sameSet(expected.exposedPorts.map(normalizePort), config.exposedPorts.map(normalizePort))) {
    mismatch("exposedPorts", show(expected.exposedPorts.map(normalizePort)), show(config.exposedPorts));
  }
  if (expected.user !== undefined) {
    const ok = expected.user === "" ? isRootUser(config.user) : new RegExp(expected.user).test(config.user);
    if (!ok) mismatch("user", expected.user === "" ? "root" : `/${expected.user}/`, show(config.user));
  }
  if (expected.notRoot !== undefined && isRootUser(config.user) === expected.notRoot) {
    mismatch("user", expected.notRoot ? "≠ root" : "root", show(config.user));
  }
  if (expected.workdir !== undefined && expected.workdir !== config.workdir) mismatch("workdir", show(expected.workdir), show(config.workdir));
  if (expected.cmd && !sameList(expected.cmd, config.cmd ?? [])) mismatch("cmd", show(expected.cmd), show(config.cmd));
  // ENTRYPOINT [] and no ENTRYPOINT mean the same to Docker.
  if (expected.entrypoint !== undefined && !sameList(expected.entrypoint ?? [], config.entrypoint ?? [])) {
    mismatch("entrypoint", show(expected.entrypoint), show(config.entrypoint));
  }
  if (expected.volumes && !sameSet(expected.volumes, config.volumes)) mismatch("volumes", show(expected.volumes), show(config.volumes));
  if (expected.healthcheck !== undefined) {
    const present = config.healthcheck !== null && config.healthcheck.test[0] !== "NONE";
    if (present !== expected.healthcheck) {
      mismatch("healthcheck", expected.healthcheck ? "HEALTHCHECK" : "(absent)", present ? show(config.healthcheck?.test) : "(absent)");
    }
  }
  return found;
}

export default defineGrader({
  kind: "image.config",
  description: "The image's configuration (docker inspect .Config): env, labels, ports, user, workdir, cmd, entrypoint, volumes, healthcheck.",
  needs: "image",
  concurrent: true,
  options,
  async run(expected, context) {
    const { config } = await context.image();
    const mismatches = configMismatches(expected, config);
    const expectedText = mismatches.map((m) => `${m.field}: ${m.expected}`).join("; ");
    const actualText = mismatches.map((m) => `${m.field}: ${m.actual}`).join("; ");
    if (mismatches.length > 0) {
      const lines = (colon: string, expectedWord: string, foundWord: string) =>
        mismatches.map((m) => `\n  ${m.field}${colon} ${expectedWord} ${m.expected}, ${foundWord} ${m.actual}`).join("");
      return failed(
        localized(
          `La configuration de l'image ne correspond pas (${mismatches.length} écart(s)) :${lines(" :", "attendu", "trouvé")}\nVérifiez les instructions ENV, LABEL, EXPOSE, USER, WORKDIR, CMD, ENTRYPOINT, VOLUME et HEALTHCHECK du Dockerfile.`,
          `The image configuration does not match (${mismatches.length} difference(s)):${lines(":", "expected", "found")}\nCheck the Dockerfile's ENV, LABEL, EXPOSE, USER, WORKDIR, CMD, ENTRYPOINT, VOLUME and HEALTHCHECK instructions.`,
        ),
        { expected: expectedText, actual: actualText },
      );
    }
    const checked = Object.entries(expected).filter(([, value]) => value !== undefined).map(([field]) => field);
    return passed(
      localized(`Configuration conforme (${checked.join(", ") || "aucun champ"}).`, `Configuration as expected (${checked.join(", ") || "no field"}).`),
    );
  },
});

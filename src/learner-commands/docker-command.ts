import { localized, type Localized } from "../i18n.js";
import type { NameIsolation } from "../runtime/name-isolation.js";

/** What an argument is, so it can be checked and its names isolated. */
type Role =
  "plain" | "image-read" | "image-write" | "image-own" | "path" | "container-read" | "object-read" | "container-filter";

interface CommandShape {
  /** Canonical subcommand, e.g. `build` for both `docker build` and `docker image build`. */
  name: string;
  values?: Record<string, Role>;
  booleans?: string[];
  positionals: Role[];
  /** Role of any further positional (e.g. several images to inspect). */
  rest?: Role;
  minPositionals?: number;
  /** Flags whose value is a Go template (`-f` is a filter for `images`, a format for `inspect`). */
  formatFlags?: string[];
  /** `docker top CONTAINER [ps OPTIONS]`: what follows the container goes to `ps` as it is. */
  psOptionsAfterPositionals?: boolean;
  /** The command lists containers: it sees only the submission's own (a label filter is added). */
  listsContainers?: boolean;
}

const BUILD: CommandShape = {
  name: "build",
  values: {
    "-t": "image-write",
    "--tag": "image-write",
    "-f": "path",
    "--file": "path",
    "--build-arg": "plain",
    "--label": "plain",
    "--target": "plain",
  },
  booleans: ["-q", "--quiet", "--no-cache", "--rm", "--force-rm"],
  positionals: ["path"],
  minPositionals: 1,
};
const TAG: CommandShape = { name: "tag", positionals: ["image-read", "image-write"], minPositionals: 2 };
const IMAGES: CommandShape = {
  name: "images",
  values: { "--format": "plain", "--filter": "plain", "-f": "plain" },
  booleans: ["-a", "--all", "-q", "--quiet", "--no-trunc", "--digests"],
  positionals: ["image-read"],
  formatFlags: ["--format"],
};
const HISTORY: CommandShape = {
  name: "history",
  values: { "--format": "plain" },
  booleans: ["-H", "--human", "--no-trunc", "-q", "--quiet"],
  positionals: ["image-read"],
  minPositionals: 1,
  formatFlags: ["--format"],
};
const INSPECT: CommandShape = {
  name: "inspect",
  values: { "-f": "plain", "--format": "plain", "--type": "plain" },
  booleans: ["-s", "--size"],
  positionals: ["object-read"],
  rest: "object-read",
  minPositionals: 1,
  formatFlags: ["-f", "--format"],
};
const IMAGE_INSPECT: CommandShape = {
  ...INSPECT,
  name: "image inspect",
  values: { "-f": "plain", "--format": "plain" },
  positionals: ["image-read"],
  rest: "image-read",
};
const CONTAINER_INSPECT: CommandShape = {
  ...INSPECT,
  name: "container inspect",
  values: { "-f": "plain", "--format": "plain" },
  positionals: ["container-read"],
  rest: "container-read",
};
const TOP: CommandShape = {
  name: "top",
  positionals: ["container-read"],
  minPositionals: 1,
  psOptionsAfterPositionals: true,
};
const PS: CommandShape = {
  name: "ps",
  values: {
    "--filter": "container-filter",
    "-f": "container-filter",
    "--format": "plain",
    "-n": "plain",
    "--last": "plain",
  },
  booleans: ["-a", "--all", "-q", "--quiet", "--no-trunc", "-s", "--size", "-l", "--latest"],
  positionals: [],
  formatFlags: ["--format"],
  listsContainers: true,
};
const DIFF: CommandShape = { name: "diff", positionals: ["container-read"], minPositionals: 1 };
const LOGS: CommandShape = {
  name: "logs",
  values: { "--tail": "plain", "-n": "plain", "--since": "plain", "--until": "plain" },
  booleans: ["-t", "--timestamps", "--details"],
  positionals: ["container-read"],
  minPositionals: 1,
};
const PORT: CommandShape = { name: "port", positionals: ["container-read", "plain"], minPositionals: 1 };
const RMI: CommandShape = {
  name: "rmi",
  booleans: ["-f", "--force", "--no-prune"],
  positionals: ["image-own"],
  rest: "image-own",
  minPositionals: 1,
};

/** The allowlist: `docker <words...>` → shape. Anything else is refused. */
const ALLOWED: Record<string, CommandShape> = {
  build: BUILD,
  "image build": BUILD,
  tag: TAG,
  "image tag": TAG,
  images: IMAGES,
  "image ls": IMAGES,
  "image list": IMAGES,
  history: HISTORY,
  "image history": HISTORY,
  inspect: INSPECT,
  "image inspect": IMAGE_INSPECT,
  "container inspect": CONTAINER_INSPECT,
  top: TOP,
  "container top": TOP,
  ps: PS,
  "container ls": PS,
  "container list": PS,
  "container ps": PS,
  diff: DIFF,
  "container diff": DIFF,
  logs: LOGS,
  "container logs": LOGS,
  port: PORT,
  "container port": PORT,
  rmi: RMI,
  "image rm": RMI,
};

/** Flags that would reach the host; named in the refusal so the learner knows why. */
const HOST_REACHING = new Set([
  "-v",
  "--volume",
  "--mount",
  "--privileged",
  "--pid",
  "--network",
  "--net",
  "--ipc",
  "--userns",
  "--cap-add",
  "--device",
  "-H",
  "--host",
  "--context",
  "--config",
  "--security-opt",
]);

/** The Go template the command is given, if any. */
function formatTemplate(args: string[], flags: string[]): string | undefined {
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    const inline = flags.find((flag) => arg.startsWith(`${flag}=`));
    if (inline) return arg.slice(inline.length + 1);
    if (flags.includes(arg)) return args[index + 1];
  }
  return undefined;
}

export interface PreparedCommand {
  subcommand: string;
  /** argv to hand to the docker client (without `docker`), names isolated. */
  argv: string[];
  /** Paths the command reads from the submission (build context, -f). */
  paths: string[];
  /** For `docker build`: what the learner asked, to see whether the grader's own build serves. */
  build?: { tags: string[]; dockerfile?: string; context: string; onlyTagsAndFile: boolean };
  /** For `docker tag`: the engine-side names, so that the engine's API can tag without the client. */
  tag?: { source: string; target: string };
}

export type Preparation = { ok: true; command: PreparedCommand } | { ok: false; reason: Localized };

function refuse(fr: string, en: string): Preparation {
  return { ok: false, reason: localized(fr, en) };
}

/** Checks a learner's `docker ...` argv against the allowlist and isolates the names it writes. */
export function prepareDockerCommand(argv: string[], isolation: NameIsolation): Preparation {
  if (argv[0] !== "docker") {
    return refuse(
      `seules les commandes \`docker\` sont exécutées (trouvé \`${argv[0]}\`).`,
      `only \`docker\` commands are run (found \`${argv[0]}\`).`,
    );
  }
  const first = argv[1] ?? "";
  if (first.startsWith("-")) {
    return refuse(
      `option globale \`${first}\` refusée : elle changerait le moteur visé.`,
      `global option \`${first}\` refused: it would change the target engine.`,
    );
  }
  const twoWords = `${first} ${argv[2] ?? ""}`;
  const shape = ALLOWED[twoWords] ?? ALLOWED[first];
  if (!shape) {
    const allowed = [...new Set(Object.keys(ALLOWED))].join(", ");
    return refuse(
      `\`docker ${first}\` n'est pas autorisé ici (autorisés : ${allowed}).`,
      `\`docker ${first}\` is not allowed here (allowed: ${allowed}).`,
    );
  }
  const words = ALLOWED[twoWords] ? 2 : 1;
  const out: string[] = argv.slice(1, 1 + words);
  const positionals: string[] = [];
  const paths: string[] = [];
  const tags: string[] = [];
  let dockerfile: string | undefined;
  let onlyTagsAndFile = true;

  const mapValue = (role: Role, value: string): string | Preparation => {
    switch (role) {
      case "image-write":
        return isolation.isolate(value);
      case "image-read":
        return isolation.resolve(value);
      case "image-own":
        return isolation.owns(value)
          ? isolation.isolate(value)
          : refuse(
              `\`${value}\` n'est pas une image créée par vos commandes : seules les vôtres peuvent être supprimées.`,
              `\`${value}\` is not an image your commands created: only yours can be removed.`,
            );
      case "container-read": {
        const engineName = isolation.resolveContainer(value);
        return (
          engineName ??
          refuse(`aucun conteneur \`${value}\` dans cet exercice.`, `no container \`${value}\` in this exercise.`)
        );
      }
      case "object-read":
        return isolation.resolveContainer(value) ?? isolation.resolve(value);
      case "container-filter": {
        const [key = "", wanted = ""] = value.split(/=(.*)/s, 2);
        if (key === "name") {
          const engineName = isolation.resolveContainer(wanted);
          return engineName
            ? `name=^/?${engineName}$`
            : refuse(
                `aucun conteneur \`${wanted}\` dans cet exercice.`,
                `no container \`${wanted}\` in this exercise.`,
              );
        }
        if (key === "ancestor") return `ancestor=${isolation.resolve(wanted)}`;
        if (["status", "health", "exited", "label", "id", "expose", "publish"].includes(key)) return value;
        return refuse(`filtre \`${key}\` non autorisé ici.`, `filter \`${key}\` is not allowed here.`);
      }
      case "path":
        paths.push(value);
        return value;
      default:
        return value;
    }
  };

  const rest = argv.slice(1 + words);
  for (let index = 0; index < rest.length; index += 1) {
    const arg = rest[index]!;
    if (shape.psOptionsAfterPositionals && positionals.length >= shape.positionals.length) {
      // `ps` options only choose what is shown of the container's processes.
      if (!/^[\w,=:%+.-]+$/.test(arg))
        return refuse(`option de ps \`${arg}\` refusée.`, `ps option \`${arg}\` refused.`);
      out.push(arg);
      continue;
    }
    if (arg.startsWith("-") && arg !== "-") {
      const [flag, inline] = arg.includes("=")
        ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
        : [arg, undefined];
      if (HOST_REACHING.has(flag)) {
        return refuse(
          `option \`${flag}\` refusée : elle donnerait accès à la machine hôte.`,
          `option \`${flag}\` refused: it would reach the host machine.`,
        );
      }
      const role = shape.values?.[flag];
      if (role) {
        const value = inline ?? rest[++index];
        if (value === undefined)
          return refuse(`l'option \`${flag}\` attend une valeur.`, `option \`${flag}\` needs a value.`);
        const mapped = mapValue(role, value);
        if (typeof mapped !== "string") return mapped;
        if (flag === "-t" || flag === "--tag") tags.push(value);
        else if (flag === "-f" || flag === "--file") dockerfile = value;
        else onlyTagsAndFile = false;
        out.push(flag, mapped);
      } else if (shape.booleans?.includes(flag) && (inline === undefined || inline === "true" || inline === "false")) {
        onlyTagsAndFile = onlyTagsAndFile && (flag === "-q" || flag === "--quiet");
        out.push(inline === undefined ? flag : `${flag}=${inline}`);
      } else {
        return refuse(
          `option \`${flag}\` inconnue ou non autorisée pour \`docker ${shape.name}\`.`,
          `option \`${flag}\` is unknown or not allowed for \`docker ${shape.name}\`.`,
        );
      }
      continue;
    }
    const role = shape.positionals[positionals.length] ?? shape.rest;
    if (!role) return refuse(`argument en trop : \`${arg}\`.`, `unexpected argument: \`${arg}\`.`);
    const mapped = mapValue(role, arg);
    if (typeof mapped !== "string") return mapped;
    positionals.push(arg);
    out.push(mapped);
  }
  const format = formatTemplate(rest, shape.formatFlags ?? []);
  if (format !== undefined && !format.includes("{{")) {
    return refuse(
      `le format \`${format}\` ne lit rien : il afficherait toujours le même texte. Utilisez un modèle comme \`{{.State.Status}}\`.`,
      `format \`${format}\` reads nothing: it would always print the same text. Use a template such as \`{{.State.Status}}\`.`,
    );
  }
  if (positionals.length < (shape.minPositionals ?? 0)) {
    return refuse(`\`docker ${shape.name}\` : argument manquant.`, `\`docker ${shape.name}\`: missing argument.`);
  }
  if (shape.listsContainers) {
    if (!isolation.containerScope)
      return refuse(
        `\`docker ${shape.name}\` n'est pas disponible ici.`,
        `\`docker ${shape.name}\` is not available here.`,
      );
    out.push("--filter", `label=${isolation.containerScope}`);
  }
  const command: PreparedCommand = { subcommand: shape.name, argv: out, paths };
  if (shape.name === "build") command.build = { tags, dockerfile, context: positionals[0] ?? ".", onlyTagsAndFile };
  if (shape.name === "tag") command.tag = { source: out.at(-2)!, target: out.at(-1)! };
  return { ok: true, command };
}

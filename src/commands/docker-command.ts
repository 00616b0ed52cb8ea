import { localized, type Localized } from "../i18n.js";
import type { NameIsolation } from "../runtime/name-isolation.js";

/** What an argument is, so it can be checked and its names isolated. */
type Role = "plain" | "image-read" | "image-write" | "image-own" | "path";

interface CommandShape {
  /** Canonical subcommand, e.g. `build` for both `docker build` and `docker image build`. */
  name: string;
  values?: Record<string, Role>;
  booleans?: string[];
  positionals: Role[];
  /** Role of any further positional (e.g. several images to inspect). */
  rest?: Role;
  minPositionals?: number;
}

const BUILD: CommandShape = {
  name: "build",
  values: { "-t": "image-write", "--tag": "image-write", "-f": "path", "--file": "path", "--build-arg": "plain", "--label": "plain", "--target": "plain" },
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
};
const HISTORY: CommandShape = {
  name: "history",
  values: { "--format": "plain" },
  booleans: ["-H", "--human", "--no-trunc", "-q", "--quiet"],
  positionals: ["image-read"],
  minPositionals: 1,
};
const INSPECT: CommandShape = {
  name: "inspect",
  values: { "-f": "plain", "--format": "plain", "--type": "plain" },
  booleans: ["-s", "--size"],
  positionals: ["image-read"],
  rest: "image-read",
  minPositionals: 1,
};
const RMI: CommandShape = { name: "rmi", booleans: ["-f", "--force", "--no-prune"], positionals: ["image-own"], rest: "image-own", minPositionals: 1 };

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
  "image inspect": INSPECT,
  rmi: RMI,
  "image rm": RMI,
};

/** Flags that would reach the host; named in the refusal so the learner knows why. */
const HOST_REACHING = new Set(["-v", "--volume", "--mount", "--privileged", "--pid", "--network", "--net", "--ipc", "--userns", "--cap-add", "--device", "-H", "--host", "--context", "--config", "--security-opt"]);

export interface PreparedCommand {
  subcommand: string;
  /** argv to hand to the docker client (without `docker`), names isolated. */
  argv: string[];
  /** Paths the command reads from the submission (build context, -f). */
  paths: string[];
  /** For `docker build`: what the learner asked, to see whether the grader's own build serves. */
  build?: { tags: string[]; dockerfile?: string; context: string; onlyTagsAndFile: boolean };
}

export type Preparation = { ok: true; command: PreparedCommand } | { ok: false; reason: Localized };

function refuse(fr: string, en: string): Preparation {
  return { ok: false, reason: localized(fr, en) };
}

/** Checks a learner's `docker ...` argv against the allowlist and isolates the names it writes. */
export function prepareDockerCommand(argv: string[], isolation: NameIsolation): Preparation {
  if (argv[0] !== "docker") {
    return refuse(`seules les commandes \`docker\` sont exécutées (trouvé \`${argv[0]}\`).`, `only \`docker\` commands are run (found \`${argv[0]}\`).`);
  }
  const first = argv[1] ?? "";
  if (first.startsWith("-")) {
    return refuse(`option globale \`${first}\` refusée : elle changerait le moteur visé.`, `global option \`${first}\` refused: it would change the target engine.`);
  }
  const twoWords = `${first} ${argv[2] ?? ""}`;
  const shape = ALLOWED[twoWords] ?? ALLOWED[first];
  if (!shape) {
    const allowed = [...new Set(Object.keys(ALLOWED))].join(", ");
    return refuse(`\`docker ${first}\` n'est pas autorisé ici (autorisés : ${allowed}).`, `\`docker ${first}\` is not allowed here (allowed: ${allowed}).`);
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
          : refuse(`\`${value}\` n'est pas une image créée par vos commandes : seules les vôtres peuvent être supprimées.`, `\`${value}\` is not an image your commands created: only yours can be removed.`);
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
    if (arg.startsWith("-") && arg !== "-") {
      const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
      if (HOST_REACHING.has(flag)) {
        return refuse(`option \`${flag}\` refusée : elle donnerait accès à la machine hôte.`, `option \`${flag}\` refused: it would reach the host machine.`);
      }
      const role = shape.values?.[flag];
      if (role) {
        const value = inline ?? rest[++index];
        if (value === undefined) return refuse(`l'option \`${flag}\` attend une valeur.`, `option \`${flag}\` needs a value.`);
        const mapped = mapValue(role, value);
        if (typeof mapped !== "string") return mapped;
        if (flag === "-t" || flag === "--tag") tags.push(value);
        else if (flag === "-f" || flag === "--file") dockerfile = value;
        else onlyTagsAndFile = false;
        out.push(flag, mapped);
      } else if (shape.booleans?.includes(flag) && inline === undefined) {
        onlyTagsAndFile = onlyTagsAndFile && (flag === "-q" || flag === "--quiet");
        out.push(flag);
      } else {
        return refuse(`option \`${flag}\` inconnue ou non autorisée pour \`docker ${shape.name}\`.`, `option \`${flag}\` is unknown or not allowed for \`docker ${shape.name}\`.`);
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
  if (positionals.length < (shape.minPositionals ?? 0)) {
    return refuse(`\`docker ${shape.name}\` : argument manquant.`, `\`docker ${shape.name}\`: missing argument.`);
  }
  const command: PreparedCommand = { subcommand: shape.name, argv: out, paths };
  if (shape.name === "build") command.build = { tags, dockerfile, context: positionals[0] ?? ".", onlyTagsAndFile };
  return { ok: true, command };
}

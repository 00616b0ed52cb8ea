import { DockerfileParser } from "dockerfile-ast";
import type { DockerfileInstruction, DockerfileModel, FromInstruction } from "../grading/context.js";
import { formatImageReference, parseImageReference } from "./image-reference.js";
import { substituteVariables, unquote } from "./substitute-variables.js";

/**
 * The build arguments a FROM can use: those declared before the first FROM, each with its
 * default (which may use the ones before it), overridden by the build's own `--build-arg`s.
 */
function globalArguments(
  parsed: ReturnType<typeof DockerfileParser.parse>,
  buildArgs: Record<string, string>,
): Map<string, string> {
  const values = new Map<string, string>();
  const firstFrom = parsed.getFROMs()[0]?.getRange().start.line ?? Number.POSITIVE_INFINITY;
  for (const arg of parsed.getARGs()) {
    if (arg.getRange().start.line > firstFrom) break;
    const name = arg.getProperty()?.getName();
    if (!name) continue;
    if (name in buildArgs) values.set(name, buildArgs[name]!);
    else {
      const value = arg.getProperty()?.getValue();
      if (value !== null && value !== undefined) {
        values.set(name, substituteVariables(unquote(value), values, parsed.getEscapeCharacter()).text);
      }
    }
  }
  return values;
}

/**
 * Turns Dockerfile text into the static model graders read, as the builder reads it: parser
 * directives (the escape character), line continuations, instructions in any case, build
 * arguments substituted in FROM, `--platform`, stage names (case-insensitive). 1-based lines.
 */
export function parseDockerfile(path: string, text: string, buildArgs: Record<string, string> = {}): DockerfileModel {
  const parsed = DockerfileParser.parse(text);
  const instructions: DockerfileInstruction[] = parsed.getInstructions().map((instruction) => ({
    keyword: instruction.getKeyword().toUpperCase(),
    args: instruction.getArgumentsContent() ?? "",
    line: instruction.getRange().start.line + 1,
    raw: instruction.getTextContent(),
  }));
  const values = globalArguments(parsed, buildArgs);

  const stageNames = new Set<string>();
  const froms: FromInstruction[] = parsed.getFROMs().map((from) => {
    const line = from.getRange().start.line + 1;
    const base = instructions.find((instruction) => instruction.line === line) ?? {
      keyword: "FROM",
      args: from.getArgumentsContent() ?? "",
      line,
      raw: from.getTextContent(),
    };
    const written = from.getImage() ?? "";
    const { text: resolved, missing } = substituteVariables(written, values, parsed.getEscapeCharacter());
    const reference = parseImageReference(resolved);
    const referencesStage = !reference.tag && !reference.digest && stageNames.has(reference.name.toLowerCase());
    const stageName = from.getBuildStage() ?? undefined;
    if (stageName) stageNames.add(stageName.toLowerCase());
    const platform =
      from
        .getFlags()
        .find((flag) => flag.getName().toLowerCase() === "platform")
        ?.getValue() ?? undefined;
    return {
      ...base,
      image: reference.name,
      tag: reference.tag,
      digest: reference.digest,
      written,
      unresolved: missing,
      platform,
      stageName,
      referencesStage,
    };
  });

  return { path, instructions, froms };
}

/** The FROM of the final stage, followed through stage references to an actual image. */
export function finalBaseImage(model: DockerfileModel): FromInstruction | undefined {
  let current = model.froms.at(-1);
  const seen = new Set<FromInstruction>();
  while (current?.referencesStage && !seen.has(current)) {
    seen.add(current);
    const stage = current.image.toLowerCase();
    current = model.froms.find((from) => from.stageName?.toLowerCase() === stage);
  }
  return current;
}

/** The image a FROM names, as the engine would look it up (`latest` when no tag). */
export function imageReference(from: FromInstruction): string {
  return formatImageReference({ name: from.image, tag: from.tag, digest: from.digest });
}

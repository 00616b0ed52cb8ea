import { DockerfileParser } from "dockerfile-ast";
import type { DockerfileInstruction, DockerfileModel, FromInstruction } from "../grading/context.js";

/** Turns Dockerfile text into the static model graders read (1-based lines, stages resolved). */
export function parseDockerfile(path: string, text: string): DockerfileModel {
  const parsed = DockerfileParser.parse(text);
  const instructions: DockerfileInstruction[] = parsed.getInstructions().map((instruction) => ({
    keyword: instruction.getKeyword().toUpperCase(),
    args: instruction.getArgumentsContent() ?? "",
    line: instruction.getRange().start.line + 1,
    raw: instruction.getTextContent(),
  }));

  const stageNames = new Set<string>();
  const froms: FromInstruction[] = parsed.getFROMs().map((from) => {
    const line = from.getRange().start.line + 1;
    const base = instructions.find((instruction) => instruction.line === line) ?? {
      keyword: "FROM",
      args: from.getArgumentsContent() ?? "",
      line,
      raw: from.getTextContent(),
    };
    const registry = from.getRegistry();
    const name = from.getImageName() ?? "";
    const image = registry ? `${registry}/${name}` : name;
    const tag = from.getImageTag() ?? undefined;
    const digest = from.getImageDigest() ?? undefined;
    const referencesStage = !tag && !digest && stageNames.has(image.toLowerCase());
    const stageName = from.getBuildStage() ?? undefined;
    if (stageName) stageNames.add(stageName.toLowerCase());
    return { ...base, image, tag, digest, stageName, referencesStage };
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

export function imageReference(from: FromInstruction): string {
  if (from.digest) return `${from.image}@${from.digest}`;
  return `${from.image}:${from.tag ?? "latest"}`;
}

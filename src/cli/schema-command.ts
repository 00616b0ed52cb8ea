import { exerciseJsonSchema } from "../exercise/exercise-schema.js";

/** `dockgrade schema`: the JSON Schema of exercise.yaml, for yaml-language-server. */
export function schemaCommand(): string {
  return `${JSON.stringify(exerciseJsonSchema(), null, 2)}\n`;
}

import { DockerfileParser, type Instruction } from "dockerfile-ast";

interface Position {
  line: number;
  character: number;
}

/** The Dockerfile as lines and its instructions, as the builder reads them (continuations, escape). */
export class DockerfileText {
  readonly lines: string[];
  readonly instructions: Instruction[];

  constructor(readonly text: string) {
    this.lines = text.split("\n");
    this.instructions = DockerfileParser.parse(text).getInstructions();
  }

  keyword(instruction: Instruction): string {
    return instruction.getKeyword().toUpperCase();
  }

  /** The lines an instruction spans (its continuations included), 0-based, end inclusive. */
  span(instruction: Instruction): [number, number] {
    const { start, end } = instruction.getRange();
    return [start.line, end.line];
  }

  block(instruction: Instruction): string[] {
    const [start, end] = this.span(instruction);
    return this.lines.slice(start, end + 1);
  }

  /** The text with the lines of `instruction` replaced by `replacement` (none: removed). */
  replaceInstruction(instruction: Instruction, replacement: string[]): string {
    const [start, end] = this.span(instruction);
    return [...this.lines.slice(0, start), ...replacement, ...this.lines.slice(end + 1)].join("\n");
  }

  /** The text with two instructions' lines exchanged (`first` before `second`). */
  swap(first: Instruction, second: Instruction): string {
    const [s1, e1] = this.span(first);
    const [s2, e2] = this.span(second);
    return [
      ...this.lines.slice(0, s1),
      ...this.lines.slice(s2, e2 + 1),
      ...this.lines.slice(e1 + 1, s2),
      ...this.lines.slice(s1, e1 + 1),
      ...this.lines.slice(e2 + 1),
    ].join("\n");
  }

  private offset(position: Position): number {
    let offset = 0;
    for (let line = 0; line < position.line; line += 1) offset += this.lines[line]!.length + 1;
    return offset + position.character;
  }

  /** The text with a parser range replaced. */
  replaceRange(range: { start: Position; end: Position }, replacement: string): string {
    return this.text.slice(0, this.offset(range.start)) + replacement + this.text.slice(this.offset(range.end));
  }

  /** The instruction's own text, from its keyword to its last character. */
  raw(instruction: Instruction): string {
    const range = instruction.getRange();
    return this.text.slice(this.offset(range.start), this.offset(range.end));
  }

  isShellForm(instruction: Instruction): boolean {
    return !(instruction.getArgumentsContent() ?? "").trimStart().startsWith("[");
  }
}

/**
 * The part of GitHub Actions' expression language that workflow templates use: `${{ ... }}`
 * substitution and `if:` conditions with contexts (steps, matrix, strategy, github, env),
 * literals, `==`, `!=`, `!`, `&&`, `||`, parentheses and the status functions. Anything else
 * throws, so that a template cannot silently rely on what the harness does not evaluate.
 */
export interface ExpressionContext {
  contexts: Record<string, unknown>;
  /** Whether every step so far succeeded (for success()/failure()). */
  jobSucceeded: boolean;
}

type Value = string | number | boolean | null | undefined | object;

const TOKEN = /\s*(?:(\|\||&&|==|!=|[!()])|('(?:[^']|'')*')|(-?\d+(?:\.\d+)?)\b|([A-Za-z_][\w.-]*(?:\(\))?))/y;

function tokenize(expression: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.length) {
    if (/^\s*$/.test(expression.slice(TOKEN.lastIndex))) break;
    const match = TOKEN.exec(expression);
    if (!match) throw new Error(`expression not supported by the harness: ${expression}`);
    tokens.push(match[1] ?? match[2] ?? match[3] ?? match[4]!);
  }
  return tokens;
}

function lookup(path: string, context: ExpressionContext): Value {
  let value: unknown = context.contexts;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value as Value;
}

function truthy(value: Value): boolean {
  return !(value === undefined || value === null || value === false || value === "" || value === 0);
}

/** GitHub compares strings case-insensitively, and a number with its string form. */
function equal(left: Value, right: Value): boolean {
  const normalize = (value: Value) =>
    typeof value === "string" ? value.toLowerCase() : typeof value === "number" ? String(value) : value;
  return normalize(left ?? "") === normalize(right ?? "");
}

export function evaluate(expression: string, context: ExpressionContext): Value {
  const tokens = tokenize(expression);
  let position = 0;
  const peek = () => tokens[position];
  const take = () => tokens[position++];
  const primary = (): Value => {
    const token = take();
    if (token === undefined) throw new Error(`incomplete expression: ${expression}`);
    if (token === "(") {
      const value = or();
      if (take() !== ")") throw new Error(`missing ) in ${expression}`);
      return value;
    }
    if (token.startsWith("'")) return token.slice(1, -1).replaceAll("''", "'");
    if (/^-?\d/.test(token)) return Number(token);
    if (token === "true" || token === "false") return token === "true";
    if (token === "null") return null;
    if (token === "always()") return true;
    if (token === "success()") return context.jobSucceeded;
    if (token === "failure()") return !context.jobSucceeded;
    if (token === "cancelled()") return false;
    if (token.endsWith("()")) throw new Error(`function not supported by the harness: ${token}`);
    if (!(token.split(".")[0]! in context.contexts)) throw new Error(`unknown context in ${expression}: ${token}`);
    return lookup(token, context);
  };
  const comparison = (): Value => {
    const left = primary();
    const operator = peek();
    if (operator !== "==" && operator !== "!=") return left;
    take();
    const right = primary();
    return operator === "==" ? equal(left, right) : !equal(left, right);
  };
  const not = (): Value => (peek() === "!" ? (take(), !truthy(not())) : comparison());
  const and = (): Value => {
    let value = not();
    while (peek() === "&&") {
      take();
      const right = not();
      value = truthy(value) ? right : value;
    }
    return value;
  };
  const or = (): Value => {
    let value = and();
    while (peek() === "||") {
      take();
      const right = and();
      value = truthy(value) ? value : right;
    }
    return value;
  };
  const value = or();
  if (position !== tokens.length) throw new Error(`unexpected ${peek()} in ${expression}`);
  return value;
}

/** An `if:` condition: `${{ }}` optional; without a status function, success() is implied. */
export function condition(text: string | boolean | undefined, context: ExpressionContext): boolean {
  if (text === undefined) return context.jobSucceeded;
  if (typeof text === "boolean") return text && context.jobSucceeded;
  const expression = text.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, "$1");
  const usesStatus = /\b(always|success|failure|cancelled)\(\)/.test(expression);
  const value = truthy(evaluate(expression, context));
  return usesStatus ? value : value && context.jobSucceeded;
}

/** Replaces each `${{ expression }}` of a string with its value. */
export function substitute(text: string, context: ExpressionContext): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) => {
    const value = evaluate(expression, context);
    return value === undefined || value === null ? "" : String(value);
  });
}

/**
 * Writing text into GitHub-flavoured Markdown so that it renders as written.
 *
 * Text a learner can reach (folder names, messages, what was found, hints, build logs) goes in a
 * code span or a fenced block: the only constructs where GitHub turns nothing into a link, an
 * image, HTML, an @mention or an #issue reference (backslash escapes do not stop e-mail
 * autolinks nor mentions, which GitHub adds after rendering). The exercise's own titles, written
 * by the instructor, are backslash-escaped so that they render literally in ordinary text.
 */

/** The longest run of backticks in the text. */
function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}

/**
 * An inline code span that the text cannot close: delimited by a backtick run that does not
 * occur in it. Line breaks become spaces (a span is one line); in a table, `|` is written `\|`
 * (GitHub splits cells before reading spans, and shows `\|` inside a span as `|`).
 */
export function codeSpan(text: string, options: { inTable?: boolean } = {}): string {
  let content = text.replace(/\n/g, " ");
  if (content.trim() === "") return "";
  if (options.inTable) content = content.replace(/\|/g, "\\|");
  const runs = new Set((content.match(/`+/g) ?? []).map((run) => run.length));
  let length = 1;
  while (runs.has(length)) length += 1;
  const fence = "`".repeat(length);
  // A backtick next to the delimiter would lengthen it, and the renderer takes one space off each
  // end of a span that has both: either way a space on each side keeps the text as it is.
  const pad = /^`|`$/.test(content) || /^ [^]* $/.test(content);
  return pad ? `${fence} ${content} ${fence}` : `${fence}${content}${fence}`;
}

/** A fenced block that the text cannot close: the fence is longer than any backtick run inside. */
export function codeBlock(text: string): string {
  const fence = "`".repeat(Math.max(3, longestBacktickRun(text) + 1));
  return `${fence}text\n${text}\n${fence}`;
}

/** Code for a short text, a fenced block for one of several lines. */
export function codeFor(text: string): string {
  return text.includes("\n") ? `\n\n${codeBlock(text)}\n` : codeSpan(text);
}

/**
 * Trusted text (the exercise's titles) in ordinary Markdown, in the middle of a line: the
 * characters that start emphasis, code, links, images, HTML, entities, strikethrough or a table
 * cell backslash-escaped, so that `*`, `<b>`, `[x](y)` or `|` render as written; one line.
 */
export function literal(text: string): string {
  return text.replace(/\n/g, " ").replace(/[\\`*_[\]<>|~&]/g, (char) => `\\${char}`);
}

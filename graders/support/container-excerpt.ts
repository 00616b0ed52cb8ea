/** The end of a command's or a server's output, short enough for a message: the end says why. */
export function tail(text: string, maxChars = 400): string {
  const trimmed = text.trim();
  if (!trimmed) return "(vide / empty)";
  return trimmed.length > maxChars ? `…${trimmed.slice(-maxChars)}` : trimmed;
}

/** The start of a response body, short enough for a message. */
export function head(text: string, maxChars = 300): string {
  const trimmed = text.trim();
  if (!trimmed) return "(vide / empty)";
  return trimmed.length > maxChars ? `${trimmed.slice(0, maxChars)}…` : trimmed;
}

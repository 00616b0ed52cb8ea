/**
 * Terminal escape sequences: CSI (colours, cursor moves), OSC (titles, OSC 8 hyperlinks, which
 * some HTML converters turn into links), DCS/SOS/PM/APC strings, and the short two- or
 * three-character escapes; in their 7-bit (ESC …) and 8-bit (C1) forms.
 */
const ESCAPE_SEQUENCE = new RegExp(
  [
    "(?:\\u001b\\[|\\u009b)[0-?]*[ -/]*[@-~]", // CSI
    "(?:\\u001b\\]|\\u009d)[^\\u0007\\u001b\\u009c]*(?:\\u0007|\\u001b\\\\|\\u009c)?", // OSC, ended by BEL or ST
    "(?:\\u001b[PX^_]|[\\u0090\\u0098\\u009e\\u009f])[^\\u001b\\u009c]*(?:\\u001b\\\\|\\u009c)?", // DCS, SOS, PM, APC
    "\\u001b[ -/]*[0-~]", // the other escapes (charset selection, keypad modes…)
  ].join("|"),
  "g",
);

// Left after the sequences: C0 controls but tab and line feed, DEL, C1 controls, and the two
// non-characters that XML 1.0 cannot carry.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff]/g;

/**
 * Text as every report may carry it: line breaks as `\n` (a lone carriage return, a progress
 * bar's, starts a line), tabs kept, terminal escapes and other control characters removed.
 * Build logs and container output reach the reports, and JSON, XML, CSV and terminals each
 * choke on or obey control characters in their own way.
 */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(ESCAPE_SEQUENCE, "").replace(CONTROL, "");
}

/** Every string in a plain-data value (a result), cleaned; numbers, booleans and the shape kept. */
export function cleanStrings<T>(value: T): T {
  if (typeof value === "string") return cleanText(value) as T;
  if (Array.isArray(value)) return value.map(cleanStrings) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cleanStrings(item)])) as T;
  }
  return value;
}

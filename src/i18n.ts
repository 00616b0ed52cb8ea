export const LANGS = ["fr", "en"] as const;
export type Lang = (typeof LANGS)[number];

/** Learner-facing text: French first (the course's language), English always available. */
export interface Localized {
  fr: string;
  en: string;
}

export function localized(fr: string, en: string): Localized {
  return { fr, en };
}

/**
 * Text of a result: a plain string is the same in every language (a path, a status word, a
 * number, a command's output); sentences are Localized. Results keep both languages and
 * reporters pick one, so that a result can be rendered again in the other language.
 */
export type Text = string | Localized;

export function pick(text: Text, lang: Lang): string;
export function pick(text: Text | undefined, lang: Lang): string | undefined;
export function pick(text: Text | undefined, lang: Lang): string | undefined {
  return text === undefined || typeof text === "string" ? text : text[lang];
}

export function joinLocalized(parts: Localized[], separator = "\n"): Localized {
  return {
    fr: parts.map((part) => part.fr).join(separator),
    en: parts.map((part) => part.en).join(separator),
  };
}

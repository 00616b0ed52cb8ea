import { z } from "zod";

export const LANGS = ["fr", "en"] as const;
export type Lang = (typeof LANGS)[number];

/** Learner-facing text: French first (the course's language), English always available. */
export interface Localized {
  fr: string;
  en: string;
}

export const localizedSchema = z
  .object({
    fr: z.string().min(1).describe("Texte en français"),
    en: z.string().min(1).describe("English text"),
  })
  .strict();

export function localized(fr: string, en: string): Localized {
  return { fr, en };
}

export function pick(text: Localized, lang: Lang): string {
  return text[lang];
}

export function joinLocalized(parts: Localized[], separator = "\n"): Localized {
  return {
    fr: parts.map((part) => part.fr).join(separator),
    en: parts.map((part) => part.en).join(separator),
  };
}

/** The languages of the interface, in the order the switch lists them. */
export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The user's own choice; it wins over the browser's language. */
export const LANG_KEY = 'dais:lang';

/** Each language by its own name: the switch must be readable whatever is shown. */
export const LANGUAGE_NAMES: Record<Language, string> = { zh: '中文', en: 'English' };

/** BCP 47 tags for `<html lang>` and Intl formatting. */
export const LOCALE_TAGS: Record<Language, string> = { zh: 'zh-CN', en: 'en' };

export const isLanguage = (value: unknown): value is Language =>
  LANGUAGES.includes(value as Language);

/** A browser language tag as one of ours: any Chinese is `zh`, everything else `en`. */
export const languageFromTag = (tag: string | undefined): Language =>
  /^zh(-|_|$)/i.test(tag ?? '') ? 'zh' : 'en';

/** The stored choice when there is a valid one, else the browser's language. */
export const pickLanguage = (stored: string | null, browserTag: string | undefined): Language =>
  isLanguage(stored) ? stored : languageFromTag(browserTag);

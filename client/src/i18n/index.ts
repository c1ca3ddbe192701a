import i18next, { type TFunction } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { readStored, writeStored } from '../lib/storage';
import {
  LANG_KEY,
  LANGUAGES,
  LOCALE_TAGS,
  isLanguage,
  pickLanguage,
  type Language,
} from './language';
import { en } from './locales/en';
import { zh } from './locales/zh';

export { LANGUAGE_NAMES, LANGUAGES, LOCALE_TAGS, type Language } from './language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    /** Keys are checked against the English strings; `zh` has the same shape. */
    resources: { translation: typeof en };
  }
}

const languageOf = (lng: string | undefined): Language => (isLanguage(lng) ? lng : 'en');

i18next.on('languageChanged', (lng) => {
  document.documentElement.lang = LOCALE_TAGS[languageOf(lng)];
});

// Synchronous (the resources are bundled), so the first render is already translated.
void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, zh: { translation: zh } },
  lng: pickLanguage(readStored(LANG_KEY), navigator.language),
  fallbackLng: 'en',
  supportedLngs: LANGUAGES,
  initAsync: false,
  // React escapes what it renders; values (names, question text) stay plain text.
  interpolation: { escapeValue: false },
});

/** `t` outside React (commands, notices): the current language at the time of the call. */
export const t: TFunction = i18next.t.bind(i18next);

export const currentLanguage = (): Language => languageOf(i18next.resolvedLanguage);

/** The user's choice: applied at once and remembered over the browser's language. */
export function setLanguage(language: Language): void {
  writeStored(LANG_KEY, language);
  void i18next.changeLanguage(language);
}

/** The current language; the component re-renders when it changes. */
export function useLanguage(): Language {
  return languageOf(useTranslation().i18n.resolvedLanguage);
}

/** "a, b and c" in the current language. */
export const formatList = (items: readonly string[]) =>
  new Intl.ListFormat(LOCALE_TAGS[currentLanguage()], { type: 'conjunction' }).format(items);

/**
 * The locale for times: the browser's own when it is in the interface language
 * (so en-GB keeps its 24-hour clock), else the language's tag.
 */
export const timeLocale = (language: Language) =>
  navigator.language.toLowerCase().startsWith(language)
    ? navigator.language
    : LOCALE_TAGS[language];

import { ErrorCode, FILTER_REASONS, QUESTION_STATUSES } from '@dais/shared';
import { describe, expect, it } from 'vitest';
import { languageFromTag, pickLanguage } from '../../client/src/i18n/language';
import { en } from '../../client/src/i18n/locales/en';
import { zh } from '../../client/src/i18n/locales/zh';

type Tree = { readonly [key: string]: string | Tree | undefined };
const LOCALES = { en, zh } as const satisfies Record<string, Tree>;
type Lang = keyof typeof LOCALES;

/** Every string of a locale by its dotted key, e.g. `ask.tooLong_other`. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (value === undefined) continue;
    const path = prefix + key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, `${path}.`)) out.set(k, v);
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Keys without their plural suffix, each with the plural categories it has (none: not plural). */
function byBaseKey(lang: Lang) {
  const keys = new Map<string, { categories: string[]; texts: string[] }>();
  for (const [key, text] of flatten(LOCALES[lang])) {
    const category = PLURAL.exec(key)?.[1];
    const base = category ? key.slice(0, -category.length - 1) : key;
    const entry = keys.get(base) ?? { categories: [], texts: [] };
    if (category) entry.categories.push(category);
    entry.texts.push(text);
    keys.set(base, entry);
  }
  return keys;
}

/** `{{name}}` interpolations and `<tag>`, `<tag/>` components of a translation. */
function placeholders(texts: readonly string[]) {
  const found = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)) found.add(`{{${m[1]}}}`);
    for (const m of text.matchAll(/<\/?(\w+)\s*\/?>/g)) found.add(`<${m[1]}>`);
  }
  return [...found].sort();
}

const keys = { en: byBaseKey('en'), zh: byBaseKey('zh') };
/** Han characters, or full-width Chinese punctuation (e.g. the list separator `；`). */
const CHINESE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

describe('the Chinese and English interface strings', () => {
  it('have the same keys', () => {
    expect([...keys.zh.keys()].sort()).toEqual([...keys.en.keys()].sort());
  });

  it('have exactly the plural forms each language uses, for the same keys', () => {
    for (const lang of ['en', 'zh'] as const) {
      const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories.sort();
      for (const [key, { categories }] of keys[lang]) {
        const plural = keys.en.get(key)!.categories.length > 0;
        expect(categories.sort(), `${lang} ${key}`).toEqual(plural ? needed : []);
      }
    }
    // The plural keys are there: Chinese needs only `other`, English `one` and `other`.
    expect(keys.zh.get('cluster.toggle')?.categories).toEqual(['other']);
    expect(keys.en.get('cluster.toggle')?.categories.sort()).toEqual(['one', 'other']);
  });

  it('use the same interpolation variables and components', () => {
    for (const [key, { texts }] of keys.en) {
      expect(placeholders(keys.zh.get(key)!.texts), key).toEqual(placeholders(texts));
    }
    expect(placeholders(keys.zh.get('audience.joined')!.texts)).toEqual(['{{count}}']);
  });

  it('are never empty, and the Chinese ones are in Chinese', () => {
    const english = flatten(en);
    for (const [key, text] of flatten(zh)) {
      expect(text.trim(), key).not.toBe('');
      // Only names stay as they are in English (e.g. the product name).
      if (text !== english.get(key)) expect(text, key).toMatch(CHINESE);
    }
    const untranslated = [...flatten(zh)].filter(([key, text]) => text === english.get(key));
    expect(untranslated.map(([key]) => key)).toEqual(['common.appName']);
    for (const [key, text] of english) expect(text.trim(), key).not.toBe('');
  });

  it('word every question status, filter reason and error code of the protocol', () => {
    for (const locale of [en, zh]) {
      for (const status of QUESTION_STATUSES) expect(locale.status[status]).toBeTruthy();
      for (const reason of FILTER_REASONS) {
        expect(locale.reasons[reason]).toBeTruthy();
        expect(locale.errors.rejectedBecause[reason]).toBeTruthy();
      }
      for (const code of Object.values(ErrorCode)) {
        expect(locale.errors.codes[code as keyof typeof en.errors.codes], code).toBeTruthy();
      }
    }
  });
});

describe('the interface language', () => {
  it('follows the browser: any Chinese is Chinese, everything else English', () => {
    for (const tag of ['zh', 'zh-CN', 'zh-TW', 'zh-Hans-CN', 'ZH-cn', 'zh_CN']) {
      expect(languageFromTag(tag), tag).toBe('zh');
    }
    for (const tag of ['en', 'en-US', 'en-GB', 'fr-FR', 'ja', 'zu', '', undefined]) {
      expect(languageFromTag(tag), String(tag)).toBe('en');
    }
  });

  it('prefers the stored choice over the browser, and ignores a stored value it does not know', () => {
    expect(pickLanguage('en', 'zh-CN')).toBe('en');
    expect(pickLanguage('zh', 'en-US')).toBe('zh');
    expect(pickLanguage(null, 'zh-CN')).toBe('zh');
    expect(pickLanguage('de', 'zh-CN')).toBe('zh');
    expect(pickLanguage('', 'en-US')).toBe('en');
  });
});

import { useTranslation } from 'react-i18next';
import {
  LANGUAGE_NAMES,
  LANGUAGES,
  LOCALE_TAGS,
  setLanguage,
  useLanguage,
  type Language,
} from '../i18n';

/** Chinese or English, on every page; the choice is remembered in this browser. */
export function LanguageSwitch({ className = '' }: { className?: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <select
      className={`input input--small language-switch ${className}`}
      data-testid="language-switch"
      aria-label={t('language.label')}
      title={t('language.label')}
      value={language}
      onChange={(e) => setLanguage(e.target.value as Language)}
    >
      {LANGUAGES.map((lng) => (
        <option key={lng} value={lng} lang={LOCALE_TAGS[lng]}>
          {LANGUAGE_NAMES[lng]}
        </option>
      ))}
    </select>
  );
}

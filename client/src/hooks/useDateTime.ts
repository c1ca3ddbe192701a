import { useMemo } from 'react';
import { timeLocale, useLanguage } from '../i18n';

/** Times and dates as the interface language writes them; re-renders on a language switch. */
export function useDateTime() {
  const locale = timeLocale(useLanguage());
  return useMemo(() => {
    const make = (options: Intl.DateTimeFormatOptions) => {
      const format = new Intl.DateTimeFormat(locale, options);
      return (epochMs: number) => format.format(epochMs);
    };
    return {
      /** 14:05 */
      time: make({ hour: '2-digit', minute: '2-digit' }),
      /** 14:05:09, for logs. */
      timeSeconds: make({ hour: '2-digit', minute: '2-digit', second: '2-digit' }),
      /** 21 Nov 2026, 14:05 */
      dateTime: make({ dateStyle: 'medium', timeStyle: 'short' }),
    };
  }, [locale]);
}

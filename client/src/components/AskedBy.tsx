import { useTranslation } from 'react-i18next';

/** "asked by N" for a cluster many participants asked; nothing for a single asker. */
export function AskedBy({ count, className = '' }: { count: number; className?: string }) {
  const { t } = useTranslation();
  if (count < 2) return null;
  return <span className={`asked-by ${className}`}>{t('common.askedBy', { count })}</span>;
}

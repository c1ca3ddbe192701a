import { useTranslation } from 'react-i18next';

export type PublicOrder = 'popular' | 'recent';
const ORDERS: readonly PublicOrder[] = ['popular', 'recent'];

/** Popular (votes, asked by, stars, freshness) or Recent; pinned questions head both. */
export function SortSwitch({
  order,
  onChange,
}: {
  order: PublicOrder;
  onChange: (order: PublicOrder) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="sort-switch" role="group" aria-label={t('audience.sort.label')}>
      {ORDERS.map((option) => (
        <button
          key={option}
          type="button"
          className="sort-switch__option"
          data-testid={`sort-${option}`}
          aria-pressed={order === option}
          onClick={() => onChange(option)}
        >
          {t(`audience.sort.${option}`)}
        </button>
      ))}
    </div>
  );
}

import { FILTER_REASONS } from '@dais/shared';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { reasonLabel } from '../../lib/reasons';
import { CARD_STATUSES, type BoardFilters } from './boardModel';
import { useBoard } from './boardStore';
import { SEARCH_INPUT_ID } from './shortcuts';

/**
 * Search (text, public text, name: Chinese and English alike) and filters by state and
 * by filter reason, for every queue at once; and the shortcut sheet's button.
 * In the search field, Enter goes back to the board's keys and Esc clears it.
 */
export function BoardToolbar({
  filters,
  onChange,
}: {
  filters: BoardFilters;
  onChange: (filters: BoardFilters) => void;
}) {
  const { t } = useTranslation();
  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape' && filters.search) {
      e.preventDefault();
      onChange({ ...filters, search: '' });
    } else if (e.key === 'Escape' || (e.key === 'Enter' && !e.nativeEvent.isComposing)) {
      e.currentTarget.blur();
    }
  };
  return (
    <div className="toolbar" role="search">
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        className="input input--small toolbar__search"
        data-testid="board-search"
        placeholder={t('board.filter.search')}
        aria-label={t('board.filter.search')}
        value={filters.search}
        onChange={(e) => onChange({ ...filters, search: e.target.value })}
        onKeyDown={onSearchKey}
      />
      <select
        className="input input--small toolbar__select"
        data-testid="board-filter-status"
        aria-label={t('board.filter.status')}
        value={filters.status}
        onChange={(e) => onChange({ ...filters, status: e.target.value as BoardFilters['status'] })}
      >
        <option value="all">{t('board.filter.anyStatus')}</option>
        {CARD_STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`statusNames.${status}`)}
          </option>
        ))}
      </select>
      <select
        className="input input--small toolbar__select"
        data-testid="board-filter-reason"
        aria-label={t('board.filter.reason')}
        value={filters.reason}
        onChange={(e) => onChange({ ...filters, reason: e.target.value as BoardFilters['reason'] })}
      >
        <option value="all">{t('board.filter.anyReason')}</option>
        {FILTER_REASONS.map((reason) => (
          <option key={reason} value={reason}>
            {reasonLabel(t, reason)}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button button--small button--quiet"
        data-testid="shortcuts-toggle"
        onClick={() => useBoard.getState().openDialog({ kind: 'help' })}
      >
        {t('board.keys.button')}
      </button>
    </div>
  );
}

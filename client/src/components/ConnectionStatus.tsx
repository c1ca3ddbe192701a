import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store';

export function ConnectionStatus() {
  const { t } = useTranslation();
  const connection = useAppStore((state) => state.connection);
  return (
    <span
      className={`connection connection--${connection}`}
      data-testid="connection-status"
      data-state={connection}
      role="status"
    >
      <span className="connection__dot" aria-hidden />
      {t(`connection.${connection}`)}
    </span>
  );
}

import { useAppStore, type ConnectionState } from '../store';

const LABELS: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  online: 'Live',
  offline: 'Reconnecting…',
};

export function ConnectionStatus() {
  const connection = useAppStore((state) => state.connection);
  return (
    <span
      className={`connection connection--${connection}`}
      data-testid="connection-status"
      data-state={connection}
      role="status"
    >
      <span className="connection__dot" aria-hidden />
      {LABELS[connection]}
    </span>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_DISPLAY_NAME_LENGTH } from '@dais/shared';
import { NAME_KEY, readStored, writeStored } from '../../lib/storage';
import { useAppStore } from '../../store';
import { myModeratorId } from './boardStore';

/**
 * Who moderates with you (from presence; the same person in two tabs shows once),
 * and your own name as they see it. The name goes with the join, so changing it
 * reloads the page to join again.
 */
export function PresenceBar() {
  const { t } = useTranslation();
  const presence = useAppStore((state) => state.presence);
  const others = [
    ...new Map(presence.filter((p) => p.id !== myModeratorId()).map((p) => [p.id, p])).values(),
  ];
  return (
    <div className="presence" data-testid="presence">
      <span className="presence__label">{t('board.presence.label')}</span>
      {others.length === 0 ? (
        <span className="presence__alone">{t('board.presence.alone')}</span>
      ) : (
        others.map((other) => (
          <span key={other.id} className="presence__moderator" data-testid="presence-moderator">
            {other.name || t('common.unnamedModerator')}
          </span>
        ))
      )}
      <MyName />
    </div>
  );
}

function MyName() {
  const { t } = useTranslation();
  const stored = readStored(NAME_KEY)?.trim() ?? '';
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(stored);

  const save = (e: FormEvent) => {
    e.preventDefault();
    writeStored(NAME_KEY, name.trim() || null);
    window.location.reload();
  };

  if (!editing) {
    return (
      <button
        type="button"
        className="button button--small button--quiet"
        data-testid="moderator-name"
        onClick={() => setEditing(true)}
      >
        {t('board.presence.you', { name: stored || t('board.presence.noName') })}
      </button>
    );
  }
  return (
    <form className="presence__name" onSubmit={save}>
      <input
        className="input input--small"
        data-testid="moderator-name-input"
        aria-label={t('board.presence.nameLabel')}
        placeholder={t('board.presence.nameLabel')}
        maxLength={MAX_DISPLAY_NAME_LENGTH}
        autoFocus
        value={name}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
      />
      <button type="submit" className="button button--small" data-testid="moderator-name-save">
        {t('common.save')}
      </button>
    </form>
  );
}

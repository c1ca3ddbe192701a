import { useTranslation } from 'react-i18next';
import { useHashKey } from '../../hooks/useHashKey';
import { eventPath } from '../../lib/urls';

/** A moderator page of this event, the secret key kept in the fragment. */
const withKey = (path: string, key: string) => `${path}#${encodeURIComponent(key)}`;

/** "Summary" in the moderator header: the summary page in a new tab, so the board stays open. */
export function SummaryLink({ code }: { code: string }) {
  const { t } = useTranslation();
  const key = useHashKey();
  return (
    <a
      className="button button--small"
      data-testid="summary-link"
      href={withKey(`${eventPath(code)}/summary`, key)}
      target="_blank"
      rel="noopener noreferrer"
    >
      {t('summary.link')}
    </a>
  );
}

/** "Back to moderation" on the summary page. */
export function ModerateLink({ code }: { code: string }) {
  const { t } = useTranslation();
  const key = useHashKey();
  return (
    <a
      className="button button--small"
      data-testid="summary-back"
      href={withKey(eventPath(code, 'moderator'), key)}
    >
      {t('summary.back')}
    </a>
  );
}

import { ErrorCode, type Failure } from '@dais/shared';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../i18n/errors';
import { MessageView } from './MessageView';
import { CodeSlot } from './TransSlots';

const HomeLink = () => {
  const { t } = useTranslation();
  return (
    <Link className="button" to="/">
      {t('common.homeLink')}
    </Link>
  );
};

/** Why a page could not join its event, and what the user can do about it. */
export function EventErrorView({ error, code }: { error: Failure; code: string }) {
  const { t } = useTranslation();
  switch (error.error) {
    case ErrorCode.EventNotFound:
    case ErrorCode.InvalidPayload:
      return (
        <MessageView title={t('eventError.notFoundTitle')}>
          <p>
            <Trans
              t={t}
              i18nKey="eventError.notFoundText"
              components={{ code: <CodeSlot value={code} /> }}
            />
          </p>
          <HomeLink />
        </MessageView>
      );
    case ErrorCode.BadKey:
      return (
        <MessageView title={t('eventError.badKeyTitle')}>
          <p>{t('eventError.badKeyText')}</p>
          <HomeLink />
        </MessageView>
      );
    case ErrorCode.ProtocolMismatch:
      return (
        <MessageView title={t('eventError.outdatedTitle')}>
          <p>{t('eventError.outdatedText')}</p>
          <button
            type="button"
            className="button button--primary"
            onClick={() => window.location.reload()}
          >
            {t('eventError.reload')}
          </button>
        </MessageView>
      );
    default:
      return (
        <MessageView title={t('eventError.otherTitle')}>
          <p>{errorText(error)}</p>
          <HomeLink />
        </MessageView>
      );
  }
}

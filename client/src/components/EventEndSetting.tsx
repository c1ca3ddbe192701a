import { purgeDueAt, type EventInfo } from '@dais/shared';
import { useTranslation } from 'react-i18next';
import { useDateTime } from '../hooks/useDateTime';
import { configureEvent, purgeNow } from '../realtime/commands';
import { ConfirmButton } from './ConfirmButton';
import { RetentionSetting } from './RetentionSetting';

/** The end of the event and its personal data: retention, "End event", "Purge now". */
export function EventEndSetting({ event }: { event: EventInfo }) {
  const { t } = useTranslation();
  const { dateTime } = useDateTime();
  const purgeDue = purgeDueAt(event);

  return (
    <fieldset className="setting setting--stacked event-end">
      <legend>{t('settings.end.legend')}</legend>
      <RetentionSetting key={event.retentionDays} current={event.retentionDays} />
      {event.endedAt === null ? (
        <ConfirmButton
          testId="end-event"
          label={t('settings.end.button')}
          title={t('settings.end.title')}
          body={t('settings.end.body')}
          confirmLabel={t('settings.end.confirm')}
          onConfirm={() => configureEvent({ ended: true }, t('settings.end.done'))}
        />
      ) : (
        <p className="setting__hint" data-testid="event-ended">
          {t('settings.end.endedAt', { time: dateTime(event.endedAt) })}{' '}
          {purgeDue !== null && t('settings.end.purgeDue', { time: dateTime(purgeDue) })}
        </p>
      )}
      <ConfirmButton
        testId="purge-now"
        label={t('settings.purge.button')}
        title={t('settings.purge.title')}
        body={t('settings.purge.body')}
        confirmLabel={t('settings.purge.confirm')}
        onConfirm={() => purgeNow((count) => t('settings.purge.done', { count }))}
      />
      <p className="setting__hint">{t('settings.purge.hint')}</p>
    </fieldset>
  );
}

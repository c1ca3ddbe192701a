import { QRCodeSVG } from 'qrcode.react';
import { useTranslation } from 'react-i18next';
import { audienceUrl } from '../../lib/urls';

/** How the hall joins: a QR code of the audience page, its short address and the code. */
export function JoinPanel({ code, overlay }: { code: string; overlay: boolean }) {
  const { t } = useTranslation();
  const url = audienceUrl(code);
  return (
    <section
      className={`join-panel ${overlay ? 'join-panel--overlay' : ''}`}
      data-testid="stage-join-panel"
      aria-label={t('stage.join.title')}
    >
      <div className="join-panel__qr" data-testid="stage-qr">
        {/* Dark on white whatever the theme: scanners expect it. */}
        <QRCodeSVG
          value={url}
          size={512}
          marginSize={2}
          bgColor="#ffffff"
          fgColor="#000000"
          title={t('stage.join.qrTitle', { url })}
        />
      </div>
      <div className="join-panel__text">
        <p className="join-panel__lead">{t('stage.join.lead')}</p>
        <p className="join-panel__url" data-testid="stage-join-url">
          {url.replace(/^https?:\/\//, '')}
        </p>
        <p className="join-panel__label">{t('stage.join.code')}</p>
        <p className="join-panel__code" data-testid="stage-code">
          {code}
        </p>
      </div>
    </section>
  );
}

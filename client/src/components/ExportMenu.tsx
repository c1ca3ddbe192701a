import { ErrorCode, fail, type ExportQuery, type Result } from '@dais/shared';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBusy } from '../hooks/useBusy';
import { useHashKey } from '../hooks/useHashKey';
import { errorText } from '../i18n/errors';
import { isErrorCode } from '../lib/api';
import { useAppStore } from '../store';

type Query = Required<ExportQuery>;

/** The file name the server gave (`Content-Disposition: attachment; filename="…"`). */
const fileNameOf = (disposition: string | null) =>
  disposition && /filename="?([^";]+)"?/i.exec(disposition)?.[1];

/** Hands a downloaded file to the browser as if it came from a link. */
function save(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Downloads an export over HTTP with the moderator key in the Authorization header
 * (keys never go in a URL the server sees), and resolves with the file's name.
 */
async function downloadExport(code: string, key: string, query: Query): Promise<Result<string>> {
  try {
    const response = await fetch(`/api/events/${code}/export?${new URLSearchParams(query)}`, {
      headers: { Authorization: `Bearer ${key}` },
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: unknown } | null;
      const error = isErrorCode(body?.error) ? body.error : ErrorCode.Internal;
      return fail(error, `The server answered ${response.status}.`);
    }
    const fileName =
      fileNameOf(response.headers.get('content-disposition')) ??
      `dais-${code}-${query.scope}.${query.format}`;
    save(await response.blob(), fileName);
    return { ok: true, data: fileName };
  } catch {
    return fail(ErrorCode.Unavailable, 'Could not reach the server.');
  }
}

/** Two or more choices as radio buttons; each has data-testid `<name>-<value>`. */
function Choice<V extends string>(props: {
  name: string;
  legend: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
}) {
  return (
    <fieldset className="export-menu__choice">
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <label key={option.value}>
          <input
            type="radio"
            name={props.name}
            data-testid={`${props.name}-${option.value}`}
            checked={props.value === option.value}
            onChange={() => props.onChange(option.value)}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}

/** "Export" in the moderator header: all or answered questions, CSV or JSON, redacted unless asked. */
export function ExportMenu({ code }: { code: string }) {
  const { t } = useTranslation();
  const key = useHashKey();
  const [scope, setScope] = useState<Query['scope']>('all');
  const [format, setFormat] = useState<Query['format']>('csv');
  const [raw, setRaw] = useState(false);
  const [busy, run] = useBusy();
  const menu = useRef<HTMLDetailsElement>(null);

  const download = () =>
    run(async () => {
      const query: Query = { scope, format, personal: raw ? 'raw' : 'redacted' };
      const result = await downloadExport(code, key, query);
      const { notify } = useAppStore.getState();
      if (result.ok) {
        notify('success', t('exports.done', { file: result.data }));
        if (menu.current) menu.current.open = false;
      } else {
        notify('error', errorText(result));
      }
    });

  return (
    <details ref={menu} className="export-menu">
      <summary className="button button--small" data-testid="export-menu">
        {t('exports.menu')}
      </summary>
      <div className="export-menu__body panel">
        <Choice
          name="export-scope"
          legend={t('exports.scope')}
          value={scope}
          options={[
            { value: 'all', label: t('exports.all') },
            { value: 'answered', label: t('exports.answered') },
          ]}
          onChange={setScope}
        />
        <Choice
          name="export-format"
          legend={t('exports.format')}
          value={format}
          options={[
            { value: 'csv', label: t('exports.csv') },
            { value: 'json', label: t('exports.json') },
          ]}
          onChange={setFormat}
        />
        <label className="export-menu__personal">
          <input
            type="checkbox"
            data-testid="export-personal"
            checked={raw}
            onChange={(e) => setRaw(e.target.checked)}
          />
          {t('exports.personal')}
        </label>
        <p className="setting__hint">{t('exports.personalHint')}</p>
        <button
          type="button"
          className="button button--small button--primary"
          data-testid="export-download"
          disabled={busy}
          onClick={() => void download()}
        >
          {busy ? t('exports.downloading') : t('exports.download')}
        </button>
      </div>
    </details>
  );
}

import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useBusy } from '../hooks/useBusy';

interface ConfirmButtonProps {
  /** The button's data-testid; the dialog's confirm button is `<testId>-confirm`. */
  testId: string;
  label: string;
  title: string;
  body: string;
  confirmLabel: string;
  disabled?: boolean;
  onConfirm: () => Promise<unknown>;
}

/**
 * A button for an action that cannot be taken back: it asks first, in a modal
 * dialog (Esc or Cancel leaves it), and stays disabled while the action runs.
 */
export function ConfirmButton(props: ConfirmButtonProps) {
  const { testId, label, title, body, confirmLabel, disabled, onConfirm } = props;
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, run] = useBusy();

  const confirm = () => {
    dialog.current?.close();
    void run(onConfirm);
  };

  return (
    <>
      <button
        type="button"
        className="button button--small button--danger"
        data-testid={testId}
        disabled={disabled || busy}
        onClick={() => dialog.current?.showModal()}
      >
        {label}
      </button>
      <dialog
        ref={dialog}
        className="confirm"
        aria-labelledby={`${testId}-title`}
        data-testid={`${testId}-dialog`}
        // Keys pressed here are the dialog's: page-wide shortcuts (the board's) must not act behind it.
        onKeyDown={(e) => e.stopPropagation()}
      >
        <h2 id={`${testId}-title`} className="confirm__title">
          {title}
        </h2>
        <p>{body}</p>
        <div className="confirm__actions">
          <button
            type="button"
            className="button button--small"
            onClick={() => dialog.current?.close()}
          >
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="button button--small button--danger"
            data-testid={`${testId}-confirm`}
            onClick={confirm}
          >
            {confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}

import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A modal `<dialog>` (the browser traps focus and closes it on Esc): open while
 * mounted; `onClose` runs however it closes. The content's field marked
 * `data-autofocus` gets the focus, so typing starts there.
 */
export function ModalDialog({
  title,
  testId,
  onClose,
  children,
}: {
  title: string;
  testId: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element?.open) element?.showModal();
    // showModal focuses the first control (the close button): React's autoFocus ran
    // earlier, while the dialog was still closed and nothing in it could take focus.
    element?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="dialog"
      data-testid={testId}
      onClose={onClose}
      aria-label={title}
    >
      <div className="dialog__head">
        <h2 className="dialog__title">{title}</h2>
        <button
          type="button"
          className="dialog__close"
          aria-label={t('common.dismiss')}
          onClick={() => dialog.current?.close()}
        >
          ×
        </button>
      </div>
      {children}
    </dialog>
  );
}

import type { Question } from '@dais/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBusy } from '../hooks/useBusy';
import { approveEdited } from '../realtime/commands';

/** Approve with the moderator's words: the public sees this text instead of the asker's. */
export function ApproveEditor({ question, onClose }: { question: Question; onClose: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(question.publicText);
  const [busy, run] = useBusy();
  const id = `edit-${question.id}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if ((await run(() => approveEdited(question.id, text))).ok) onClose();
  };

  return (
    <form className="editor" onSubmit={(e) => void submit(e)}>
      <label className="editor__label" htmlFor={id}>
        {t('editor.label')}
      </label>
      <textarea
        id={id}
        className="input editor__text"
        data-testid="edit-text"
        rows={3}
        autoFocus
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
      />
      <div className="actions">
        <button
          type="submit"
          className="button button--primary button--small"
          data-testid="edit-submit"
          disabled={busy || !text.trim()}
        >
          {t('editor.submit')}
        </button>
        <button type="button" className="button button--small" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

import type { Question, Result } from '@dais/shared';
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBusy } from '../hooks/useBusy';
import { approveEdited, editQuestion } from '../realtime/commands';

export type EditorMode = 'approve' | 'edit';

const SAVE: Record<EditorMode, (questionId: string, text: string) => Promise<Result<unknown>>> = {
  approve: approveEdited,
  edit: editQuestion,
};

interface QuestionEditorProps {
  question: Question;
  /** `approve`: approve with this text; `edit`: replace the public text only. */
  mode: EditorMode;
  onClose: () => void;
}

/**
 * The moderator's words for the public text. Enter saves (Shift+Enter: a new line;
 * not while an input method is composing, which Chinese typing uses Enter for), Esc cancels.
 */
export function QuestionEditor({ question, mode, onClose }: QuestionEditorProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(question.publicText);
  const [busy, run] = useBusy();
  const id = `${mode}-${question.id}`;
  const empty = !text.trim();

  const save = async () => {
    if (busy || empty) return;
    if ((await run(() => SAVE[mode](question.id, text))).ok) onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void save();
    }
  };

  return (
    <form className="editor" onSubmit={submit}>
      <label className="editor__label" htmlFor={id}>
        {t('editor.label')}
      </label>
      <textarea
        id={id}
        className="input editor__text"
        data-testid="edit-text"
        rows={3}
        autoFocus
        data-autofocus
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="actions">
        <button
          type="submit"
          className="button button--primary button--small"
          data-testid="edit-submit"
          disabled={busy || empty}
        >
          {mode === 'approve' ? t('editor.submit') : t('editor.save')}
        </button>
        <button type="button" className="button button--small" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Approve with the moderator's words: the public sees this text instead of the asker's. */
export function ApproveEditor({ question, onClose }: { question: Question; onClose: () => void }) {
  return <QuestionEditor question={question} mode="approve" onClose={onClose} />;
}

import { useTranslation } from 'react-i18next';
import { isFullQuestion } from '../../lib/questions';
import { useAppStore } from '../../store';
import { QuestionEditor, type EditorMode } from '../ApproveEditor';
import { ModalDialog } from './ModalDialog';

/**
 * The public text of one question, in a dialog: "e" edits it, "a" on a safeguarding
 * question approves it with the edit. The asker's own words are shown for reference.
 */
export function EditDialog({
  questionId,
  mode,
  onClose,
}: {
  questionId: string;
  mode: EditorMode;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const question = useAppStore((state) => state.questions[questionId]);
  if (!question || !isFullQuestion(question)) return null;
  return (
    <ModalDialog
      title={mode === 'approve' ? t('board.edit.approveTitle') : t('board.edit.title')}
      testId="edit-dialog"
      onClose={onClose}
    >
      <p className="dialog__note">{t('board.edit.original')}</p>
      <blockquote className="dialog__quote">{question.text}</blockquote>
      <QuestionEditor question={question} mode={mode} onClose={onClose} />
    </ModalDialog>
  );
}

import { ErrorCode, type Failure, type FilterReason } from '@dais/shared';
import i18next from 'i18next';
import { formatList, t } from './index';

/** What the failed request was about, when that changes how a failure reads. */
export type FailureContext = 'submit' | 'edit' | 'undo' | 'other';

const known = (key: string) => i18next.exists(key);

/**
 * A failed ack in the user's language, from its `error` code (and the filter's
 * `reasons`). The server's English `message` is shown only for a code this client
 * does not know.
 */
export function errorText(failure: Failure, context: FailureContext = 'other'): string {
  const reasons: FilterReason[] = (failure.reasons ?? []).filter((reason) =>
    known(`reasons.${reason}`),
  );
  if (failure.error === ErrorCode.Rejected && context === 'submit' && reasons.length > 0) {
    const why = reasons.map((reason) => t(`errors.rejectedBecause.${reason}`));
    return t('errors.rejected', { reasons: why.join(t('errors.separator')) });
  }
  if (context === 'edit') {
    if (failure.error === ErrorCode.Conflict && reasons.length > 0) {
      return t('errors.editStillHas', {
        reasons: formatList(reasons.map((reason) => t(`reasons.${reason}`))),
      });
    }
    if (failure.error === ErrorCode.Rejected) return t('errors.editEmpty');
  }
  // An undo refused: the question's status alone would not say why (it may be unchanged).
  if (failure.error === ErrorCode.Conflict && context === 'undo') return t('errors.undoConflict');
  // Another moderator acted first: say what the question is now.
  if (failure.error === ErrorCode.Conflict && failure.current) {
    return t(`errors.conflict.${failure.current.status}`);
  }
  return t(`errors.codes.${failure.error}`, { defaultValue: failure.message });
}

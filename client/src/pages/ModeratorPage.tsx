import type { EventInfo } from '@dais/shared';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BacklogMeter } from '../components/board/BacklogMeter';
import { BoardToolbar } from '../components/board/BoardToolbar';
import {
  buildBoard,
  isFiltering,
  NO_FILTERS,
  QUEUE_KEYS,
  type BoardFilters,
  type QueueKey,
} from '../components/board/boardModel';
import { useBoard, useSelectedId } from '../components/board/boardStore';
import { BulkBar } from '../components/board/BulkBar';
import { EditDialog } from '../components/board/EditDialog';
import { PresenceBar } from '../components/board/PresenceBar';
import { QueueColumn } from '../components/board/QueueColumn';
import { ShortcutSheet } from '../components/board/ShortcutSheet';
import { useBoardShortcuts } from '../components/board/useBoardShortcuts';
import { AuditPanel } from '../components/AuditPanel';
import { CopyButton } from '../components/CopyButton';
import { EventHeader } from '../components/EventHeader';
import { ExportMenu } from '../components/ExportMenu';
import { MergeBanner } from '../components/Merging';
import { SettingsPanel } from '../components/SettingsPanel';
import { SummaryLink } from '../components/summary/SummaryLink';
import { audienceUrl } from '../lib/urls';
import { focusOn } from '../realtime/commands';
import { useAppStore } from '../store';

/** The others see what this moderator looks at once the selection rests a moment. */
const FOCUS_DEBOUNCE_MS = 300;

function useFocusReport() {
  const selectedId = useSelectedId();
  useEffect(() => {
    const timer = setTimeout(() => focusOn(selectedId), FOCUS_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [selectedId]);
}

/** The dialog the board has open, if any ("?", "e", "a" on a safeguarding question). */
function BoardDialogs() {
  const dialog = useBoard((state) => state.dialog);
  const close = () => useBoard.getState().openDialog(null);
  if (dialog?.kind === 'help') return <ShortcutSheet onClose={close} />;
  if (dialog) {
    return (
      <EditDialog
        key={dialog.questionId}
        questionId={dialog.questionId}
        mode={dialog.kind}
        onClose={close}
      />
    );
  }
  return null;
}

/**
 * The moderator workspace: six queues side by side (Incoming, Held, Approved, Up
 * next, On stage/Answered, Rejected), worked mostly with the keyboard ("?" lists the
 * keys), with search and filters, bulk actions, the backlog meter and who else is here.
 */
export function ModeratorPage({ event }: { event: EventInfo }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<BoardFilters>(NO_FILTERS);
  // Typing stays responsive while 10,000 questions are filtered behind it.
  const shownFilters = useDeferredValue(filters);
  const questions = useAppStore((state) => state.questions);
  const upNext = useAppStore((state) => state.queue);
  const board = useMemo(
    () => buildBoard(questions, upNext, shownFilters),
    [questions, upNext, shownFilters],
  );
  const filtered = isFiltering(shownFilters);
  const shareUrl = audienceUrl(event.code);

  useEffect(() => {
    useBoard
      .getState()
      .setLists(
        Object.fromEntries(QUEUE_KEYS.map((key) => [key, board[key].ids])) as Record<
          QueueKey,
          string[]
        >,
      );
  }, [board]);
  useEffect(() => () => useBoard.getState().reset(), []);
  useBoardShortcuts();
  useFocusReport();

  return (
    <div className="page page--moderator page--workspace">
      <title>{t('moderator.pageTitle', { title: event.title })}</title>
      <EventHeader event={event}>
        <div className="share">
          <span className="share__label">{t('moderator.audienceLink')}</span>
          <a href={shareUrl} target="_blank" rel="noreferrer">
            {shareUrl}
          </a>
          <CopyButton text={shareUrl} />
        </div>
        <div className="workspace__tools" data-slot="header-tools">
          <ExportMenu code={event.code} />
          <SummaryLink code={event.code} />
          <AuditPanel />
        </div>
      </EventHeader>
      <SettingsPanel event={event} />
      <div className="workspace__bar">
        <BoardToolbar filters={filters} onChange={setFilters} />
        <BacklogMeter eventCreatedAt={event.createdAt} />
        <PresenceBar />
      </div>
      <BulkBar />
      <MergeBanner />
      <div className="workspace" data-testid="board">
        {QUEUE_KEYS.map((key, index) => (
          <QueueColumn key={key} queue={board[key]} index={index} filtered={filtered} />
        ))}
      </div>
      <BoardDialogs />
    </div>
  );
}

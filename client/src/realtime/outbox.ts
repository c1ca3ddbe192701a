import { ErrorCode, type AckData, type Result } from '@dais/shared';
import { errorText } from '../i18n/errors';
import { readStored, writeStored } from '../lib/storage';
import { useAppStore, type PendingQuestion } from '../store';
import { newRequestId, sendRetrying } from './socket';

/**
 * The audience's questions on their way to the server. Each is stored (localStorage,
 * per event) with its request id before it is sent, and leaves only when the server
 * answered: typed offline, it goes out after the next join, also after a reload; an
 * ack lost on the way is asked again with the same id, which never stores it twice.
 */
type SubmitResult = Result<AckData<'question:submit'>>;

/** When the server could not be reached although the page is online: try again after this. */
const RETRY_MS = 5000;
const store = () => useAppStore.getState();
const outboxKey = (code: string) => `dais:outbox:${code}`;

let eventCode: string | null = null;
let flushing = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
/** Whoever waits for a question's answer (the form that sent it); none after a reload. */
const waiting = new Map<string, (result: SubmitResult) => void>();

/**
 * Loads the questions this browser still has to send for `code`, and sends them
 * whenever the page is (back) online, i.e. has joined. Returns the stop.
 */
export function openOutbox(code: string): () => void {
  eventCode = code;
  clearTimeout(retryTimer);
  store().setOutbox(parse(readStored(outboxKey(code))));
  const unsubscribe = useAppStore.subscribe((state, before) => {
    if (state.connection === 'online' && before.connection !== 'online') void flushOutbox();
  });
  return () => {
    unsubscribe();
    clearTimeout(retryTimer);
    if (eventCode === code) eventCode = null;
  };
}

/**
 * Sends a question now, or once back online. `queued`: the page is offline, so the
 * answer comes after reconnecting.
 */
export function askQuestion(text: string, name: string) {
  const pending: PendingQuestion = { requestId: newRequestId(), text, name };
  const result = new Promise<SubmitResult>((resolve) => waiting.set(pending.requestId, resolve));
  save([...store().outbox, pending]);
  const queued = store().connection !== 'online';
  void flushOutbox();
  return { queued, result };
}

/** Sends the waiting questions in order while online; called after every join. */
export async function flushOutbox() {
  if (flushing) return;
  flushing = true;
  clearTimeout(retryTimer);
  try {
    let next: PendingQuestion | undefined;
    while (store().connection === 'online' && (next = store().outbox[0])) {
      const { requestId, text, name } = next;
      const result = await sendRetrying('question:submit', {
        text,
        name: name.trim() || undefined,
        requestId,
      });
      if (!result.ok && result.error === ErrorCode.Unavailable) {
        // Not through (yet): it stays, and goes again later or after the next join.
        if (store().connection === 'online')
          retryTimer = setTimeout(() => void flushOutbox(), RETRY_MS);
        return;
      }
      save(store().outbox.filter((p) => p.requestId !== requestId));
      if (result.ok) store().mergeQuestion(result.data.question);
      const waiter = waiting.get(requestId);
      waiting.delete(requestId);
      if (waiter) waiter(result);
      // Sent from an earlier page: a refusal is said here (a success shows in "my questions").
      else if (!result.ok) store().notify('error', errorText(result, 'submit'));
    }
  } finally {
    flushing = false;
  }
}

function save(outbox: PendingQuestion[]) {
  store().setOutbox(outbox);
  if (eventCode) writeStored(outboxKey(eventCode), outbox.length ? JSON.stringify(outbox) : null);
}

/** What localStorage held, keeping only well-formed entries (it may be old or edited). */
function parse(stored: string | null): PendingQuestion[] {
  try {
    const list: unknown = JSON.parse(stored ?? '[]');
    if (!Array.isArray(list)) return [];
    return list.filter(
      (p): p is PendingQuestion =>
        typeof p?.requestId === 'string' &&
        typeof p.text === 'string' &&
        typeof p.name === 'string',
    );
  } catch {
    return [];
  }
}

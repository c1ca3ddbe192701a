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
 * Online but UNAVAILABLE (the server cannot reach its store, or did not answer): asked
 * again after growing pauses, the form saying so, and then handed back to the form
 * with the error; sent again with the same words, it keeps its request id.
 */
type SubmitResult = Result<AckData<'question:submit'>>;

/** When the server could not be reached although the page is online: try again after this. */
const RETRY_MS = 5000;
/** The pauses between attempts while UNAVAILABLE (the last is followed by the error). */
const BACKOFF_MS = [1000, 2000, 4000];
const store = () => useAppStore.getState();
const outboxKey = (code: string) => `dais:outbox:${code}`;

let eventCode: string | null = null;
let flushing = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
/** The form that sent a question, waiting for its answer; none after a reload. */
interface Waiter {
  settle: (result: SubmitResult) => void;
  /** Called before each new attempt while the server is unavailable (1, 2, …). */
  retrying: (attempt: number) => void;
}
const waiting = new Map<string, Waiter>();
/** The question last handed back unsent: the same words again keep its request id. */
let handedBack: PendingQuestion | null = null;

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
 * answer comes after reconnecting. `retrying` hears of each attempt after the first.
 */
export function askQuestion(text: string, name: string, retrying: Waiter['retrying'] = () => {}) {
  // The server may have stored the one handed back after all: its id makes that harmless.
  const requestId = handedBack?.text === text ? handedBack.requestId : newRequestId();
  handedBack = null;
  const pending: PendingQuestion = { requestId, text, name };
  const result = new Promise<SubmitResult>((settle) =>
    waiting.set(requestId, { settle, retrying }),
  );
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
      const { requestId } = next;
      const result = await submit(next);
      const waiter = waiting.get(requestId);
      const online = store().connection === 'online';
      if (!result.ok && result.error === ErrorCode.Unavailable && (!online || !waiter)) {
        // Not through (yet): it stays, and goes again later or after the next join.
        if (online) retryTimer = setTimeout(() => void flushOutbox(), RETRY_MS);
        return;
      }
      save(store().outbox.filter((p) => p.requestId !== requestId));
      if (result.ok) store().mergeQuestion(result.data.question);
      // Unavailable after every attempt: back to its form, which shows why and keeps the text.
      else if (result.error === ErrorCode.Unavailable) handedBack = next;
      waiting.delete(requestId);
      if (waiter) waiter.settle(result);
      // Sent from an earlier page: a refusal is said here (a success shows in "my questions").
      else if (!result.ok) store().notify('error', errorText(result, 'submit'));
    }
  } finally {
    flushing = false;
  }
}

/** One question, asked again after each pause of BACKOFF_MS while online and unavailable. */
const submit = ({ requestId, text, name }: PendingQuestion): Promise<SubmitResult> =>
  sendRetrying(
    'question:submit',
    { text, name: name.trim() || undefined, requestId },
    {
      pausesMs: BACKOFF_MS,
      onlyOnline: true,
      retrying: (attempt) => waiting.get(requestId)?.retrying(attempt),
    },
  );

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

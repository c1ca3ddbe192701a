import { randomInt } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  DEFAULT_MAX_QUESTION_LENGTH,
  ErrorCode,
  EVENT_CODE_ALPHABET,
  EVENT_CODE_LENGTH,
  QUESTION_STATUSES,
  TRANSITIONS,
  type EventInfo,
  type Question,
  type QuestionAction,
  type QuestionStatus,
} from '@dais/shared';
import { hashKey, newId, newSecretKey } from '../security/secrets';
import { eventKeys, SECRET_KEY, statusKeys } from './keys';

/** A refusal the client should hear about, with its protocol error code. */
export class StoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface EventRecord extends EventInfo {
  moderatorKeyHash: string;
  stageKeyHash: string;
}

export interface Change {
  logId: string;
  question: Question;
  /** The status before this change; null for a new question. */
  previous: QuestionStatus | null;
}

/** The only module that speaks to Redis about events; every write is one Lua script. */
export function createEventStore(redis: Redis) {
  async function createEvent(title: string, now: number) {
    const moderatorKey = newSecretKey();
    const stageKey = newSecretKey();
    for (let attempt = 0; attempt < 5; attempt++) {
      const code = newEventCode();
      const keys = eventKeys(code);
      const created = await redis.createEvent(
        keys.meta,
        keys.log,
        title,
        now,
        DEFAULT_MAX_QUESTION_LENGTH,
        hashKey(moderatorKey),
        hashKey(stageKey),
      );
      if (created !== 0) return { code, title, moderatorKey, stageKey };
    }
    throw new Error('no free event code after 5 attempts');
  }

  async function getEvent(code: string): Promise<EventRecord | null> {
    const meta = await redis.hgetall(eventKeys(code).meta);
    if (!meta.title) return null;
    return {
      code,
      title: meta.title,
      createdAt: Number(meta.createdAt),
      maxQuestionLength: Number(meta.maxQuestionLength),
      moderatorKeyHash: meta.moderatorKeyHash ?? '',
      stageKeyHash: meta.stageKeyHash ?? '',
    };
  }

  async function configure(code: string, maxQuestionLength: number, actor: string) {
    const keys = eventKeys(code);
    const logId = await run(() =>
      redis.configureEvent(keys.meta, keys.log, maxQuestionLength, actor),
    );
    return { logId, event: toInfo(await mustGetEvent(code)) };
  }

  async function submitQuestion(
    code: string,
    input: { text: string; length: number; authorId: string; authorName: string | null },
    now: number,
  ): Promise<Change> {
    const keys = eventKeys(code);
    const id = newId();
    const logId = await run(() =>
      redis.submitQuestion(
        keys.meta,
        keys.question(id),
        keys.status('pending'),
        keys.participant(input.authorId),
        keys.log,
        id,
        input.text,
        input.length,
        input.authorId,
        input.authorName ?? '',
        now,
      ),
    );
    return { logId, question: await mustGetQuestion(code, id), previous: null };
  }

  /**
   * Applies a state-machine action. For `show` the result also holds the question
   * that was on stage and went back to approved.
   */
  async function transition(
    code: string,
    id: string,
    action: QuestionAction,
    opts: { actor: string; reason?: string; now: number },
  ): Promise<{ change: Change; returned?: Change }> {
    const keys = eventKeys(code);
    const { from, to } = TRANSITIONS[action];
    // `show` must know who is on stage; the script re-checks and we retry if it moved.
    for (let attempt = 0; ; attempt++) {
      const onStage = action === 'show' ? await redis.zrange(keys.status('live'), 0, 0) : [];
      const expected = onStage[0] ?? '';
      try {
        const [logId, previous] = await run(() =>
          redis.transitionQuestion(
            keys.log,
            keys.question(id),
            keys.question(expected || id),
            ...statusKeys(keys),
            action,
            to,
            from.join(','),
            opts.now,
            opts.actor,
            opts.reason ?? '',
            expected,
            QUESTION_STATUSES.join(','),
          ),
        );
        const question = await mustGetQuestion(code, id);
        const change = { logId, question, previous: previous as QuestionStatus };
        if (!expected || expected === id) return { change };
        const returned = await mustGetQuestion(code, expected);
        return { change, returned: { logId, question: returned, previous: 'live' } };
      } catch (error) {
        if (!(error instanceof StageMoved) || attempt >= 3) throw error;
      }
    }
  }

  async function getQuestion(code: string, id: string): Promise<Question | null> {
    return toQuestion(await redis.hgetall(eventKeys(code).question(id)));
  }

  async function mustGetQuestion(code: string, id: string) {
    const question = await getQuestion(code, id);
    if (!question) throw new StoreError(ErrorCode.QuestionNotFound, `No question ${id}`);
    return question;
  }

  async function mustGetEvent(code: string) {
    const event = await getEvent(code);
    if (!event) throw new StoreError(ErrorCode.EventNotFound, `No event with code ${code}`);
    return event;
  }

  /**
   * Reads questions by status (and, for an audience member, their own). The log id
   * is read first, so every change after it reaches the reader as a broadcast; the
   * per-question `rev` lets the client drop any older copy.
   */
  async function readState(code: string, statuses: readonly QuestionStatus[], ownerId?: string) {
    const keys = eventKeys(code);
    const logId = await lastLogId(code);
    const idLists = await Promise.all([
      ...statuses.map((s) => redis.zrange(keys.status(s), 0, -1)),
      ownerId ? redis.zrange(keys.participant(ownerId), 0, -1) : Promise.resolve([]),
    ]);
    const mineIds = idLists.pop() ?? [];
    const read = (ids: string[]) => Promise.all(ids.map((id) => getQuestion(code, id)));
    const [questions, mine] = await Promise.all([read(idLists.flat()), read(mineIds)]);
    return { logId, questions: questions.filter(isQuestion), mine: mine.filter(isQuestion) };
  }

  async function lastLogId(code: string): Promise<string> {
    const [last] = await redis.xrevrange(eventKeys(code).log, '+', '-', 'COUNT', 1);
    return last?.[0] ?? '0-0';
  }

  /** One random signing secret per Redis, shared by every server process on it. */
  async function signingSecret(): Promise<string> {
    await redis.set(SECRET_KEY, newSecretKey() + newSecretKey(), 'NX');
    const secret = await redis.get(SECRET_KEY);
    if (!secret) throw new Error('signing secret missing');
    return secret;
  }

  return {
    createEvent,
    getEvent,
    configure,
    submitQuestion,
    transition,
    getQuestion,
    readState,
    signingSecret,
  };
}
export type EventStore = ReturnType<typeof createEventStore>;

class StageMoved extends Error {}

/** Turns the typed errors our Lua scripts raise into StoreErrors. */
async function run<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    // Redis prefixes a script's error_reply with ERR unless it starts with an error code.
    const message = error instanceof Error ? error.message.replace(/^ERR /, '') : '';
    const [word, detail] = message.split(' ');
    switch (word) {
      case 'EVENT_NOT_FOUND':
        throw new StoreError(ErrorCode.EventNotFound, 'No such event');
      case 'QUESTION_NOT_FOUND':
        throw new StoreError(ErrorCode.QuestionNotFound, 'No such question');
      case 'TOO_LONG':
        throw new StoreError(ErrorCode.TooLong, `Questions may have at most ${detail} characters`);
      case 'CONFLICT':
        throw new StoreError(ErrorCode.Conflict, `The question is ${detail} now`);
      case 'STAGE_MOVED':
        throw new StageMoved();
      default:
        throw error;
    }
  }
}

function newEventCode(): string {
  let code = '';
  for (let i = 0; i < EVENT_CODE_LENGTH; i++) {
    code += EVENT_CODE_ALPHABET[randomInt(EVENT_CODE_ALPHABET.length)];
  }
  return code;
}

export const toInfo = ({ code, title, maxQuestionLength, createdAt }: EventRecord): EventInfo => ({
  code,
  title,
  maxQuestionLength,
  createdAt,
});

function toQuestion(h: Record<string, string>): Question | null {
  if (!h.id || !h.status) return null;
  return {
    id: h.id,
    text: h.text ?? '',
    authorId: h.authorId ?? '',
    authorName: h.authorName || null,
    status: h.status as QuestionStatus,
    reason: h.reason || null,
    rev: Number(h.rev),
    createdAt: Number(h.createdAt),
    updatedAt: Number(h.updatedAt),
  };
}

const isQuestion = (q: Question | null): q is Question => q !== null;

import { randomInt } from 'node:crypto';
import type { RedisClient } from '../redis/client';
import {
  DEFAULT_MAX_QUESTION_LENGTH,
  DEFAULT_POLICY,
  ErrorCode,
  EVENT_CODE_ALPHABET,
  EVENT_CODE_LENGTH,
  FILTER_REASONS,
  QUESTION_STATUSES,
  TRANSITIONS,
  type EventInfo,
  DEFAULT_RETENTION_DAYS,
  rankScore,
  type FailureDetails,
  type FilterReason,
  type ModerationSettings,
  type Question,
  type QuestionAction,
  type QuestionStatus,
  type ReasonPolicy,
} from '@dais/shared';
import { hashKey, newId, newSecretKey } from '../security/secrets';
import { eventKeys, REQUEST_TTL_SECONDS, SECRET_KEY, statusKeys, type EventKeys } from './keys';

/** A refusal the client should hear about, with its protocol error code. */
export class StoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: FailureDetails = {},
  ) {
    super(message);
  }
}

/** A script's answer that the caller resolves by reading again (optimistic concurrency). */
export class Retry extends Error {
  constructor(readonly why: 'RETRY' | 'STAGE_MOVED' | 'STALE_CONFIG') {
    super(why);
  }
}

export interface EventRecord extends EventInfo {
  moderatorKeyHash: string;
  stageKeyHash: string;
  settings: ModerationSettings;
  /** Bumped by every settings change; a filter compiled at another revision is stale. */
  configRev: string;
}

/**
 * Who acts, as the log records it: a moderator (the id their browser keeps, and the
 * name they gave), the stage ('stage'), or a participant (their id).
 */
export interface Actor {
  id: string;
  name: string;
}

export interface Change {
  logId: string;
  question: Question;
  /** The status before this change; null for a new question. */
  previous: QuestionStatus | null;
}

/** A new question as the intake filtered it; its cluster is decided as it is stored. */
export interface NewQuestion {
  text: string;
  publicText: string;
  length: number;
  authorId: string;
  authorName: string | null;
  /**
   * held: the filter doubts it (never compared); otherwise the status it has unless it
   * joins a near-duplicate's cluster: approved when pre-moderation is off.
   */
  status: 'pending' | 'held' | 'approved';
  reasons: FilterReason[];
  configRev: string;
  /** Its entry in the duplicate index (see `indexEntry`): JSON of its tokens and bands. */
  fingerprint: string;
  /** Its LSH bands; none when held. */
  bands: string[];
  /** The client's id for this ask, the same on every retry (see submit-question.lua). */
  requestId?: string;
}

/** The only module that speaks to Redis about events; every write is one Lua script. */
export function createEventStore(redis: RedisClient) {
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
      open: meta.open !== '0',
      slowModeSeconds: Number(meta.slowModeSeconds ?? 0),
      preModeration: meta.preModeration !== '0',
      endedAt: meta.endedAt ? Number(meta.endedAt) : null,
      retentionDays: Number(meta.retentionDays ?? DEFAULT_RETENTION_DAYS),
      purgedAt: meta.purgedAt ? Number(meta.purgedAt) : null,
      moderatorKeyHash: meta.moderatorKeyHash ?? '',
      stageKeyHash: meta.stageKeyHash ?? '',
      settings: {
        blockedTerms: meta.blockedTerms ? (JSON.parse(meta.blockedTerms) as string[]) : [],
        allowedTerms: meta.allowedTerms ? (JSON.parse(meta.allowedTerms) as string[]) : [],
        policy: {
          ...DEFAULT_POLICY,
          ...(meta.policy ? (JSON.parse(meta.policy) as Partial<ReasonPolicy>) : {}),
        },
      },
      configRev: meta.configRev ?? '0',
    };
  }

  async function mustGetEvent(code: string) {
    const event = await getEvent(code);
    if (!event) throw new StoreError(ErrorCode.EventNotFound, `No event with code ${code}`);
    return event;
  }

  async function configure(
    code: string,
    change: {
      maxQuestionLength?: number;
      blockedTerms?: string[];
      allowedTerms?: string[];
      policy?: Partial<ReasonPolicy>;
      open?: boolean;
      slowModeSeconds?: number;
      preModeration?: boolean;
      retentionDays?: number;
      ended?: true;
    },
    actor: Actor,
    now: number,
  ) {
    const keys = eventKeys(code);
    const fields: (string | number)[] = [];
    // Intake controls, stored under their EventInfo names (flags as 1/0).
    const { open, slowModeSeconds, preModeration, retentionDays } = change;
    const intake = { open, slowModeSeconds, preModeration, retentionDays };
    for (const [name, value] of Object.entries(intake)) {
      if (value !== undefined) fields.push(name, Number(value));
    }
    if (change.maxQuestionLength !== undefined) {
      fields.push('maxQuestionLength', change.maxQuestionLength);
    }
    if (change.blockedTerms) fields.push('blockedTerms', JSON.stringify(change.blockedTerms));
    if (change.allowedTerms) fields.push('allowedTerms', JSON.stringify(change.allowedTerms));
    if (change.policy) {
      const { settings } = await mustGetEvent(code);
      fields.push('policy', JSON.stringify({ ...settings.policy, ...change.policy }));
    }
    const logId = await run(() =>
      redis.configureEvent(
        keys.meta,
        keys.log,
        actor.id,
        actor.name,
        now,
        change.ended ? 1 : 0,
        ...fields,
      ),
    );
    return { logId, event: await mustGetEvent(code) };
  }

  /**
   * Stores a new question in one script call, which also decides its cluster (the
   * closest open near-duplicate, or a new one). Returns the question and, when it
   * joined a cluster, the leader's new state: all a broadcast needs. A retry of a
   * request already stored changes nothing: its change has log id '' and the question
   * as it is now.
   */
  async function submitQuestion(
    code: string,
    input: NewQuestion,
    now: number,
  ): Promise<{ change: Change; leader?: Change }> {
    const keys = eventKeys(code);
    const id = newId();
    const scriptKeys = [
      keys.meta,
      keys.question(id),
      keys.status(input.status),
      keys.status('merged'),
      keys.participant(input.authorId),
      keys.log,
      keys.askers(id),
      keys.fingerprints,
      keys.clusterOf,
      keys.rank,
      keys.request(input.authorId, input.requestId ?? ''),
      ...input.bands.map(keys.band),
    ];
    const [logId, status, leaderId, leaderFields] = await run(() =>
      redis.submitQuestion(
        scriptKeys.length,
        ...scriptKeys,
        id,
        input.text,
        input.publicText,
        input.length,
        input.authorId,
        input.authorName ?? '',
        now,
        input.status,
        input.reasons.join(','),
        input.configRev,
        input.fingerprint,
        keys.question(''),
        keys.askers(''),
        input.requestId ? REQUEST_TTL_SECONDS : 0,
      ),
    );
    if (logId === '') {
      const stored = toQuestion(fieldsOf(leaderFields), leaderId || null);
      if (!stored) throw new StoreError(ErrorCode.QuestionNotFound, 'No such question');
      return { change: { logId, question: stored, previous: stored.status } };
    }
    // The script stored exactly this; no need to read it back on the question's hot path.
    const question: Question = {
      id,
      text: input.text,
      publicText: input.publicText,
      authorId: input.authorId,
      authorName: input.authorName || null,
      status: status as NewQuestion['status'] | 'merged',
      reason: null,
      reasons: input.reasons,
      clusterId: leaderId || id,
      askedBy: 1,
      votes: 0,
      score: rankScore({ votes: 0, askedBy: 1, starred: false, createdAt: now }),
      pinned: false,
      starred: false,
      rev: 1,
      createdAt: now,
      updatedAt: now,
      statusAt: now,
      decidedAt: status === 'approved' ? now : null,
    };
    const change: Change = { logId, question, previous: null };
    const leader = leaderId ? toQuestion(fieldsOf(leaderFields), null) : null;
    return leader
      ? { change, leader: { logId, question: leader, previous: leader.status } }
      : { change };
  }

  /** Whether this participant's request (a submit or a vote) was already done. */
  async function isDone(code: string, participantId: string, requestId: string) {
    return (await redis.exists(eventKeys(code).request(participantId, requestId))) === 1;
  }

  /** The question a recorded request id stored, as it is now; null when none. */
  async function findSubmitted(code: string, authorId: string, requestId: string) {
    const keys = eventKeys(code);
    const id = await redis.get(keys.request(authorId, requestId));
    if (!id) return null;
    const [fields, leaderId] = await Promise.all([
      redis.hgetall(keys.question(id)),
      redis.hget(keys.clusterOf, id),
    ]);
    return toQuestion(fields, leaderId);
  }

  /**
   * Applies a state-machine action. For `show` the result also holds the question
   * that was on stage and went back to approved.
   */
  async function transition(
    code: string,
    id: string,
    action: Exclude<QuestionAction, 'merge' | 'split'>,
    opts: {
      actor: Actor;
      /** The actor may undo it (moderators): its log id goes on their undo list. */
      undoable?: boolean;
      reason?: string;
      publicText?: string;
      /**
       * For `approve`: how a text is indexed. The question's fingerprint becomes that of
       * its public text (`publicText`, else the stored one), indexed as a cluster leader.
       */
      index?: IndexOf;
      /** The status the moderator saw: CONFLICT when the question is in another. */
      expected?: QuestionStatus;
      now: number;
    },
  ): Promise<{ change: Change; returned?: Change }> {
    const keys = eventKeys(code);
    const { from, to } = TRANSITIONS[action];
    return onQuestion(code, id, async () => {
      // `show` must know who is on stage; the script re-checks and we retry if it moved.
      const onStage = action === 'show' ? await redis.zrange(keys.status('live'), 0, 0) : [];
      const expected = onStage[0] ?? '';
      const approval = opts.index && (await approvalIndex(code, id, opts.publicText, opts.index));
      const scriptKeys = [
        keys.log,
        keys.question(id),
        keys.question(expected || id),
        ...statusKeys(keys),
        keys.rank,
        keys.fingerprints,
        keys.queue,
        keys.actions(opts.actor.id),
        ...(approval ? [...approval.read.bands, ...approval.next.bands] : []).map(keys.band),
      ];
      const [logId, previous] = await run(() =>
        redis.transitionQuestion(
          scriptKeys.length,
          ...scriptKeys,
          action,
          to,
          from.join(','),
          opts.now,
          opts.actor.id,
          opts.reason ?? '',
          expected,
          QUESTION_STATUSES.join(','),
          opts.publicText ?? '',
          approval ? approval.next.fingerprint : '',
          opts.expected ?? '',
          opts.actor.name,
          opts.undoable ? '1' : '',
          approval ? approval.rev : '',
          approval ? approval.read.print : '',
          approval ? approval.read.bands.length : 0,
          approval?.read.asked ? '1' : '',
        ),
      );
      const question = await mustGetQuestion(code, id);
      const change = { logId, question, previous: previous as QuestionStatus };
      if (!expected || expected === id) return { change };
      const returned = await mustGetQuestion(code, expected);
      return { change, returned: { logId, question: returned, previous: 'live' as const } };
    });
  }

  /**
   * What an approval passes to index the question as the public will read it: the
   * fingerprint it has now, the rev it was read at (the script checks both) and the
   * new one. A question without a fingerprint (purged to `[…]`) keeps none.
   */
  async function approvalIndex(
    code: string,
    id: string,
    publicText: string | undefined,
    index: IndexOf,
  ) {
    const [question, print] = await Promise.all([
      mustGetQuestion(code, id),
      redis.hget(eventKeys(code).fingerprints, id),
    ]);
    if (print === null) return null;
    return {
      rev: question.rev,
      read: printRead(print, question, index),
      next: index(publicText ?? question.publicText),
    };
  }

  /**
   * Merges the cluster led by `sourceId` into the one led by `targetId`; the actor may
   * undo it. `moved` is the source and the members that moved with it.
   */
  async function merge(
    code: string,
    sourceId: string,
    targetId: string,
    opts: { actor: Actor; expected?: QuestionStatus; now: number },
  ): Promise<{ logId: string; target: Question; moved: Change[] }> {
    const keys = eventKeys(code);
    return onQuestion(code, sourceId, async () => {
      const source = await mustGetQuestion(code, sourceId);
      // The script re-checks the status read here (RETRY), so this check is atomic too.
      if (opts.expected && source.status !== opts.expected) {
        throw new StoreError(ErrorCode.Conflict, `The question is ${source.status} now`);
      }
      // Its members, as of the source's rev (the script re-checks both: RETRY).
      const clusterOf = await redis.hgetall(keys.clusterOf);
      const members = Object.keys(clusterOf).filter((id) => clusterOf[id] === sourceId);
      // The source's rev after the merge names what is kept for its undo.
      const kept = keys.mergedFrom(sourceId, source.rev + 1);
      const scriptKeys = [
        keys.log,
        keys.question(sourceId),
        keys.question(targetId),
        keys.askers(sourceId),
        keys.askers(targetId),
        keys.clusterOf,
        keys.status(source.status),
        keys.status('merged'),
        keys.voters(sourceId),
        keys.voters(targetId),
        keys.rank,
        keys.queue,
        keys.actions(opts.actor.id),
        kept.askers,
        kept.voters,
        kept.newAskers,
        kept.newVoters,
        ...members.map(keys.question),
      ];
      const [logId, movedIds] = await run(() =>
        redis.mergeCluster(
          scriptKeys.length,
          ...scriptKeys,
          sourceId,
          targetId,
          TRANSITIONS.merge.from.join(','),
          opts.now,
          opts.actor.id,
          source.status,
          opts.actor.name,
          source.rev,
          ...members,
        ),
      );
      const moved = await Promise.all(
        movedIds.map(async (id) => ({
          logId,
          question: await mustGetQuestion(code, id),
          previous: id === sourceId ? source.status : ('merged' as const),
        })),
      );
      return { logId, target: await mustGetQuestion(code, targetId), moved };
    });
  }

  /**
   * Takes a merged question out of its cluster; `bandsOf` its fingerprint index it as a
   * leader again. The actor may undo it.
   */
  async function split(
    code: string,
    id: string,
    opts: {
      actor: Actor;
      expected?: QuestionStatus;
      now: number;
      bandsOf: (fingerprint: string) => string[];
    },
  ): Promise<{ change: Change; formerLeader: Question }> {
    const keys = eventKeys(code);
    return onQuestion(code, id, async () => {
      const [leaderId, fingerprint] = await Promise.all([
        redis.hget(keys.clusterOf, id),
        redis.hget(keys.fingerprints, id),
      ]);
      // Only merged questions split: expecting any other status is a conflict whatever it is.
      if (!leaderId || (opts.expected && opts.expected !== 'merged')) {
        const question = await mustGetQuestion(code, id);
        throw new StoreError(ErrorCode.Conflict, `The question is ${question.status} now`);
      }
      const scriptKeys = [
        keys.log,
        keys.question(id),
        keys.question(leaderId),
        keys.askers(leaderId),
        keys.askers(id),
        keys.clusterOf,
        keys.status('merged'),
        keys.status('pending'),
        keys.rank,
        keys.actions(opts.actor.id),
        ...(fingerprint ? opts.bandsOf(fingerprint) : []).map(keys.band),
      ];
      const logId = await run(() =>
        redis.splitQuestion(
          scriptKeys.length,
          ...scriptKeys,
          id,
          leaderId,
          opts.now,
          opts.actor.id,
          opts.actor.name,
        ),
      );
      return {
        change: { logId, question: await mustGetQuestion(code, id), previous: 'merged' },
        formerLeader: await mustGetQuestion(code, leaderId),
      };
    });
  }

  /**
   * Runs a step on one question; a CONFLICT it raises then carries the question as it
   * is now, so the moderator sees what happened instead of their stale copy.
   */
  async function withCurrent<T>(code: string, id: string, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof StoreError) || error.code !== ErrorCode.Conflict) throw error;
      if (error.details.current) throw error;
      const current = await getQuestion(code, id);
      if (!current) throw error;
      throw new StoreError(error.code, error.message, { ...error.details, current });
    }
  }

  /** `retrying` a step on one question, whose CONFLICT then carries the question as it is now. */
  const onQuestion = <T>(code: string, id: string, step: () => Promise<T>) =>
    withCurrent(code, id, () => retrying(step));

  async function getQuestion(code: string, id: string): Promise<Question | null> {
    const keys = eventKeys(code);
    const [hash, leader] = await Promise.all([
      redis.hgetall(keys.question(id)),
      redis.hget(keys.clusterOf, id),
    ]);
    return toQuestion(hash, leader);
  }

  async function mustGetQuestion(code: string, id: string) {
    const question = await getQuestion(code, id);
    if (!question) throw new StoreError(ErrorCode.QuestionNotFound, `No question ${id}`);
    return question;
  }

  /**
   * Reads questions by status (and, for an audience member, their own). The log id
   * is read first, so every change after it reaches the reader as a broadcast; the
   * per-question `rev` lets the client drop any older copy.
   */
  async function readState(code: string, statuses: readonly QuestionStatus[], ownerId?: string) {
    const keys = eventKeys(code);
    const logId = await lastLogId(keys);
    const idLists = await Promise.all([
      ...statuses.map((s) => redis.zrange(keys.status(s), 0, -1)),
      ownerId ? redis.zrange(keys.participant(ownerId), 0, -1) : Promise.resolve([]),
    ]);
    const mineIds = idLists.pop() ?? [];
    const [questions, mine] = await Promise.all([
      readQuestions(code, idLists.flat()),
      readQuestions(code, mineIds),
    ]);
    return { logId, questions, mine };
  }

  /** These questions as they are now, in the order given; missing ones are left out. */
  async function readQuestions(code: string, ids: readonly string[]): Promise<Question[]> {
    if (ids.length === 0) return [];
    const keys = eventKeys(code);
    const [hashes, leaders] = await Promise.all([
      Promise.all(ids.map((id) => redis.hgetall(keys.question(id)))),
      redis.hmget(keys.clusterOf, ...ids),
    ]);
    return hashes
      .map((hash, i) => toQuestion(hash, leaders[i] ?? null))
      .filter((q): q is Question => q !== null);
  }

  async function lastLogId(keys: EventKeys): Promise<string> {
    const [last] = await redis.xrevrange(keys.log, '+', '-', 'COUNT', 1);
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
    mustGetEvent,
    configure,
    submitQuestion,
    findSubmitted,
    isDone,
    transition,
    merge,
    split,
    getQuestion,
    mustGetQuestion,
    withCurrent,
    readState,
    readQuestions,
    /** The id of the event's newest log entry ('0-0' for none). */
    lastLogId: (code: string) => lastLogId(eventKeys(code)),
    signingSecret,
  };
}
export type EventStore = ReturnType<typeof createEventStore>;

/** A text's entry in the near-duplicate index (`indexEntry` in moderation/intake). */
export type IndexOf = (text: string) => { fingerprint: string; bands: string[] };

/** The LSH bands of a stored fingerprint (see `indexEntry`). */
export const bandsOf = (print: string) => (JSON.parse(print) as { bands: string[] }).bands;

/**
 * A question's fingerprint as read before a moderator's text replaces it (an edit, an
 * approval), with its bands, and `asked`: it is of the asker's words while the public
 * text is not (a redacted held question). Undo then restores that one, computed again
 * from the asker's words, so the log copies no tokens of them.
 */
export function printRead(print: string | null, question: Question, index: IndexOf) {
  return {
    print: print ?? '',
    bands: print ? bandsOf(print) : [],
    asked:
      print !== null &&
      print !== index(question.publicText).fingerprint &&
      print === index(question.text).fingerprint,
  };
}

/**
 * Runs an optimistic read-then-script step again while the script says the reads went
 * stale. Others still changing it after every attempt is a CONFLICT, not a server fault.
 */
export async function retrying<T>(step: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof Retry)) throw error;
      if (attempt >= attempts) {
        throw new StoreError(ErrorCode.Conflict, 'Others kept changing it meanwhile; try again');
      }
    }
  }
}

/** Turns the typed errors our Lua scripts raise into StoreErrors (or Retry). */
export async function run<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    // Redis prefixes a script's error_reply with ERR unless it starts with an error code.
    const message = error instanceof Error ? error.message.replace(/^ERR /, '') : '';
    const [word = '', ...rest] = message.split(' ');
    const detail = rest.join(' ');
    switch (word) {
      case 'EVENT_NOT_FOUND':
        throw new StoreError(ErrorCode.EventNotFound, 'No such event');
      case 'QUESTION_NOT_FOUND':
        throw new StoreError(ErrorCode.QuestionNotFound, 'No such question');
      case 'TOO_LONG':
        throw new StoreError(
          ErrorCode.Rejected,
          `Questions may have at most ${detail} characters`,
          { reasons: ['too-long'] },
        );
      case 'ALREADY_ASKED':
        throw new StoreError(ErrorCode.Rejected, 'You already asked this question', {
          reasons: ['spam'],
        });
      case 'CONFLICT':
        throw new StoreError(
          ErrorCode.Conflict,
          (QUESTION_STATUSES as readonly string[]).includes(detail)
            ? `The question is ${detail} now`
            : `Not possible: ${detail}`,
        );
      case 'QUESTIONS_CLOSED':
        throw new StoreError(ErrorCode.QuestionsClosed, 'The event does not take questions now');
      case 'SLOW_MODE':
        throw new StoreError(ErrorCode.SlowMode, 'Slow mode: please wait before asking again', {
          retryAfterMs: Number(detail),
        });
      case 'NOTHING_TO_UNDO':
        throw new StoreError(ErrorCode.NothingToUndo, 'Nothing of yours to undo');
      case 'RETRY':
      case 'STAGE_MOVED':
      case 'STALE_CONFIG':
        throw new Retry(word);
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

export const toInfo = (event: EventRecord): EventInfo => ({
  code: event.code,
  title: event.title,
  maxQuestionLength: event.maxQuestionLength,
  createdAt: event.createdAt,
  open: event.open,
  slowModeSeconds: event.slowModeSeconds,
  preModeration: event.preModeration,
  endedAt: event.endedAt,
  retentionDays: event.retentionDays,
  purgedAt: event.purgedAt,
});

/** A hash as HGETALL returns it inside a script: field, value, field, value... */
function fieldsOf(flat: readonly string[]): Record<string, string> {
  const hash: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) hash[flat[i]!] = flat[i + 1]!;
  return hash;
}

/** A question hash (and its cluster leader from clusterOf) as a Question; null when missing. */
function toQuestion(h: Record<string, string>, leaderId: string | null): Question | null {
  if (!h.id || !h.status) return null;
  return {
    id: h.id,
    text: h.text ?? '',
    publicText: h.publicText ?? h.text ?? '',
    authorId: h.authorId ?? '',
    authorName: h.authorName || null,
    status: h.status as QuestionStatus,
    reason: h.reason || null,
    reasons: (h.reasons ?? '')
      .split(',')
      .filter((r): r is FilterReason => (FILTER_REASONS as readonly string[]).includes(r)),
    clusterId: leaderId ?? h.id,
    askedBy: Number(h.askedBy ?? 1),
    votes: Number(h.votes ?? 0),
    score: Number(h.score ?? 0),
    pinned: h.pinned === '1',
    starred: h.starred === '1',
    rev: Number(h.rev),
    createdAt: Number(h.createdAt),
    updatedAt: Number(h.updatedAt),
    statusAt: Number(h.statusAt ?? h.updatedAt),
    decidedAt: h.decidedAt ? Number(h.decidedAt) : null,
  };
}

import type { QuestionStatus } from '@dais/shared';
import { QUESTION_STATUSES } from '@dais/shared';

/**
 * Every Redis key of Dais is built here. All keys of one event share the hash tag
 * `{ev:CODE}`, so each Lua script touches one slot and runs unchanged on Redis Cluster.
 */
export function eventKeys(code: string) {
  const tag = `dais:{ev:${code}}`;
  return {
    /**
     * Hash: title, createdAt, maxQuestionLength, moderatorKeyHash, stageKeyHash,
     * blockedTerms (JSON), allowedTerms (JSON), policy (JSON), configRev (bumped by every settings change).
     * purgedAt: when retention (or a moderator) last purged raw question texts.
     * Intake controls (absent: the default): open ('0' closed), slowModeSeconds,
     * preModeration ('0' off), endedAt (set once; intake then stays closed), retentionDays.
     */
    meta: `${tag}:meta`,
    /** Stream: one entry per state change; its ids order everything clients see. */
    log: `${tag}:log`,
    /**
     * Hash per question: the fields of `Question`, and undoneTo ('<rev>:<earlier rev>':
     * after an undo, the state is the one that earlier rev had; see undo-action.lua).
     */
    question: (id: string) => `${tag}:q:${id}`,
    /** Sorted set per status: question ids scored by creation time. */
    status: (status: QuestionStatus) => `${tag}:status:${status}`,
    /** Sorted set per participant: their question ids by creation time. */
    participant: (participantId: string) => `${tag}:p:${participantId}`,
    /** Set per cluster leader: the participants who asked its question. */
    askers: (leaderId: string) => `${tag}:askers:${leaderId}`,
    /** Hash: question id → its similarity fingerprint (JSON). */
    fingerprints: `${tag}:fingerprints`,
    /** Hash: question id → its cluster leader, for questions inside another's cluster. */
    clusterOf: `${tag}:clusterOf`,
    /** Set per LSH band value: ids of cluster leaders whose fingerprint has it. */
    band: (band: string) => `${tag}:band:${band}`,
    /** Sorted set: approved cluster leaders by ranking score (see lua/lib/rank.lua). */
    rank: `${tag}:rank`,
    /** Set per cluster leader: the participants who upvoted its cluster. */
    voters: (leaderId: string) => `${tag}:voters:${leaderId}`,
    /**
     * String per participant's request id (question:submit, question:vote), for
     * REQUEST_TTL_SECONDS: what the first attempt did, so a retry does nothing again
     * and gets the same answer (submit: the question id; vote: 'leader,votes,voted').
     */
    request: (participantId: string, requestId: string) =>
      `${tag}:req:${participantId}:${requestId}`,
    /** List: "Up next", the approved questions moderators lined up for the stage. */
    queue: `${tag}:queue`,
    /**
     * Hash: moderator socket id → { id, name, focus, at } (JSON), for presence; `at` is
     * refreshed by the socket's server, and stale entries (a dead server's) are dropped.
     */
    presence: `${tag}:presence`,
    /**
     * Hash: cluster leader id → up-votes from freshly minted participants beyond what one
     * address gives one question (security/vote-watch.ts), shown to moderators.
     */
    suspiciousVotes: `${tag}:suspicious-votes`,
    /** Counter bumped by every presence write: the newer of two presence lists wins. */
    presenceVersion: `${tag}:presence:version`,
    /** List per moderator (actor id): log ids of their undoable actions, newest first (50). */
    actions: (actorId: string) => `${tag}:actions:${actorId}`,
    /**
     * Sets per merge of a cluster into another (its leader, and the leader's rev after
     * the merge), what undoing it needs (the union forgets whose askers and voters were
     * whose): `askers` and `voters` as the cluster brought them, `newAskers` and
     * `newVoters` those its target did not have. Written by merge-cluster, removed by
     * the merge's undo; a merge never undone leaves them.
     */
    mergedFrom: (sourceId: string, rev: number | string) => {
      const merge = `${tag}:merged:${sourceId}:${rev}`;
      return {
        askers: `${merge}:askers`,
        voters: `${merge}:voters`,
        newAskers: `${merge}:newAskers`,
        newVoters: `${merge}:newVoters`,
      };
    },
  };
}
export type EventKeys = ReturnType<typeof eventKeys>;

export const statusKeys = (keys: EventKeys) => QUESTION_STATUSES.map((s) => keys.status(s));

/**
 * How long a request id is remembered: longer than any client retries (its offline
 * queue sends again on reconnect), short enough that the records cost little.
 */
export const REQUEST_TTL_SECONDS = 24 * 60 * 60;

/** The server's signing secret, shared by every process on this Redis. */
export const SECRET_KEY = 'dais:secret';

/**
 * Sorted set: codes of ended events, scored by when their raw texts are due for
 * purging (endedAt + retentionDays). Global, so it has no event hash tag and is
 * written by its own command, never inside an event's script.
 */
export const RETENTION_KEY = 'dais:retention';

/** The server processes' heartbeats (lua/beat-peers-2.lua), in one slot of their own. */
export const PEER_KEYS = {
  /** Sorted set: process id → the time by which it must beat again (ms, Redis' clock). */
  deadlines: 'dais:{peers}:deadlines',
  /** Hash: process id → its last beat (ms, Redis' clock). */
  beats: 'dais:{peers}:beats',
};

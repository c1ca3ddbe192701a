import { ErrorCode } from '@dais/shared';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RedisClient } from '../redis/client';
import { StoreError } from '../store/event-store';

/** At most `points` requests per `seconds`, counted from the first one of a window. */
export interface Rate {
  points: number;
  seconds: number;
}

/**
 * The flood guards. The numbers are per event where a participant or an event is named,
 * and generous enough for a real audience behind one NAT (a venue's Wi-Fi, a campus):
 * docs/SECURITY.md, "Rate limits", says why each is what it is.
 */
export interface Limits {
  /** Open connections per client address, per server process; 0: no cap. */
  connectionsPerIp: number;
  submitPerParticipant: Rate;
  submitPerIp: Rate;
  votePerParticipant: Rate;
  votePerIp: Rate;
  /** Joins (any role) per client address. */
  joinPerIp: Rate;
  /** New participant tokens per client address per event. */
  participantsPerIp: Rate;
  /**
   * Up-votes for one question from participants minted on their socket within the
   * window, from one address, before the rest are recorded as suspicious.
   */
  freshVotesPerQuestionPerIp: Rate;
}

export const DEFAULT_LIMITS: Limits = {
  connectionsPerIp: 1_000,
  submitPerParticipant: { points: 10, seconds: 60 },
  submitPerIp: { points: 600, seconds: 60 },
  votePerParticipant: { points: 30, seconds: 10 },
  votePerIp: { points: 3_000, seconds: 10 },
  joinPerIp: { points: 1_200, seconds: 60 },
  participantsPerIp: { points: 1_000, seconds: 3_600 },
  freshVotesPerQuestionPerIp: { points: 5, seconds: 600 },
};

type Guard = 'submit' | 'vote';

/**
 * Rate limiters on Redis, so every server process counts the same requests; each has an
 * in-memory insurance limiter (per process) for while Redis is away. Each count is one
 * key and one single-key script, so they run on Redis Cluster as they are.
 */
export function createRateLimits(redis: RedisClient, limits: Limits) {
  const limiter = (name: string, { points, seconds }: Rate) =>
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `dais:limit:${name}`,
      points,
      duration: seconds,
      // Straight to the insurance limiter when Redis is away, not after a timeout.
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ points, duration: seconds }),
    });
  const perParticipant = {
    submit: limiter('submit:p', limits.submitPerParticipant),
    vote: limiter('vote:p', limits.votePerParticipant),
  };
  const perIp = {
    submit: limiter('submit:ip', limits.submitPerIp),
    vote: limiter('vote:ip', limits.votePerIp),
  };
  const joins = limiter('join:ip', limits.joinPerIp);
  const participants = limiter('participants:ip', limits.participantsPerIp);
  const freshVotes = limiter('fresh-votes', limits.freshVotesPerQuestionPerIp);

  return {
    /** How long a participant minted on a socket counts as fresh there. */
    freshWindowMs: limits.freshVotesPerQuestionPerIp.seconds * 1000,
    /**
     * Throws RATE_LIMITED when this participant or its address sends `guard` too often,
     * unless `isRetry` finds the request already done: a retry whose ack was lost gets
     * its first answer, not a wait (it still spends a point; only a refusal asks).
     */
    async check(
      guard: Guard,
      code: string,
      participantId: string,
      address: string,
      isRetry: () => boolean | Promise<boolean> = () => false,
    ) {
      try {
        await consumeAll([
          [perParticipant[guard], `${code}:${participantId}`],
          [perIp[guard], address],
        ]);
      } catch (error) {
        const limited = error instanceof StoreError && error.code === ErrorCode.RateLimited;
        if (!limited || !(await isRetry())) throw error;
      }
    },
    /** Throws RATE_LIMITED when this address joins too often. */
    join: (address: string) => consumeAll([[joins, address]]),
    /** Throws RATE_LIMITED when this address was handed too many participant tokens of `code`. */
    newParticipant: (code: string, address: string) =>
      consumeAll([[participants, `${code}:${address}`]]),
    /**
     * Counts a fresh participant's up-vote for `questionId`; true when one address gave
     * that question more of them in the window than a crowd of real people would.
     */
    async freshVoteIsSuspicious(code: string, questionId: string, address: string) {
      try {
        await freshVotes.consume(`${code}:${questionId}:${address}`);
        return false;
      } catch (error) {
        if (error instanceof RateLimiterRes) return true;
        throw error;
      }
    },
  };
}
export type RateLimits = ReturnType<typeof createRateLimits>;

/** Consumes a point of each (at once); RATE_LIMITED with the longest wait when any is spent. */
async function consumeAll(counts: [RateLimiterRedis, string][]) {
  const results = await Promise.allSettled(counts.map(([limiter, key]) => limiter.consume(key)));
  let waitMs = -1;
  for (const result of results) {
    if (result.status === 'fulfilled') continue;
    if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
    waitMs = Math.max(waitMs, result.reason.msBeforeNext);
  }
  if (waitMs >= 0) {
    throw new StoreError(ErrorCode.RateLimited, 'Too many requests; slow down', {
      retryAfterMs: Math.max(1, Math.ceil(waitMs)),
    });
  }
}

/** No limits at all (`limits: false`): for tests and benchmarks that measure without them. */
export const NO_RATE_LIMITS: RateLimits = {
  freshWindowMs: 0,
  check: async () => {},
  join: async () => {},
  newParticipant: async () => {},
  freshVoteIsSuspicious: async () => false,
};

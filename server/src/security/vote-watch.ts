import type { RedisClient } from '../redis/client';
import { eventKeys } from '../store/keys';
import type { RateLimits } from './limits';

/**
 * The record of suspicious voting: per question (cluster leader), how many up-votes
 * came from freshly minted participants beyond what one address plausibly gives one
 * question (security/limits.ts, freshVotesPerQuestionPerIp). The votes still count;
 * moderators see the number on the card and decide.
 */
export function createVoteWatch(redis: RedisClient, limits: RateLimits) {
  return {
    /** Counts a fresh participant's up-vote; the question's new count when it was suspicious. */
    async record(code: string, leaderId: string, address: string): Promise<number | null> {
      if (!(await limits.freshVoteIsSuspicious(code, leaderId, address))) return null;
      return redis.hincrby(eventKeys(code).suspiciousVotes, leaderId, 1);
    },
    /** Every question's count (moderators' snapshot). */
    async read(code: string): Promise<Record<string, number>> {
      const counts = await redis.hgetall(eventKeys(code).suspiciousVotes);
      return Object.fromEntries(Object.entries(counts).map(([id, n]) => [id, Number(n)]));
    },
  };
}
export type VoteWatch = ReturnType<typeof createVoteWatch>;

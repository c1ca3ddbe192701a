import type { Redis } from 'ioredis';
import type { Question } from '@dais/shared';
import { expectOk, type Client } from './clients';

/** Submits each text and approves it; resolves with the approved questions, in order. */
export async function submitApproved(
  asker: Client,
  moderator: Client,
  texts: string[],
): Promise<Question[]> {
  const approved: Question[] = [];
  for (const text of texts) {
    const { question } = await expectOk(asker, 'question:submit', { text });
    const ack = await expectOk(moderator, 'question:approve', { questionId: question.id });
    approved.push(ack.question);
  }
  return approved;
}

/** The Redis keys of one event, as server/src/store/keys.ts lays them out. */
export function eventRedisKeys(code: string) {
  const tag = `dais:{ev:${code}}`;
  return {
    question: (id: string) => `${tag}:q:${id}`,
    status: (status: string) => `${tag}:status:${status}`,
    voters: (leaderId: string) => `${tag}:voters:${leaderId}`,
    askers: (leaderId: string) => `${tag}:askers:${leaderId}`,
    clusterOf: `${tag}:clusterOf`,
    rank: `${tag}:rank`,
    queue: `${tag}:queue`,
    log: `${tag}:log`,
  };
}

/** The fields ranking reads from a question's hash, as numbers and flags. */
export async function rankFields(redis: Redis, code: string, id: string) {
  const hash = await redis.hgetall(eventRedisKeys(code).question(id));
  return {
    votes: Number(hash.votes),
    askedBy: Number(hash.askedBy),
    starred: hash.starred === '1',
    createdAt: Number(hash.createdAt),
    score: Number(hash.score),
    rev: Number(hash.rev),
  };
}

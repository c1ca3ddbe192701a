import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  closestDuplicate,
  createDedupIndex,
  fingerprint,
  isDuplicate,
  rankByBandHits,
  type Comparable,
  type Question,
} from '@dais/shared';
import { createEventStore, defineScripts } from '@dais/server';
import { createEvent, disconnectAll, expectOk, join, type Client } from '../harness/clients';
import { useDais } from '../harness/dais';
import { readPairs, type LabelledPair } from '../scripts/eval-dedup';

const dais = useDais();
afterEach(disconnectAll);

const data = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const LCQMC = data('../../../shared/data/lcqmc_dev.tsv');
const SETS: [string, LabelledPair[]][] = [
  ['dedup-en.tsv', readPairs(data('../data/dedup-en.tsv'))],
  ['dedup-zh.tsv', readPairs(data('../data/dedup-zh.tsv'))],
  // LCQMC is not ours to ship: beside a checkout that has ../shared/data, every 8th
  // of its 8,802 pairs (about 1,100) is checked too.
  ...(existsSync(LCQMC)
    ? ([['lcqmc_dev.tsv (sample)', readPairs(LCQMC).filter((_, i) => i % 8 === 0)]] satisfies [
        string,
        LabelledPair[],
      ][])
    : []),
];

/** The duplicate index's keys, as server/src/store/keys.ts lays them out. */
function indexKeys(code: string) {
  const tag = `dais:{ev:${code}}`;
  return {
    band: (band: string) => `${tag}:band:${band}`,
    fingerprints: `${tag}:fingerprints`,
    clusterOf: `${tag}:clusterOf`,
  };
}

describe('the Redis index decides as the TypeScript reference', () => {
  let redis: Redis;
  let store: ReturnType<typeof createEventStore>;
  beforeAll(() => {
    redis = new Redis(dais.redis.url);
    defineScripts(redis);
    store = createEventStore(redis);
  });
  afterAll(() => redis.disconnect());

  let asker = 0;
  /** Stores a text as the server would after a passing filter; returns its cluster's leader, or null. */
  async function submit(code: string, text: string): Promise<string | null> {
    const print = fingerprint(text);
    const { change } = await store.submitQuestion(
      code,
      {
        text,
        publicText: text,
        length: text.length,
        authorId: `asker-${asker++}`,
        authorName: null,
        status: 'pending',
        reasons: [],
        configRev: '0',
        fingerprint: JSON.stringify({ tokens: print.tokens, bands: print.bands }),
        bands: print.bands,
      },
      Date.now(),
    );
    return change.question.status === 'merged' ? change.question.clusterId : null;
  }

  /**
   * The reference's decision on the index as Redis holds it now: rankByBandHits over
   * the band sets (in the order Redis lists their members), then closestDuplicate.
   */
  async function referenceDecision(code: string, text: string): Promise<string | null> {
    const keys = indexKeys(code);
    const print = fingerprint(text);
    const members = await Promise.all(print.bands.map((band) => redis.smembers(keys.band(band))));
    const ranked = rankByBandHits<string>(members);
    if (ranked.length === 0) return null;
    const [prints, leaders] = await Promise.all([
      redis.hmget(keys.fingerprints, ...ranked),
      redis.hmget(keys.clusterOf, ...ranked),
    ]);
    const candidates = ranked.flatMap((id, i) => {
      const stored = prints[i];
      if (!stored) return [];
      return [{ leaderId: leaders[i] ?? id, print: JSON.parse(stored) as Comparable }];
    });
    return closestDuplicate(print, candidates)?.leaderId ?? null;
  }

  it.each(SETS)('on each labelled pair of %s, alone in an event', async (_, pairs) => {
    const disagreements: string[] = [];
    let duplicates = 0;
    for (const { a, b } of pairs) {
      const index = createDedupIndex();
      index.add(a);
      const expected = index.add(b).duplicate;
      const { code } = await store.createEvent('pairs', Date.now());
      const first = await submit(code, a);
      const leader = await submit(code, b);
      if (expected) duplicates++;
      if (first !== null || (leader !== null) !== expected) disagreements.push(`${a} | ${b}`);
    }
    expect(disagreements).toEqual([]);
    // Both decisions occur: the comparison above means something either way.
    expect(duplicates).toBeGreaterThan(0);
    expect(duplicates).toBeLessThan(pairs.length);
  });

  it.each(SETS)(
    'on all questions of %s in one event: the same candidates and the same leader',
    async (_, pairs) => {
      const { code } = await store.createEvent('stream', Date.now());
      const disagreements: string[] = [];
      let merged = 0;
      for (const text of pairs.flatMap(({ a, b }) => [a, b])) {
        const expected = await referenceDecision(code, text);
        const leader = await submit(code, text);
        if (leader !== null) merged++;
        if (leader !== expected) disagreements.push(`${text}: ${leader} instead of ${expected}`);
      }
      expect(disagreements).toEqual([]);
      expect(merged).toBeGreaterThan(0);
    },
  );
});

describe('a crowd submitting alike at once', () => {
  /** Two wordings of the question about one year: near-duplicates of each other. */
  const wordings = (year: number) => [
    `What can young people do about climate change in ${year}?`,
    `Hi! what can young people do about climate change in ${year}??`,
  ];

  it('acks 400 questions from 200 sockets and clusters each question once, askers counted', async () => {
    // The premise: a year's wordings are duplicates, another year's are not (a different
    // number), though they share most LSH bands: every new cluster touches the same bands.
    const [one, other] = wordings(2030);
    expect(isDuplicate(fingerprint(one!), fingerprint(other!))).toBe(true);
    expect(isDuplicate(fingerprint(one!), fingerprint(wordings(2031)[0]!))).toBe(false);

    const event = await createEvent(dais.url);
    const moderator = await join(dais.url, {
      code: event.code,
      role: 'moderator',
      key: event.moderatorKey,
    });
    const heard = new Map<string, Question>();
    moderator.socket.on('question:changed', ({ question }) => {
      const known = heard.get(question.id);
      if (!known || known.rev <= question.rev) heard.set(question.id, question as Question);
    });
    const audience: Client[] = [];
    for (let i = 0; i < 200; i += 50) {
      const joined = await Promise.all(
        Array.from({ length: 50 }, () => join(dais.url, { code: event.code, role: 'audience' })),
      );
      audience.push(...joined.map((j) => j.socket));
    }

    // 200 years, each asked by two sockets in their own wording, all at once.
    const asked = audience.flatMap((socket, s) =>
      [1800 + (s % 100), 1900 + (s % 100)].map((year) => ({
        socket,
        year,
        text: wordings(year)[s < 100 ? 0 : 1]!,
      })),
    );
    const acks = await Promise.all(
      asked.map(({ socket, text }) => expectOk(socket, 'question:submit', { text })),
    );
    // Every broadcast went out before its ack; a reply on the moderator's own connection
    // comes after all of them.
    await expectOk(moderator.socket, 'event:summary', {});
    expect(heard.size).toBe(400);

    const { snapshot } = await join(dais.url, {
      code: event.code,
      role: 'moderator',
      key: event.moderatorKey,
    });
    const stored = new Map(snapshot.questions.map((q) => [q.id, q as Question]));
    expect(stored.size).toBe(400);
    const years = new Map<number, string[]>();
    acks.forEach(({ question }, i) => {
      const year = asked[i]!.year;
      years.set(year, [...(years.get(year) ?? []), question.id]);
    });
    expect(years.size).toBe(200);
    for (const ids of years.values()) {
      const clusters = new Set(ids.map((id) => stored.get(id)!.clusterId));
      expect(clusters.size).toBe(1);
      const leader = stored.get([...clusters][0]!)!;
      expect(ids).toContain(leader.id);
      expect(leader.status).toBe('pending');
      expect(leader.askedBy).toBe(ids.length);
      // The moderator's newest copy of the leader, from the broadcasts alone, agrees.
      expect(heard.get(leader.id)?.askedBy).toBe(ids.length);
    }
    const leaders = [...stored.values()].filter((q) => q.clusterId === q.id);
    expect(leaders).toHaveLength(200);
    for (const [leaderId, count] of await askerCounts(
      event.code,
      leaders.map((q) => q.id),
    )) {
      expect(stored.get(leaderId)!.askedBy).toBe(count);
    }
  });
});

/** The size of each leader's askers set in Redis. */
async function askerCounts(code: string, leaderIds: string[]) {
  const redis = new Redis(dais.redis.url);
  try {
    const tag = `dais:{ev:${code}}`;
    const counts = await Promise.all(leaderIds.map((id) => redis.scard(`${tag}:askers:${id}`)));
    return leaderIds.map((id, i) => [id, counts[i]!] as const);
  } finally {
    redis.disconnect();
  }
}

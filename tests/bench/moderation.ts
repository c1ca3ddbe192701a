/**
 * `pnpm --silent bench:moderation [--json]`: the moderation engine on a 60,000-question
 * stream, in one run: per-question filter and dedup times against the growing
 * index, the profanity matcher against bad-words on the same input, and verdict
 * mismatches with bad-words' isProfane. Not a test: it reports, it asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Filter } from 'bad-words';
import { Redis } from 'ioredis';
import { containsProfanity, createDedupIndex, createFilter } from '@dais/shared';
import { createEventStore, createIntake, defineScripts, startEmbeddedRedis } from '@dais/server';
import { buildStream } from './stream';

const QUESTIONS = 60_000;
/** bad-words clean() costs milliseconds per question; time it on a sample. */
const CLEAN_SAMPLE = 300;

const percentile = (sorted: Float64Array, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Runs `step` once per item and returns each call's time in microseconds, sorted. */
function timeEach<T>(items: readonly T[], step: (item: T) => unknown): Float64Array {
  const times = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const start = performance.now();
    step(items[i]!);
    times[i] = (performance.now() - start) * 1000;
  }
  return times.sort();
}

const mean = (times: Float64Array) => times.reduce((a, b) => a + b, 0) / times.length;

const stream = buildStream(QUESTIONS);
const filter = createFilter({ blockedTerms: ['骗子', 'scam'] });
const badWords = new Filter();

// Warm up the JIT on a slice so the first measured questions are not compile time.
for (const q of stream.slice(0, 2000)) filter(q);

const filterTimes = timeEach(stream, filter);
const cleaned = stream.map((q) => filter(q).text);
const index = createDedupIndex();
const dedupTimes = timeEach(cleaned, (text) => index.add(text));

/** The production intake (filter, then one script: LSH lookup, decision and insert) per question. */
async function timeRedisIntake(questions: readonly string[]): Promise<Float64Array> {
  const dir = mkdtempSync(join(tmpdir(), 'dais-bench-'));
  const server = await startEmbeddedRedis(dir);
  const redis = new Redis(server.url);
  try {
    defineScripts(redis);
    const store = createEventStore(redis);
    const intake = createIntake(store);
    const { code } = await store.createEvent('bench', Date.now());
    const times = new Float64Array(questions.length);
    for (let i = 0; i < questions.length; i++) {
      const start = performance.now();
      try {
        await intake.submit(code, { text: questions[i]!, authorId: `p${i}`, authorName: null }, i);
      } catch {
        // Rejected questions cost their filter time; they are part of the stream.
      }
      times[i] = (performance.now() - start) * 1000;
    }
    return times.sort();
  } finally {
    redis.disconnect();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
const intakeTimes = await timeRedisIntake(stream);

const sample = stream.slice(0, CLEAN_SAMPLE);
const matcherOnSample = mean(timeEach(sample, containsProfanity));
const cleanOnSample = mean(timeEach(sample, (q) => badWords.clean(q)));
const isProfaneOnSample = mean(timeEach(sample, (q) => badWords.isProfane(q)));

let mismatches = 0;
for (const q of stream) if (containsProfanity(q) !== badWords.isProfane(q)) mismatches++;

const round = (n: number, digits = 1) => Number(n.toFixed(digits));
const report = {
  questions: stream.length,
  filterP50Us: round(percentile(filterTimes, 50)),
  filterP99Us: round(percentile(filterTimes, 99)),
  dedupP50Us: round(percentile(dedupTimes, 50)),
  dedupP99Us: round(percentile(dedupTimes, 99)),
  speedupVsClean: round(cleanOnSample / matcherOnSample, 0),
  speedupVsIsProfane: round(isProfaneOnSample / matcherOnSample, 0),
  mismatchesVsIsProfane: mismatches,
};

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(report));
} else {
  console.log(`${report.questions} questions, ${index.clusters} clusters at the end`);
  console.log(`filter (whole)     p50 ${report.filterP50Us} µs   p99 ${report.filterP99Us} µs`);
  console.log(`dedup (index+sim)  p50 ${report.dedupP50Us} µs   p99 ${report.dedupP99Us} µs`);
  console.log(
    `profanity matcher  ${round(matcherOnSample, 2)} µs/question: ${report.speedupVsClean}× bad-words clean() (${round(cleanOnSample, 0)} µs), ${report.speedupVsIsProfane}× isProfane() (${round(isProfaneOnSample, 0)} µs) on ${CLEAN_SAMPLE} questions`,
  );
  console.log(
    `whole filter (all checks) vs clean(): ${round(cleanOnSample / mean(filterTimes), 0)}× on average`,
  );
  console.log(
    `intake through Redis (filter + one submit script, one process, loopback) p50 ${round(percentile(intakeTimes, 50))} µs   p99 ${round(percentile(intakeTimes, 99))} µs`,
  );
  console.log(`verdict mismatches with isProfane: ${mismatches} of ${stream.length}`);
}

/**
 * `pnpm soak`: sockets churning against one server for a long while, to see whether
 * its memory and handles stay flat. Not a test (no pass/fail in `pnpm test`): it prints
 * samples as it goes and a verdict at the end, and writes them to .data/soak/.
 *
 *   pnpm soak [--sockets 3000] [--duration 600] [--sample 10]
 *
 * Each sample is taken after a full garbage collection in the server. The verdict
 * compares the middle and the last third of the run (the first is the warm-up).
 *
 * A private redis-server and the server (soak-server.ts, the whole app without flood
 * guards) each in their own process; the sockets live in this one. Each socket loops:
 * connect, join the event as audience (half of the time with the token it had, as a
 * returning page does), vote for a random approved question or withdraw, stay 5-20 s,
 * disconnect, wait 1-3 s, and again. A moderator stays joined throughout.
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startEmbeddedRedis } from '@dais/server';
import { openSocket, send, type DaisClient } from './connection';
import type { ServerSample } from './soak-server';

const { values } = parseArgs({
  options: {
    sockets: { type: 'string', default: '3000' },
    duration: { type: 'string', default: '600' },
    sample: { type: 'string', default: '10' },
  },
});
const SOCKETS = Number(values.sockets);
const DURATION_MS = Number(values.duration) * 1000;
const SAMPLE_MS = Number(values.sample) * 1000;
const TIMEOUT_MS = 10_000;
const between = (min: number, max: number) => min + Math.random() * (max - min);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const redisDir = mkdtempSync(join(tmpdir(), 'dais-soak-'));
const redis = await startEmbeddedRedis(redisDir);
const server = fork(fileURLToPath(new URL('./soak-server.ts', import.meta.url)), [], {
  env: { ...process.env, REDIS_URL: redis.url },
  execArgv: ['--import', 'tsx', '--expose-gc'],
});
const fromServer = <T>(type: string) =>
  new Promise<T>((resolve) => {
    const listener = (message: { type: string } & Record<string, unknown>) => {
      if (message.type !== type) return;
      server.off('message', listener);
      resolve(message as T);
    };
    server.on('message', listener);
  });
// Ctrl-C: stop the server and Redis too, which would otherwise outlive the soak.
process.once('SIGINT', () => {
  server.kill();
  void redis.stop().finally(() => process.exit(130));
});
const { url } = await fromServer<{ url: string }>('listening');

// The event: a moderator, and twenty approved questions to vote on.
const created = await fetch(`${url}/api/events`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ title: 'Soak' }),
}).then((response) => response.json() as Promise<{ code: string; moderatorUrl: string }>);
const code = created.code;
const moderatorKey = new URL(created.moderatorUrl).hash.slice(1);
const moderator = await connected(openSocket(url));
must(
  await send(moderator, 'event:join', { code, role: 'moderator', key: moderatorKey }, TIMEOUT_MS),
);
const asker = await connected(openSocket(url));
must(await send(asker, 'event:join', { code, role: 'audience' }, TIMEOUT_MS));
const questionIds: string[] = [];
for (const topic of TOPICS()) {
  const submitted = must(await send(asker, 'question:submit', { text: topic }, TIMEOUT_MS));
  const id = submitted.question.id;
  must(await send(moderator, 'question:approve', { questionId: id }, TIMEOUT_MS));
  questionIds.push(id);
}
asker.disconnect();

const counts = { cycles: 0, joins: 0, votes: 0, failures: 0, connectErrors: 0 };
const failures = new Map<string, number>();
const fail = (why: string) => {
  counts.failures++;
  failures.set(why, (failures.get(why) ?? 0) + 1);
};
let running = true;

/** One simulated page, over and over until the soak ends. */
async function churn() {
  let token: string | undefined;
  await sleep(between(0, 20_000)); // ramp up over 20 s
  while (running) {
    const socket = openSocket(url);
    socket.io.reconnection(false);
    try {
      await connected(socket);
      const payload =
        token && Math.random() < 0.5
          ? { code, role: 'audience' as const, token }
          : { code, role: 'audience' as const };
      const joined = await send(socket, 'event:join', payload, TIMEOUT_MS);
      if (!joined.ok) fail(`join ${joined.error}`);
      else {
        counts.joins++;
        token = joined.data.participant?.token;
        const questionId = questionIds[Math.floor(Math.random() * questionIds.length)]!;
        const voted = await send(
          socket,
          'question:vote',
          { questionId, up: Math.random() < 0.8 },
          TIMEOUT_MS,
        );
        if (voted.ok) counts.votes++;
        else fail(`vote ${voted.error}`);
      }
      await sleep(between(5_000, 20_000));
    } catch {
      counts.connectErrors++;
    }
    socket.disconnect();
    counts.cycles++;
    await sleep(between(1_000, 3_000));
  }
}

interface Row extends ServerSample {
  atS: number;
  cycles: number;
  joins: number;
  votes: number;
  failures: number;
}
const rows: Row[] = [];
const started = Date.now();
const pages = Array.from({ length: SOCKETS }, () => churn());
console.log(`soak: ${SOCKETS} sockets churning for ${DURATION_MS / 1000} s against ${url}`);
console.log('   t(s)  rss(MB)  heap(MB)  handles   fds  sockets   cycles    votes  failures');
while (Date.now() - started < DURATION_MS) {
  await sleep(SAMPLE_MS);
  server.send({ type: 'sample' });
  const { sample } = await fromServer<{ sample: ServerSample }>('sample');
  const row = { atS: Math.round((Date.now() - started) / 1000), ...sample, ...counts };
  rows.push(row);
  console.log(
    [
      row.atS,
      row.rssMb,
      row.heapUsedMb,
      row.handles,
      row.fds,
      row.sockets,
      row.cycles,
      row.votes,
      row.failures,
    ]
      .map((value, i) => String(value).padStart(i === 0 ? 7 : [8, 9, 8, 5, 8, 8, 8, 9][i - 1]!))
      .join(' '),
  );
}
running = false;
moderator.disconnect();
await Promise.all(pages);

// After a warm-up third, compare the middle third with the last third: a leak grows
// with the churn, so the last third sits above the middle one by more than noise.
// Handles and fds are counted beyond the open sockets (each holds one of each), as the
// number of sockets connected at a moment varies with the churn.
const METRICS = {
  rssMb: { of: (row: Row) => row.rssMb, slack: 20 },
  heapUsedMb: { of: (row: Row) => row.heapUsedMb, slack: 20 },
  handlesBeyondSockets: { of: (row: Row) => row.handles - row.sockets, slack: 50 },
  fdsBeyondSockets: { of: (row: Row) => row.fds - row.sockets, slack: 50 },
};
const third = Math.floor(rows.length / 3);
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const verdict = Object.fromEntries(
  Object.entries(METRICS).map(([metric, { of, slack }]) => {
    const middle = median(rows.slice(third, 2 * third).map(of));
    const last = median(rows.slice(2 * third).map(of));
    // Flat: the last third within 10% (or the slack, for small numbers) of the middle one.
    const flat = last - middle <= Math.max(0.1 * middle, slack);
    return [metric, { middle, last, flat }];
  }),
);
console.log('\nmedian of the middle third -> the last third:');
for (const [metric, v] of Object.entries(verdict)) {
  console.log(`  ${metric.padEnd(22)} ${v.middle} -> ${v.last}  ${v.flat ? 'flat' : 'GROWING'}`);
}
console.log(
  `cycles ${counts.cycles}, joins ${counts.joins}, votes ${counts.votes}, failures ${counts.failures}, connect errors ${counts.connectErrors}`,
);
if (failures.size) console.log('failures:', Object.fromEntries(failures));

const outDir = fileURLToPath(new URL('../../.data/soak/', import.meta.url));
mkdirSync(outDir, { recursive: true });
const report = join(outDir, `soak-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(
  report,
  JSON.stringify(
    {
      sockets: SOCKETS,
      durationS: DURATION_MS / 1000,
      counts,
      failures: Object.fromEntries(failures),
      verdict,
      rows,
    },
    null,
    2,
  ),
);
console.log(`report: ${report}`);

server.send({ type: 'stop' });
await new Promise((resolve) => server.once('exit', resolve));
await redis.stop();
rmSync(redisDir, { recursive: true, force: true });

function connected(socket: DaisClient): Promise<DaisClient> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

function must<T>(outcome: { ok: true; data: T } | { ok: false; error: string }): T {
  if (!outcome.ok) throw new Error(`soak setup failed: ${outcome.error}`);
  return outcome.data;
}

function TOPICS() {
  return [
    'What was the hardest decision of your career?',
    'How do you stay calm before a big speech?',
    'Which book changed the way you think?',
    'What advice would you give your twenty-year-old self?',
    'How should schools teach climate science?',
    'Will remote work last after this decade?',
    'What is your favourite dish from your hometown?',
    'How do you handle criticism on social media?',
    'Which city surprised you the most on your travels?',
    'What role should art play in public life?',
    'How can young people get into diplomacy?',
    'What do you do on a day off?',
    'Which language would you like to learn next?',
    'How has technology changed your daily routine?',
    'What makes a good mentor in your view?',
    'Do you think football brings countries together?',
    'What was your first job as a teenager?',
    'How do you choose which causes to support?',
    'What music do you listen to while working?',
    'Where do you see yourself in ten years?',
  ];
}

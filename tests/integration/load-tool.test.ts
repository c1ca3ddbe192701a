/**
 * The load tool (`pnpm load`, tests/load) run for a few seconds with a tiny audience
 * against a real server: what its report says was acknowledged must be what Redis
 * holds. Speed is not checked here; the tool measures it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { QUESTION_STATUSES } from '@dais/shared';
import { useDais } from '../harness/dais';
import { eventRedisKeys } from '../harness/questions';
import { LoadReportSchema } from '../load/report';

const dais = useDais();
const MAIN = fileURLToPath(new URL('../load/main.ts', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'dais-load-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Runs the tool as `pnpm load` does (tsx), and resolves with its exit code and output. */
function runTool(args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}

/** Errors that mean the tool spoke the protocol wrongly or lost answers. */
const TOOL_FAULTS = ['INVALID_PAYLOAD', 'UNKNOWN_EVENT', 'NOT_JOINED', 'FORBIDDEN', 'TIMEOUT'];

describe('pnpm load', () => {
  it('drives questions, votes and moderators; its report matches what Redis stored', async () => {
    const reportPath = join(out, 'report.json');
    const chartPath = join(out, 'chart.svg');
    const audience = 20;
    const { status, output } = await runTool([
      `--target=${dais.url}`,
      `--audience=${audience}`,
      '--question-rate=8',
      '--vote-rate=30',
      '--duration=3',
      '--ramp-up=1',
      '--moderators=2',
      '--moderator-rate=6',
      '--initial-questions=3',
      '--fanout-sample=5',
      '--workers=2',
      '--seed=7',
      '--quiet',
      `--report=${reportPath}`,
      `--chart=${chartPath}`,
    ]);
    expect(status, output).toBe(0);

    const report = LoadReportSchema.parse(JSON.parse(readFileSync(reportPath, 'utf8')));
    const { counts, errors } = report;
    const code = report.event.code;
    const redis = dais.server.redis;
    const keys = eventRedisKeys(code);

    // It did load the server: every audience socket joined, questions and votes went through.
    expect(report.loadProcesses).toBe(2);
    expect(counts['join.ok']).toBe(audience);
    expect(report.series.at(-1)?.sockets).toBe(audience);
    expect(counts['submit.ok']).toBeGreaterThan(3);
    expect(counts['vote.ok']).toBeGreaterThan(0);
    expect(counts['approve.ok']).toBeGreaterThan(3);
    expect(report.fanout.receipts).toBeGreaterThan(0);
    for (const fault of TOOL_FAULTS) {
      expect(Object.keys(errors).filter((key) => key.endsWith(`:${fault}`))).toEqual([]);
    }

    // Every request was answered: sent = acked + refused.
    const refused = (operation: string) =>
      Object.entries(errors)
        .filter(([key]) => key.startsWith(`${operation}:`))
        .reduce((total, [, n]) => total + n, 0);
    expect(counts['submit.sent']).toBe((counts['submit.ok'] ?? 0) + refused('submit'));
    expect(counts['vote.sent']).toBe((counts['vote.ok'] ?? 0) + refused('vote'));

    // Questions in Redis == questions acknowledged (refused ones store nothing).
    const stored = await Promise.all(QUESTION_STATUSES.map((s) => redis.zcard(keys.status(s))));
    expect(stored.reduce((a, b) => a + b, 0)).toBe(report.expected.questions);
    expect(report.expected.questions).toBe(counts['submit.ok']);

    // Votes: each cluster leader holds exactly the voters the tool's participants hold.
    const voterKeys = await redis.keys(keys.voters('*'));
    const held: Record<string, number> = {};
    for (const key of voterKeys) {
      const count = await redis.scard(key);
      if (count > 0) held[key.slice(keys.voters('').length)] = count;
    }
    expect(held).toEqual(report.expected.votes);
    for (const [id, votes] of Object.entries(report.expected.votes)) {
      expect(Number(await redis.hget(keys.question(id), 'votes'))).toBe(votes);
    }
    const net = Object.values(report.expected.votes).reduce((a, b) => a + b, 0);
    expect(net).toBe((counts['vote.up'] ?? 0) - (counts['vote.withdrawn'] ?? 0));

    // The chart is an SVG with the throughput and latency panels.
    const svg = readFileSync(chartPath, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Throughput');
    expect(svg).toContain('Ack latency');
  }, 90_000);
});

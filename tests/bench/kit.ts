/**
 * What the benchmark scripts share: the machine they ran on, a process's CPU and
 * memory read from /proc (so a server in a process of its own is measured apart from
 * its clients), a private redis-server, and where results go.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { startEmbeddedRedis, type FsyncPolicy } from '@dais/server';
import { readLimits } from '../load/network';
import { renderPanels } from './charts';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** Linux counts process CPU in clock ticks of 1/100 s (USER_HZ) on every common build. */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used since it started; 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm may hold spaces: the fields start after the last ')'. utime and stime are 14 and 15.
    const fields = line.slice(line.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Resident memory of a process, in bytes (VmRSS). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/** The CPU several processes used while `step` ran, in seconds, and the wall time. */
export async function measureCpu<T>(pids: number[], step: () => Promise<T>) {
  const before = pids.map(cpuSeconds);
  const start = performance.now();
  const result = await step();
  const seconds = (performance.now() - start) / 1000;
  const used = pids.map((pid, i) => cpuSeconds(pid) - before[i]!);
  return { result, seconds, cpu: used, cpuTotal: used.reduce((a, b) => a + b, 0) };
}

/** The machine, as every result file and docs/PERFORMANCE.md state it. */
export function machine() {
  const redisVersion = /v=(\S+)/.exec(
    execFileSync('redis-server', ['--version'], { encoding: 'utf8' }),
  )?.[1];
  const limits = readLimits();
  return {
    cores: limits.cores,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    ramGB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    redis: redisVersion ?? 'unknown',
    redisFsync: redisFsync(),
    loadAverage: loadavg().map((n) => Math.round(n * 100) / 100),
    fdLimit: limits.fdLimit,
  };
}

/** When the benchmarks' redis-server fsyncs its AOF: DAIS_REDIS_FSYNC, as for `pnpm start`. */
export function redisFsync(): FsyncPolicy {
  const policy = process.env.DAIS_REDIS_FSYNC || 'always';
  if (policy !== 'always' && policy !== 'everysec') {
    throw new Error(`DAIS_REDIS_FSYNC must be always or everysec, not "${policy}"`);
  }
  return policy;
}

/** A private redis-server in a temporary directory (AOF on, as `pnpm start` runs it), and its pid for /proc. */
export async function privateRedis(name: string) {
  const dir = mkdtempSync(join(tmpdir(), `dais-bench-${name}-`));
  const server = await startEmbeddedRedis(dir, undefined, [], redisFsync());
  const admin = new Redis(server.url);
  const pid = Number(/process_id:(\d+)/.exec(await admin.info('server'))?.[1]);
  return {
    url: server.url,
    port: server.port,
    pid,
    admin,
    /** Redis' own CPU seconds (INFO cpu: used_cpu_user + used_cpu_sys of the main thread and its helpers). */
    async cpu(): Promise<number> {
      const info = await admin.info('cpu');
      const field = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
      return field('used_cpu_user') + field('used_cpu_sys');
    },
    /** Forks so far (INFO stats total_forks): each is an AOF rewrite in a child process. */
    async forks(): Promise<number> {
      return Number(/total_forks:(\d+)/.exec(await admin.info('stats'))?.[1] ?? 0);
    },
    async stop() {
      admin.disconnect();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
export type PrivateRedis = Awaited<ReturnType<typeof privateRedis>>;

/** Writes a result file (default .data/bench/NAME-TIME.json) and returns its path. */
export function writeResult(name: string, result: unknown, path?: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = resolve(path ?? `${REPO}/.data/bench/${name}-${stamp}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(result, null, 2));
  return file;
}

/** The command that produced a result, as a reader would type it. */
export const commandLine = (script: string) =>
  `pnpm --silent bench:${script} ${process.argv.slice(2).join(' ')}`.trim();

/**
 * Ends a benchmark: its figures, with the command and the machine (load average at the
 * start and at the end), go to a result file, and to stdout as JSON with --json or
 * else through `print` after a line about the machine. With `chart`, its panels go to
 * an SVG next to the result file (or at `output.chart`).
 */
export async function finish<T extends object>(
  script: string,
  machineAtStart: ReturnType<typeof machine>,
  figures: T,
  output: { out?: string; chart?: string; json: boolean },
  print: (figures: T) => void,
  chart?: (figures: T) => { title: string; panels: Parameters<typeof renderPanels>[2] },
) {
  const result = {
    command: commandLine(script),
    machine: machineAtStart,
    loadAverageAtEnd: machine().loadAverage,
    ...figures,
  };
  const file = writeResult(script, result, output.out);
  const m = machineAtStart;
  let chartFile: string | undefined;
  const drawn = chart?.(figures);
  if (drawn && drawn.panels.length > 0) {
    const { title, panels } = drawn;
    chartFile = resolve(output.chart ?? file.replace(/\.json$/, '.svg'));
    const subtitle = [
      result.command,
      `${m.cores} cores ${m.cpuModel} · Node ${m.node} · Redis ${m.redis} · load average ${m.loadAverage[0]} at the start`,
    ];
    mkdirSync(dirname(chartFile), { recursive: true });
    writeFileSync(chartFile, await renderPanels(title, subtitle, panels));
  }
  if (output.json) {
    console.log(JSON.stringify(result));
  } else {
    console.log(
      `${m.cores} cores (${m.cpuModel}), ${m.ramGB} GB, Node ${m.node}, Redis ${m.redis} (appendfsync ${m.redisFsync}); load average at start ${m.loadAverage.join(' ')}, at end ${result.loadAverageAtEnd.join(' ')}`,
    );
    print(figures);
    console.log(`Result: ${file}${chartFile ? `\nChart:  ${chartFile}` : ''}`);
  }
}

export const round = (n: number, digits = 1) => Number(n.toFixed(digits));
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { connect, type Client } from './clients';

const main = fileURLToPath(new URL('../../server/src/main.ts', import.meta.url));
/** The tests package, where `--import tsx` resolves. */
const testsDir = fileURLToPath(new URL('..', import.meta.url));

export type DaisProcess = ReturnType<typeof startDaisProcess>;

/**
 * Runs the real entry point (server/src/main.ts) as `pnpm start` does, in a process of
 * its own: `node --import tsx`, so `child.pid` is the server (or the node:cluster
 * primary with `--workers`). PORT defaults to 0.
 */
export function startDaisProcess(env: Record<string, string>, args: string[] = []) {
  const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], {
    cwd: testsDir,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      // No flood guards unless a test sets them: storms come from one address on purpose.
      DAIS_LIMITS: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const collect = (chunk: Buffer) => {
    output += chunk;
    if (process.env.DAIS_TEST_LOG) process.stderr.write(chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const printed = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = output.match(pattern);
        if (match) resolve(match);
      };
      check();
      child.stdout.on('data', check);
      void exited.then(() => reject(new Error(`exited before printing ${pattern}:\n${output}`)));
    });
  return {
    child,
    exited,
    printed,
    output: () => output,
    /** The base URL, once the server says it is running. */
    url: async () => (await printed(/Dais is running at (\S+)/))[1]!,
    /** SIGTERM, and the exit code once it has stopped (SIGKILL after 15 s). */
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Pids of the node:cluster workers under `primary` (they carry NODE_UNIQUE_ID). */
export function workerPids(primary: number): number[] {
  return childPids(primary).filter((pid) => environ(pid).includes('NODE_UNIQUE_ID='));
}

/** Pids of every process whose parent is `parent`. */
export function childPids(parent: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => parentOf(pid) === parent);
}

/** The program a process runs (its name in /proc, e.g. 'redis-server'); '' when gone. */
export function programOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** Whether the process exists and has not exited (a zombie has). */
export function isRunning(pid: number): boolean {
  const state = stat(pid)?.[0];
  return state !== undefined && state !== 'Z';
}

function parentOf(pid: number): number | undefined {
  const ppid = stat(pid)?.[1];
  return ppid === undefined ? undefined : Number(ppid);
}

/** /proc/PID/stat after "pid (comm) ": state, ppid, …; undefined when the process is gone. */
function stat(pid: number): string[] | undefined {
  try {
    // comm may hold spaces and parentheses: the fields start after the last ')'.
    const line = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return line.slice(line.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function environ(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8');
  } catch {
    return '';
  }
}

/**
 * The established TCP connections on server port `port` that each of `pids` holds,
 * by socket inode (from /proc/net/tcp{,6} and the processes' open descriptors).
 */
function connectionsOf(port: number, pids: number[]): Map<string, number> {
  const onPort = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [, local, , state, , , , , , inode] = fields;
      if (!local || state !== '01') continue; // 01: ESTABLISHED
      if (parseInt(local.split(':').at(-1)!, 16) === port) onPort.add(inode!);
    }
  }
  const owners = new Map<string, number>();
  for (const pid of pids) {
    for (const fd of descriptors(pid)) {
      try {
        const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
        if (inode && onPort.has(inode)) owners.set(inode, pid);
      } catch {
        // closed meanwhile
      }
    }
  }
  return owners;
}

/** A process's open file descriptors; none once it is gone. */
function descriptors(pid: number): string[] {
  try {
    return readdirSync(`/proc/${pid}/fd`);
  } catch {
    return [];
  }
}

/**
 * Connects a socket.io client to a server of several processes sharing one port, and
 * says which of `pids` accepted it: the one that holds the one new connection.
 * Connect one client at a time.
 */
export async function connectTracked(
  url: string,
  pids: number[],
): Promise<{ socket: Client; pid: number }> {
  const port = Number(new URL(url).port);
  const before = connectionsOf(port, pids);
  const socket = await connect(url);
  const added = [...connectionsOf(port, pids)].filter(([inode]) => !before.has(inode));
  if (added.length !== 1) {
    throw new Error(`expected one new connection to port ${port}, saw ${added.length}`);
  }
  return { socket, pid: added[0]![1] };
}

/**
 * A client connected to the process `pid` of a server whose processes share a port:
 * clients are connected (and the others dropped) until that process accepts one.
 */
export async function connectTo(url: string, pids: number[], pid: number): Promise<Client> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const tracked = await connectTracked(url, pids);
    if (tracked.pid === pid) return tracked.socket;
    tracked.socket.disconnect();
  }
  throw new Error(`no connection reached process ${pid} in 20 attempts`);
}

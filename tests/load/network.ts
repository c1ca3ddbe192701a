import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/**
 * How many sockets one machine can open, and how to spread them.
 *
 * - Ports: a TCP connection is (source address, source port, target address, target
 *   port). From one source address to one target, Linux has only the ephemeral range
 *   (/proc/sys/net/ipv4/ip_local_port_range, 28,232 ports by default). Every 127.0.0.x
 *   address is the loopback, so binding clients to 127.0.0.1, .2, … multiplies it.
 * - File descriptors: every socket is one in the process that holds it (the tool's and
 *   the server's). Node raises its soft limit to the hard limit at start; the tool
 *   spreads the audience over enough processes to stay under it.
 */
export interface Limits {
  /** Open files a process may hold (RLIMIT_NOFILE, already raised by Node). */
  fdLimit: number;
  ephemeralPorts: { low: number; high: number };
  cores: number;
}

/** fds a process keeps for itself: stdio, IPC, the event loop's own. */
const FD_RESERVE = 200;
/**
 * Share of a process's fds its sockets may take at the start. A socket that drops
 * (e.g. a missed ping while the process was starved) reconnects at once while the old
 * connection may still be closing, so a reconnect storm needs room for both.
 */
const FD_SHARE = 0.6;
/** Leave room for sockets in TIME_WAIT from an earlier run and for other programs. */
const PORT_SHARE = 0.8;

export function readLimits(): Limits {
  const limits = readIfExists('/proc/self/limits');
  const fdLimit = Number(/Max open files\s+(\d+)/.exec(limits)?.[1] ?? 1024);
  const [low, high] = (readIfExists('/proc/sys/net/ipv4/ip_local_port_range') || '32768 60999')
    .trim()
    .split(/\s+/)
    .map(Number);
  return {
    fdLimit,
    ephemeralPorts: { low: low ?? 32768, high: high ?? 60999 },
    cores: availableParallelism(),
  };
}

function readIfExists(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Enough processes that each has fds to spare for its sockets, and one per core. */
export function workerCount(audience: number, limits: Limits, requested: number | null): number {
  const forFds = Math.ceil(audience / Math.max(1, (limits.fdLimit - FD_RESERVE) * FD_SHARE));
  if (requested !== null) return Math.max(requested, forFds);
  return Math.max(1, Math.min(audience, Math.max(limits.cores, forFds)));
}

const isLoopback = (url: string) => /^127\./.test(new URL(url).hostname);

/**
 * Audience sockets per source address under `auto`. A real audience comes from many
 * networks, and the server counts its per-address limits (connections, joins, votes,
 * questions; docs/SECURITY.md) per address: 50 a address stay under all of them.
 */
const AUDIENCE_PER_ADDRESS = 50;

/** The n-th loopback address: 127.0.0.1 … 127.0.0.254, 127.0.1.1 … */
const loopback = (n: number) => `127.0.${Math.floor(n / 254)}.${(n % 254) + 1}`;

/**
 * The local addresses each target's clients connect from. For a loopback target,
 * `auto` takes one 127.x address per AUDIENCE_PER_ADDRESS sockets of its share, and
 * enough that none runs out of ephemeral ports; a number N takes the first N. Other
 * targets (a remote host) keep the system's choice, as does `none`. Empty list: the
 * system's choice.
 */
export function sourceAddresses(
  targets: string[],
  audience: number,
  limits: Limits,
  choice: 'auto' | 'none' | number | string[],
): string[][] {
  if (choice === 'none') return targets.map(() => []);
  if (Array.isArray(choice)) return targets.map(() => choice);
  const ports = (limits.ephemeralPorts.high - limits.ephemeralPorts.low + 1) * PORT_SHARE;
  const perTarget = Math.ceil(audience / targets.length);
  const count =
    choice === 'auto'
      ? Math.max(Math.ceil(perTarget / ports), Math.ceil(perTarget / AUDIENCE_PER_ADDRESS))
      : choice;
  return targets.map((target) =>
    isLoopback(target) ? Array.from({ length: count }, (_, i) => loopback(i)) : [],
  );
}

/** Where audience socket number `index` lives: its process, its target, its source address. */
export function placement(index: number, workers: number, targets: number) {
  return {
    worker: Math.floor(index / targets) % workers,
    target: index % targets,
    /** Index into the target's source addresses (taken modulo their count). */
    source: Math.floor(index / (targets * workers)),
  };
}

import cluster, { type Worker } from 'node:cluster';

/** A worker that dies is replaced after this pause (so a crash loop does not spin a core). */
const RESPAWN_DELAY_MS = 1_000;
/** How long the workers get to close their sockets and Redis before they are killed. */
const SHUTDOWN_GRACE_MS = 10_000;

export interface PrimaryOptions {
  /** How many server processes to run. */
  workers: number;
  /** Extra environment for every worker (e.g. the embedded Redis' URL). */
  env: Record<string, string>;
  /** Called once, when every worker listens, with the port they share. */
  onListening(port: number): void;
  /** Called after every worker has exited on shutdown (e.g. to stop the embedded Redis). */
  onStopped(): Promise<void>;
}

/**
 * The node:cluster primary: forks the workers, which each run the whole app and
 * share one listening port (the primary hands them connections in turn). A worker
 * that dies is replaced; one that dies before it ever listened stops them all (exit
 * code 1). SIGINT/SIGTERM stop every worker (each closes its sockets and Redis
 * connection), then `onStopped` runs and the primary exits.
 *
 * No sticky sessions are needed: clients use the websocket transport only, so one
 * client is one TCP connection and stays on the worker that accepted it; state is in
 * Redis and broadcasts cross the workers through the Socket.IO Redis adapter.
 */
export function runPrimary({ workers, env, onListening, onStopped }: PrimaryOptions): void {
  let stopping = false;
  let announced = false;
  /** Workers not yet exited (cluster.workers keeps a dead one until its IPC closes too). */
  const running = new Set<Worker>();
  const listening = new Set<Worker>();

  const fork = () => running.add(cluster.fork(env));

  cluster.on('listening', (worker, address) => {
    listening.add(worker);
    if (!announced && listening.size === workers) {
      announced = true;
      onListening(address.port);
    }
  });

  cluster.on('exit', (worker, code, signal) => {
    const served = listening.delete(worker);
    running.delete(worker);
    if (stopping) {
      if (running.size === 0) void finish();
      return;
    }
    const how = signal ?? `code ${code}`;
    if (!served) {
      // It never listened: a bad setting or an unreachable Redis, which another try would repeat.
      console.error(`A worker failed to start (${how}); stopping`);
      stop(1);
      return;
    }
    console.error(`Worker ${worker.process.pid} exited (${how}); starting another`);
    setTimeout(() => {
      if (!stopping) fork();
    }, RESPAWN_DELAY_MS);
  });

  let exitCode = 0;
  function stop(code = 0) {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    if (running.size === 0) {
      void finish();
      return;
    }
    for (const worker of running) worker.process.kill('SIGTERM');
    setTimeout(() => {
      for (const worker of running) worker.process.kill('SIGKILL');
    }, SHUTDOWN_GRACE_MS).unref();
  }

  let finished = false;
  async function finish() {
    if (finished) return;
    finished = true;
    await onStopped();
    process.exit(exitCode);
  }

  process.on('SIGINT', () => stop());
  process.on('SIGTERM', () => stop());
  for (let i = 0; i < workers; i++) fork();
}

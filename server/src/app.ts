import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { Server } from 'socket.io';
import { apiRouter } from './http/api';
import { securityHeaders } from './http/headers';
import { consoleLogger, type Logger } from './logger';
import { broadcastAdapter } from './redis/adapter';
import type { RedisClient } from './redis/client';
import { attachGateway } from './realtime/gateway';
import { createVoteBatcher } from './realtime/vote-batcher';
import { DEFAULT_PEER_TIMING, watchPeers, type PeerTiming } from './realtime/peers';
import { presenceSettled } from './realtime/workspace';
import type { DaisServer } from './realtime/types';
import { createIntake } from './moderation/intake';
import { createEventStore } from './store/event-store';
import { createExportStore } from './store/export-store';
import { createRetention } from './store/retention';
import { startRetentionSweeper } from './realtime/summary';
import { createRankingStore } from './store/ranking-store';
import { createWorkspaceStore } from './store/workspace-store';
import { defineScripts } from './store/scripts';
import { guardHandshakes } from './security/handshake';
import { createVoteWatch } from './security/vote-watch';
import { createRateLimits, DEFAULT_LIMITS, NO_RATE_LIMITS, type Limits } from './security/limits';

export interface AppDeps {
  /**
   * One Redis or a Redis Cluster. The app also opens a duplicate of it to subscribe to
   * the other processes' broadcasts, and closes that one itself.
   */
  redis: RedisClient;
  logger?: Logger;
  clock?: { now(): number };
  config?: {
    /** Base URL of the links handed out at event creation; default: the request's origin. */
    publicUrl?: string;
    /** The built client to serve; default client/dist of this repository. */
    clientDir?: string;
    /** How often ended events are checked for raw texts due for purging; default hourly. */
    retentionSweepMs?: number;
    /** Called after each retention sweep with the codes of the events it purged. */
    onRetentionSweep?: (purged: string[]) => void;
    /**
     * Origins (besides the server's own) whose pages may open a socket, e.g. the
     * PUBLIC_URL's; default none.
     */
    allowedOrigins?: string[];
    /** Client addresses from X-Forwarded-For (behind our own proxy); default false. */
    trustProxy?: boolean;
    /**
     * Flood guards (security/limits.ts), each defaulting to DEFAULT_LIMITS; `false`: no
     * rate limits, no caps per address and no suspicious-vote record (tests, benchmarks).
     */
    limits?: Partial<Limits> | false;
    /** How often this process beats in Redis and when a silent one counts as dead (peers.ts). */
    peers?: Partial<PeerTiming>;
  };
}

export interface App {
  httpServer: HttpServer;
  io: DaisServer;
  /** Listens on the port (0: any free one) and resolves with the base URL. */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

const DEFAULT_CLIENT_DIR = fileURLToPath(new URL('../../client/dist', import.meta.url));

/**
 * The composition root: everything the server is, given a Redis connection. Any
 * number of apps (processes or machines) may share one Redis: broadcasts reach the
 * sockets of all of them through the adapter.
 */
export async function createApp({
  redis,
  logger = consoleLogger,
  clock = Date,
  config = {},
}: AppDeps): Promise<App> {
  defineScripts(redis);
  logRedisOutages(redis, logger);
  const store = createEventStore(redis);
  const exports = createExportStore(redis, store);
  const retention = createRetention(redis, store, exports);
  const now = () => clock.now();

  const limits = config.limits === false ? undefined : { ...DEFAULT_LIMITS, ...config.limits };
  const handshakes = guardHandshakes({
    allowedOrigins: config.allowedOrigins ?? [],
    connectionsPerIp: limits?.connectionsPerIp ?? 0,
    trustProxy: config.trustProxy ?? false,
  });

  const web = express();
  web.disable('x-powered-by');
  web.use(securityHeaders());
  web.use('/api', apiRouter({ store, exports, redis, now, publicUrl: config.publicUrl }));
  serveClient(web, config.clientDir ?? DEFAULT_CLIENT_DIR);

  const httpServer = createServer(web);
  const broadcasts = broadcastAdapter(redis);
  logRedisOutages(broadcasts.subscriber, logger, 'Redis (broadcasts)');
  const io: DaisServer = new Server(httpServer, {
    serveClient: false,
    // The largest legitimate message (a settings change with a full term list, a
    // question at the wire cap in CJK) is about 12 KB: docs/SECURITY.md. A bigger frame
    // closes its own connection.
    maxHttpBufferSize: 16_384,
    allowRequest: handshakes.allowRequest,
    // One connection per client, so any process behind a shared port can serve it
    // (HTTP long-polling would need sticky sessions). The client uses websocket only.
    transports: ['websocket'],
    // Memory and CPU per connection (docs/PERFORMANCE.md, "Memory per idle connection"):
    // no zlib context per socket for per-message compression (our messages are small) and
    // no HTTP compression (that is for long-polling, which is off).
    perMessageDeflate: false,
    httpCompression: false,
    adapter: broadcasts.adapter,
  });
  io.engine.on('connection', handshakes.track);
  // Each connection would keep its upgrade request (headers, buffers) for its whole life.
  // Nothing reads socket.request or handshake headers; the connect middleware reads only
  // handshake.auth, which comes from the CONNECT packet, and conn.remoteAddress is kept.
  io.engine.on('connection', (raw: { request: unknown }) => {
    raw.request = null;
  });
  const ranking = createRankingStore(redis, store);
  const votes = createVoteBatcher(io, ranking, logger);
  const rateLimits = limits ? createRateLimits(redis, limits) : NO_RATE_LIMITS;
  attachGateway(io, {
    store,
    exports,
    retention,
    intake: createIntake(store),
    ranking,
    votes,
    workspace: createWorkspaceStore(redis, store),
    logger,
    now,
    secret: await store.signingSecret(),
    limits: rateLimits,
    voteWatch: createVoteWatch(redis, rateLimits),
  });
  const peers = watchPeers(
    io,
    { redis, store, logger },
    { ...DEFAULT_PEER_TIMING, ...config.peers },
  );
  const sweeper = startRetentionSweeper(
    io,
    { store, retention, logger, now },
    { intervalMs: config.retentionSweepMs ?? 3_600_000, onSweep: config.onRetentionSweep },
  );

  return {
    httpServer,
    io,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const { port: bound } = httpServer.address() as AddressInfo;
          resolve(`http://${host ?? 'localhost'}:${bound}`);
        });
      }),
    close: async () => {
      await peers.stop();
      await sweeper.stop();
      await votes.stop();
      // io.close() disconnects every socket and closes the HTTP server and the adapter.
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await presenceSettled(io);
      broadcasts.subscriber.disconnect();
    },
  };
}

/** ioredis reconnects by itself; say once that Redis is away, and once that it is back. */
function logRedisOutages(redis: RedisClient, logger: Logger, name = 'Redis') {
  let away = false;
  redis.on('error', (error: Error) => {
    if (!away) logger.error(`${name} unreachable (${error.message}); reconnecting`);
    away = true;
  });
  redis.on('ready', () => {
    if (away) logger.info(`${name} is back`);
    away = false;
  });
}

/** Serves the built client, and index.html for every page route of the single-page app. */
function serveClient(web: express.Express, dir: string) {
  const index = `${dir}/index.html`;
  web.use(express.static(dir, { index: false }));
  web.use((req, res, next) => {
    if (req.method !== 'GET' || !req.accepts('html')) return next();
    if (!existsSync(index)) {
      res.status(503).type('text').send('The client is not built yet: run `pnpm build`.');
      return;
    }
    res.sendFile(index);
  });
}

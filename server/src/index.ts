/** What the tests and tools use of the server: the composition root and the embedded Redis. */
export { createApp, type App, type AppDeps } from './app';
export { silentLogger, type Logger } from './logger';
export {
  freePort,
  startEmbeddedRedis,
  type EmbeddedRedis,
  type FsyncPolicy,
} from './redis/embedded';
export { connectRedis, type RedisClient } from './redis/client';
// The question intake without sockets, for benchmarks.
export { createIntake } from './moderation/intake';
export { createEventStore } from './store/event-store';
export { defineScripts } from './store/scripts';
// The flood guards, for tests of their insurance limiter.
export { createRateLimits, DEFAULT_LIMITS, type Limits } from './security/limits';
// The server processes' heartbeats, for tests that play a process that died.
export { PEER_KEYS } from './store/keys';

/** What the tests and tools use of the server: the composition root and the embedded Redis. */
export { createApp, type App, type AppDeps } from './app';
export { silentLogger, type Logger } from './logger';
export { freePort, startEmbeddedRedis, type EmbeddedRedis } from './redis/embedded';

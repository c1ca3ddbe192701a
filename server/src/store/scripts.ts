import { readdirSync, readFileSync } from 'node:fs';
import type { Redis, Result } from 'ioredis';

/**
 * Lua scripts live in ./lua as `<name>-<numberOfKeys>.lua` (BullMQ's convention), or
 * `<name>.lua` when the number of keys varies (the caller then passes it first).
 * Each becomes an ioredis command named in camelCase, e.g. create-event-2.lua →
 * redis.createEvent(...2 keys, ...args), sent by EVALSHA with EVAL as fallback.
 */
const LUA_DIR = new URL('./lua/', import.meta.url);

export function defineScripts(redis: Redis): void {
  for (const file of readdirSync(LUA_DIR)) {
    const match = /^([a-z-]+?)(?:-(\d+))?\.lua$/.exec(file);
    if (!match) continue;
    const [, name = '', keys] = match;
    const command = name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
    redis.defineCommand(command, {
      numberOfKeys: keys === undefined ? undefined : Number(keys),
      lua: readFileSync(new URL(file, LUA_DIR), 'utf8'),
    });
  }
}

type Arg = string | number;
declare module 'ioredis' {
  interface RedisCommander<Context> {
    createEvent(meta: string, log: string, ...args: Arg[]): Result<string | 0, Context>;
    configureEvent(meta: string, log: string, ...args: Arg[]): Result<string, Context>;
    // Variable key counts: numberOfKeys, ...keys, ...args.
    findCandidates(...args: Arg[]): Result<[number[], string[]], Context>;
    submitQuestion(...args: Arg[]): Result<string, Context>;
    transitionQuestion(...args: Arg[]): Result<[string, string], Context>;
    mergeCluster(...args: Arg[]): Result<[string, string[]], Context>;
    splitQuestion(...args: Arg[]): Result<string, Context>;
  }
}

import { readdirSync, readFileSync } from 'node:fs';
import type { Redis, Result } from 'ioredis';

/**
 * Lua scripts live in ./lua as `<name>-<numberOfKeys>.lua` (BullMQ's convention).
 * Each becomes an ioredis command named in camelCase, e.g. submit-question-5.lua →
 * redis.submitQuestion(...5 keys, ...args), sent by EVALSHA with EVAL as fallback.
 */
const LUA_DIR = new URL('./lua/', import.meta.url);

export function defineScripts(redis: Redis): void {
  for (const file of readdirSync(LUA_DIR)) {
    const match = /^(.+)-(\d+)\.lua$/.exec(file);
    if (!match) continue;
    const [, name = '', keys = '0'] = match;
    const command = name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
    redis.defineCommand(command, {
      numberOfKeys: Number(keys),
      lua: readFileSync(new URL(file, LUA_DIR), 'utf8'),
    });
  }
}

type Arg = string | number;
declare module 'ioredis' {
  interface RedisCommander<Context> {
    createEvent(meta: string, log: string, ...args: Arg[]): Result<string | 0, Context>;
    configureEvent(meta: string, log: string, ...args: Arg[]): Result<string, Context>;
    submitQuestion(...keysThenArgs: Arg[]): Result<string, Context>;
    transitionQuestion(...keysThenArgs: Arg[]): Result<[string, string], Context>;
  }
}

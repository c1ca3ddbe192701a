import { readdirSync, readFileSync } from 'node:fs';
import type { Result } from 'ioredis';
import type { RedisClient } from '../redis/client';
import { RANKING } from '@dais/shared';
import { dedupConstants } from './dedup-words';

/**
 * Lua scripts live in ./lua as `<name>-<numberOfKeys>.lua` (BullMQ's convention), or
 * `<name>.lua` when the number of keys varies (the caller then passes it first).
 * Each becomes an ioredis command named in camelCase, e.g. create-event-2.lua →
 * redis.createEvent(...2 keys, ...args), sent by EVALSHA with EVAL as fallback.
 * Every script starts with the functions of ./lua/lib (local functions; `${NAME}`
 * there is a constant of the shared domain, as Lua source).
 */
const LUA_DIR = new URL('./lua/', import.meta.url);
const LIB_DIR = new URL('./lua/lib/', import.meta.url);
const CONSTANTS: Record<string, string | number> = {
  STAR_BOOST: RANKING.STAR_BOOST,
  DECAY_MS: RANKING.DECAY_MINUTES * 60_000,
  ...dedupConstants(),
};

function library(): string {
  return readdirSync(LIB_DIR)
    .filter((file) => file.endsWith('.lua'))
    .sort()
    .map((file) => readFileSync(new URL(file, LIB_DIR), 'utf8'))
    .join('\n')
    .replace(/\$\{(\w+)\}/g, (_, name: string) => {
      const value = CONSTANTS[name];
      if (value === undefined) throw new Error(`lua/lib: no constant ${name}`);
      return String(value);
    });
}

export function defineScripts(redis: RedisClient): void {
  const lib = library();
  for (const file of readdirSync(LUA_DIR)) {
    const match = /^([a-z-]+?)(?:-(\d+))?\.lua$/.exec(file);
    if (!match) continue;
    const [, name = '', keys] = match;
    const command = name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
    redis.defineCommand(command, {
      numberOfKeys: keys === undefined ? undefined : Number(keys),
      lua: `${lib}\n${readFileSync(new URL(file, LUA_DIR), 'utf8')}`,
    });
  }
}

type Arg = string | number;
declare module 'ioredis' {
  interface RedisCommander<Context> {
    createEvent(meta: string, log: string, ...args: Arg[]): Result<string | 0, Context>;
    configureEvent(meta: string, log: string, ...args: Arg[]): Result<string, Context>;
    // Variable key counts: numberOfKeys, ...keys, ...args.
    submitQuestion(...args: Arg[]): Result<[string, string, string, string[]], Context>;
    transitionQuestion(...args: Arg[]): Result<[string, string], Context>;
    mergeCluster(...args: Arg[]): Result<[string, string[]], Context>;
    splitQuestion(...args: Arg[]): Result<string, Context>;
    editQuestion(...args: Arg[]): Result<[string, string], Context>;
    undoAction(...args: Arg[]): Result<[string, string, string[]?], Context>;
    setPresence(
      presence: string,
      version: string,
      ...args: Arg[]
    ): Result<[number, string[]], Context>;
    purgeQuestions(...args: Arg[]): Result<[string, string[], string[]], Context>;
    stageAdvance(...args: Arg[]): Result<[string, string], Context>;
    beatPeers(
      deadlines: string,
      beats: string,
      ...args: Arg[]
    ): Result<[number, number, number], Context>;
    voteQuestion(
      log: string,
      question: string,
      leader: string,
      voters: string,
      clusterOf: string,
      rank: string,
      request: string,
      ...args: Arg[]
    ): Result<[number, number, string, string], Context>;
    setFlag(
      log: string,
      question: string,
      rank: string,
      undo: string,
      ...args: Arg[]
    ): Result<string, Context>;
    queueMove(
      log: string,
      queue: string,
      question: string,
      ...args: Arg[]
    ): Result<[string, string[]], Context>;
    queueRemove(
      log: string,
      queue: string,
      question: string,
      ...args: Arg[]
    ): Result<[string, string[]], Context>;
  }
}

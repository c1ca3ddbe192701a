#!/usr/bin/env node
// Builds the client only when dist/ is missing or older than its sources.
// Plain Node, no dependencies: `pnpm start` runs it before the server.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const clientDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const builtIndex = join(clientDir, 'dist', 'index.html');
const sources = [
  join(clientDir, 'src'),
  join(clientDir, 'index.html'),
  join(clientDir, 'vite.config.ts'),
  join(clientDir, '..', 'shared', 'src'),
];

/** The newest file among `paths` (files or folders, searched deeply), or null when none. */
function newestFile(paths) {
  let newest = null;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    const candidate = stat.isDirectory()
      ? newestFile(readdirSync(path).map((entry) => join(path, entry)))
      : { path, mtimeMs: stat.mtimeMs };
    if (candidate && (!newest || candidate.mtimeMs > newest.mtimeMs)) newest = candidate;
  }
  return newest;
}

const newest = newestFile(sources);
const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : null;

if (builtAt !== null && (!newest || newest.mtimeMs <= builtAt)) {
  console.log('client: dist is up to date, not building');
  process.exit(0);
}

const reason = builtAt === null ? 'no dist yet' : `${relative(clientDir, newest.path)} changed`;
const started = Date.now();
const vite = join(clientDir, 'node_modules', 'vite', 'bin', 'vite.js');
const { status } = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
  cwd: clientDir,
  stdio: 'inherit',
});
if (status !== 0) {
  console.error(`client: build failed (${reason})`);
  process.exit(status ?? 1);
}
console.log(`client: built dist in ${Date.now() - started} ms (${reason})`);

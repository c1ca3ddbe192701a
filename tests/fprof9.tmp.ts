import { performance } from 'node:perf_hooks';
import { buildStream } from './bench/stream';
import { createFilter } from '@dais/shared';
const which = process.argv[2] ?? 'new';
const mod: any = which === 'orig' ? await import('/tmp/origtree/src/moderation/filter/index.ts') : await import('@dais/shared');
const cons = buildStream(60000);
const flat = cons.map((t) => JSON.parse(JSON.stringify(t)) as string);
for (const [name, stream] of [['cons', cons], ['flat(JSON)', flat]] as const) {
  const filter = mod.createFilter({ blockedTerms: ['骗子', 'scam'] });
  for (const q of stream.slice(0, 2000)) filter(q);
  let best = Infinity;
  for (let r = 0; r < 5; r++) { const t0 = performance.now(); for (const q of stream) filter(q); best = Math.min(best, (performance.now() - t0) * 1000 / stream.length); }
  console.log(which, name, best.toFixed(2));
}

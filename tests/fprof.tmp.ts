import { performance } from 'node:perf_hooks';
import { buildStream } from './bench/stream';

const which = process.argv[2] ?? 'new';
const mod: any =
  which === 'orig'
    ? await import('/tmp/origtree/src/moderation/filter/index.ts')
    : await import('@dais/shared');
const {
  createFilter,
  sanitizeText,
  redactPersonalData,
  containsProfanity,
  createBlockedTermMatcher,
  hasSafeguardingSignal,
  containsLink,
  looksLikeSpam,
  isSymbolsOnly,
} = mod;

const stream = buildStream(60000);
const texts = stream.map((q: string) => sanitizeText(q));
const redacted = texts.map((t: string) => redactPersonalData(t).redacted);
const blocked = createBlockedTermMatcher(['骗子', 'scam']);
const filter = createFilter({ blockedTerms: ['骗子', 'scam'] });

let sink = 0;
function time(name: string, items: string[], fn: (s: string) => unknown, rounds = 3) {
  for (let i = 0; i < 5000; i++) if (fn(items[i]!)) sink++;
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < items.length; i++) if (fn(items[i]!)) sink++;
    best = Math.min(best, ((performance.now() - t0) * 1000) / items.length);
  }
  console.log(`${name.padEnd(22)} ${best.toFixed(2)} µs`);
}
time('sanitize', stream, sanitizeText);
time('redactPersonalData', texts, redactPersonalData);
time('profanity (raw)', stream, containsProfanity);
time('profanity (text)', texts, containsProfanity);
time('blocked-term', texts, blocked);
time('safeguarding', texts, hasSafeguardingSignal);
time('containsLink', redacted, containsLink);
time('looksLikeSpam', texts, looksLikeSpam);
time('isSymbolsOnly', texts, isSymbolsOnly);
time('WHOLE filter', stream, filter, 5);
// per-call timing like the bench
{
  const times = new Float64Array(stream.length);
  for (let i = 0; i < stream.length; i++) {
    const s = performance.now();
    filter(stream[i]!);
    times[i] = (performance.now() - s) * 1000;
  }
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  times.sort();
  console.log(
    `WHOLE (per-call timer) mean ${mean.toFixed(2)} p50 ${times[30000]!.toFixed(1)} p99 ${times[59400]!.toFixed(1)}`,
  );
}
console.log(sink > 0 ? '' : '-');

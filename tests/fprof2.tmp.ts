import { performance } from 'node:perf_hooks';
import { buildStream } from './bench/stream';
import {
  sanitizeText,
  toMatchingText,
  hasSafeguardingSignal,
  redactPersonalData,
} from '@dais/shared';
import { KeywordScanner } from '../shared/src/moderation/filter/keywords';
const stream = buildStream(60000);
const texts = stream.map((q) => toMatchingText(sanitizeText(q)));
function time(name: string, fn: (s: string) => unknown) {
  let sink = 0;
  for (let i = 0; i < 5000; i++) if (fn(texts[i]!)) sink++;
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    for (const t of texts) if (fn(t)) sink++;
    best = Math.min(best, ((performance.now() - t0) * 1000) / texts.length);
  }
  console.log(name.padEnd(20), best.toFixed(3), 'hits', sink / 3 / texts.length);
}
const sc = new KeywordScanner([
  [
    '想死',
    'suicid',
    'kill',
    'end my',
    ' die',
    'meet',
    'send',
    'secret',
    'me on',
    'me at',
    'make',
    'touch',
    'assault',
    'rape',
    'abus',
    'harm',
    'mysel',
    'hersel',
    '打我',
    '衣服',
    '秘密',
    '你几岁',
  ],
]);
time('scanner', (t) => sc.scan(t));
time('safeguard', hasSafeguardingSignal);
time('redact', (t) => redactPersonalData(t).kinds.length);
time('len', (t) => t.length > 40);
const avg = texts.reduce((a, t) => a + t.length, 0) / texts.length;
console.log('avg len', avg);

import { performance } from 'node:perf_hooks';
import { buildStream } from './bench/stream';
import { sanitizeText } from '@dais/shared';
const texts = buildStream(60000).map((t) => (t.at(-1), t));
function time(n: string, fn: (t: string) => unknown) {
  let sink = 0; for (let i = 0; i < 5000; i++) if (fn(texts[i]!)) sink++;
  let best = Infinity;
  for (let r = 0; r < 5; r++) { const t0 = performance.now(); for (const t of texts) if (fn(t)) sink++; best = Math.min(best, (performance.now() - t0) * 1000 / texts.length); }
  console.log(n.padEnd(12), best.toFixed(3), sink);
}
function loopC(text: string) { let d = 0; for (let i = 0; i < text.length; i++) { d += text.charCodeAt(i); } return d; }
time('loopC', loopC);
time('re1', (t) => /a/.test(t));
time('re2', (t) => /b/.test(t));
time('re3', (t) => /c/.test(t));
time('re4', (t) => /d/.test(t));
time('re5', (t) => /e/.test(t));
time('loopC', loopC);

import { performance } from 'node:perf_hooks';
import { buildStream } from './bench/stream';
import { sanitizeText, toMatchingText } from '@dais/shared';
const stream = buildStream(60000);
const texts = stream.map((q) => toMatchingText(sanitizeText(q)));
const L = new Uint8Array(65536);
for (let i = 0; i < 65536; i += 7) L[i] = i % 50;
const N = new Uint16Array(50 * 700);
for (let i = 0; i < N.length; i++) N[i] = (i * 31) % 700;
function sum(t: string) {
  let s = 0;
  for (let i = 0; i < t.length; i++) s += t.charCodeAt(i);
  return s;
}
function dfa(t: string) {
  let s = 0,
    f = 0;
  for (let i = 0; i < t.length; i++) {
    s = N[s * 50 + L[t.charCodeAt(i)]!]!;
    f |= s;
  }
  return f;
}
for (const [n, fn] of [
  ['sum', sum],
  ['dfa', dfa],
] as const) {
  let sink = 0;
  for (let i = 0; i < 5000; i++) sink += fn(texts[i]!);
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (const t of texts) sink += fn(t);
    best = Math.min(best, ((performance.now() - t0) * 1000) / texts.length);
  }
  console.log(n, best.toFixed(3), sink > 0);
}
const flat = texts.map((t) => Buffer.from(t, 'utf16le').toString('utf16le'));
for (const [n, fn] of [['sum-flat', sum], ['dfa-flat', dfa]] as const) {
  let sink = 0; for (let i = 0; i < 5000; i++) sink += fn(flat[i]!);
  let best = Infinity;
  for (let r = 0; r < 5; r++) { const t0 = performance.now(); for (const t of flat) sink += fn(t); best = Math.min(best, (performance.now() - t0) * 1000 / flat.length); }
  console.log(n, best.toFixed(3), sink > 0);
}

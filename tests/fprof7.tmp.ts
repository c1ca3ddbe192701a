import { performance } from 'node:perf_hooks';
import { buildStream } from './bench/stream';
import { sanitizeText } from '@dais/shared';
import { DETECTORS, Facts } from '../shared/src/moderation/filter/personal-data';
const stream = buildStream(60000);
const texts = stream.map((q) => sanitizeText(q));
const runs = DETECTORS.map(() => 0);
for (const t of texts) { const f = new Facts(t); DETECTORS.forEach((d, i) => { if (d.mayMatch(f)) runs[i]++; }); }
console.log(runs.map((r, i) => `${i}:${DETECTORS[i]!.kind}:${(r / texts.length * 100).toFixed(1)}%`).join(' '));
const t0 = performance.now(); let sink = 0;
for (let r = 0; r < 3; r++) for (const t of texts) { const f = new Facts(t); for (const d of DETECTORS) if (d.mayMatch(f)) sink++; }
console.log('prechecks only', ((performance.now() - t0) * 1000 / texts.length / 3).toFixed(3));
function time(n: string, fn: (t: string) => unknown) {
  let sink = 0; for (let i = 0; i < 5000; i++) if (fn(texts[i]!)) sink++;
  let best = Infinity;
  for (let r = 0; r < 5; r++) { const t0 = performance.now(); for (const t of texts) if (fn(t)) sink++; best = Math.min(best, (performance.now() - t0) * 1000 / texts.length); }
  console.log(n.padEnd(12), best.toFixed(3), sink);
}
time('facts', (t) => new Facts(t).digits);
for (const cue of ['at','spelledAt','wechat','cnSchool','enSchool','enGrade','cnGradeClass','building'] as const) time(cue, (t) => new Facts(t).has(cue));
const NT = /\d[A-Za-z]?\s+[A-Z]/u;
time('numcap', (t) => NT.test(t));
function isCN(unit: number): boolean { switch (unit) { case 0x3007: case 0x96f6: case 0x4e00: case 0x4e8c: case 0x4e09: case 0x56db: case 0x4e94: case 0x516d: case 0x4e03: case 0x516b: case 0x4e5d: return true; default: return false; } }
function loopA(text: string) { let d = 0, n = 0, run = 0, dr = 0; for (let i = 0; i < text.length; i++) { const u = text.charCodeAt(i); if (u >= 48 && u <= 57) { d++; n++; if (++run > dr) dr = run; } else { run = 0; if (u >= 0x3007 && isCN(u)) n++; } } return d + n + dr; }
function loopB(text: string) { let d = 0, run = 0, dr = 0; for (let i = 0; i < text.length; i++) { const u = text.charCodeAt(i); if (u >= 48 && u <= 57) { d++; if (++run > dr) dr = run; } else { run = 0; } } return d + dr; }
function loopC(text: string) { let d = 0; for (let i = 0; i < text.length; i++) { d += text.charCodeAt(i); } return d; }
time('loopA', loopA); time('loopB', loopB); time('loopC', loopC);
const flat = texts.map((t) => t.split('').join(''));
function time2(n: string, fn: (t: string) => unknown) {
  let sink = 0; for (let i = 0; i < 5000; i++) if (fn(flat[i]!)) sink++;
  let best = Infinity;
  for (let r = 0; r < 5; r++) { const t0 = performance.now(); for (const t of flat) if (fn(t)) sink++; best = Math.min(best, (performance.now() - t0) * 1000 / flat.length); }
  console.log(n.padEnd(12), best.toFixed(3), sink);
}
time2('loopA-flat', loopA); time2('loopC-flat', loopC); time2('facts-flat', (t) => new Facts(t).digits);

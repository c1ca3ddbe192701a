import { performance } from 'node:perf_hooks';
import { buildStream } from './bench/stream';
const which = process.argv[2] ?? 'new';
const part = process.argv[3] ?? 'whole';
const mod: any = which === 'orig' ? await import('/tmp/origtree/src/moderation/filter/index.ts') : await import('@dais/shared');
const stream = buildStream(60000);
const m = (t: string) => (mod.toMatchingText ? mod.toMatchingText(t) : t);
const texts = stream.map((q: string) => mod.sanitizeText(q));
const matching = texts.map(m);
const redacted = texts.map((t: string) => mod.redactPersonalData(t).redacted);
const blocked = mod.createBlockedTermMatcher(['骗子', 'scam']);
const filter = mod.createFilter({ blockedTerms: ['骗子', 'scam'] });
const parts: Record<string, [string[], (s: string) => unknown]> = {
  sanitize: [stream, mod.sanitizeText], redact: [texts, mod.redactPersonalData], profanityRaw: [stream, mod.containsProfanity],
  profanityText: [matching, mod.containsProfanity], blocked: [matching, blocked], safeguarding: [matching, mod.hasSafeguardingSignal],
  link: [redacted, mod.containsLink], spam: [matching, mod.looksLikeSpam], symbols: [matching, mod.isSymbolsOnly], whole: [stream, filter],
};
const [items, fn] = parts[part]!;
let sink = 0;
for (let i = 0; i < 5000; i++) if (fn(items[i]!)) sink++;
let best = Infinity;
for (let r = 0; r < 7; r++) { const t0 = performance.now(); for (let i = 0; i < items.length; i++) if (fn(items[i]!)) sink++; best = Math.min(best, ((performance.now() - t0) * 1000) / items.length); }
let perCall = 0;
if (part === 'whole') { const s0 = performance.now(); let tot = 0; for (const q of items) { const s = performance.now(); fn(q); tot += performance.now() - s; } perCall = tot * 1000 / items.length; void s0; }
console.log(`${which} ${part.padEnd(14)} ${best.toFixed(2)} µs${perCall ? `  (per-call timed mean ${perCall.toFixed(2)})` : ''}`);

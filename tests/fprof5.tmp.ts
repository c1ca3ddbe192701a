import { performance } from 'node:perf_hooks';
import { buildStream } from './bench/stream';
import { sanitizeText, toMatchingText } from '@dais/shared';
const stream = buildStream(60000);
const texts = stream.map((q) => toMatchingText(sanitizeText(q)));
const src = await import('../shared/src/moderation/filter/safeguarding.ts');
const anchorsRe: RegExp = (src as any).ANCHORS ?? null;
const counts = new Map<string, number>();
for (const t of texts) { const m = /kill|end my|end it| die| dead| want to |harm|touch|make|send|alone|meet|secret|me on|me at|me your|where do|how old|生命|衣服|秘密|加我|打了|打得/i.exec(t); if (m) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1); }
console.log(counts);
const ex = texts.filter((t) => /make|meet/i.test(t)).slice(0, 5); console.log(ex);

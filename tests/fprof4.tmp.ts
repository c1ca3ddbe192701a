import { performance } from 'node:perf_hooks';
import { buildStream } from './bench/stream';
import { sanitizeText, toMatchingText } from '@dais/shared';
const stream = buildStream(60000);
const texts = stream.map((q) => toMatchingText(sanitizeText(q)));
const anchors = ['想死','不想活','活不下去','活着没意思','自杀','轻生','寻死','割腕','自残','自伤','跳楼','生命','了结自己','吃安眠药','suicid','kill','end my','end it','ending my','ending it','take my',' die',' dead','better off dead',' want to ','no reason to live','mysel','himsel','hersel','themsel','harm','overdose','打我','打了','打伤','打哭','打得','家暴','虐待','性侵','猥亵','强奸','摸我','衣服','我告诉','告诉别人','威胁我','把我关','hits me','hit me','beats me','touch','abus','molest','rape','rapist','assault','make','me not to tell','tell any','tell your','加我','加微信','加个微信','私聊我','照片给我','给我发','你的照片','你几岁','你多大了','一个人在家','家里有人吗','出来见面','见个面','秘密','别告诉你','你家住','哪个学校','send','alone','how old','meet','where do','what school','secret','me on','me at','me your'];
const re = new RegExp(anchors.join('|'), 'i');
const reu = new RegExp(anchors.join('|'), 'iu');
const digits = /\d/;
const fns: [string, (t: string) => unknown][] = [
  ['regex-i', (t) => re.test(t)], ['regex-iu', (t) => reu.test(t)], ['digit', (t) => digits.test(t)],
  ['sum', (t) => { let s = 0; for (let i = 0; i < t.length; i++) s += t.charCodeAt(i); return s; }],
  ['lower', (t) => t.toLowerCase()], ['includes', (t) => t.includes('qq')],
];
for (const [n, fn] of fns) {
  let sink = 0; for (let i = 0; i < 5000; i++) if (fn(texts[i]!)) sink++;
  let best = Infinity;
  for (let r = 0; r < 5; r++) { const t0 = performance.now(); for (const t of texts) if (fn(t)) sink++; best = Math.min(best, (performance.now() - t0) * 1000 / texts.length); }
  console.log(n.padEnd(10), best.toFixed(3), sink);
}
import { KeywordScanner } from '../shared/src/moderation/filter/keywords';
const sc = new KeywordScanner([anchors]);
const fns2: [string, (t: string) => unknown][] = [['scanner', (t) => sc.scan(t)]];
for (const [n, fn] of fns2) {
  let sink = 0; for (let i = 0; i < 5000; i++) if (fn(texts[i]!)) sink++;
  let best = Infinity;
  for (let r = 0; r < 5; r++) { const t0 = performance.now(); for (const t of texts) if (fn(t)) sink++; best = Math.min(best, (performance.now() - t0) * 1000 / texts.length); }
  console.log(n.padEnd(10), best.toFixed(3), sink);
}
const A: any = (sc as any).automaton;
console.log('size', A.size, 'states', A.next.length / A.size, A.letters.constructor.name, A.next.constructor.name);
function scan2(text: string): number {
  const letters = A.letters as Uint8Array, size = A.size as number, next = A.next as Uint16Array, output = A.output as Int32Array;
  let found = 0, state = 0;
  for (let i = 0; i < text.length; i++) {
    state = next[state * size + letters[text.charCodeAt(i)]!]!;
    found |= output[state]!;
  }
  return found;
}
function scan3(text: string): number {
  const letters = A.letters as Uint8Array;
  let found = 0;
  for (let i = 0; i < text.length; i++) found |= letters[text.charCodeAt(i)]!;
  return found;
}
for (const [n, fn] of [['scan2', scan2], ['scan3', scan3]] as const) {
  let sink = 0; for (let i = 0; i < 5000; i++) if (fn(texts[i]!)) sink++;
  let best = Infinity;
  for (let r = 0; r < 5; r++) { const t0 = performance.now(); for (const t of texts) if (fn(t)) sink++; best = Math.min(best, (performance.now() - t0) * 1000 / texts.length); }
  console.log(n.padEnd(10), best.toFixed(3), sink);
}
const size = A.size, states = A.next.length / size;
const n32 = Int32Array.from(A.next);
const P = 128; const npow = new Int32Array(states * P); for (let s = 0; s < states; s++) for (let l = 0; l < size; l++) npow[s * P + l] = A.next[s * size + l] * P;
const out2 = new Int32Array(states * P); for (let s = 0; s < states; s++) out2[s * P] = A.output[s];
function scan4(text: string): number {
  const letters = A.letters as Uint8Array, next = n32, output = A.output as Int32Array;
  let found = 0, state = 0;
  for (let i = 0; i < text.length; i++) { state = next[state * size + letters[text.charCodeAt(i)]!]!; found |= output[state]!; }
  return found;
}
function scan5(text: string): number {
  const letters = A.letters as Uint8Array;
  let found = 0, row = 0;
  for (let i = 0; i < text.length; i++) { row = npow[row + letters[text.charCodeAt(i)]!]!; found |= out2[row]!; }
  return found;
}
function scan6(text: string): number {
  const letters = A.letters as Uint8Array, next = A.next as Uint16Array, output = A.output as Int32Array;
  let found = 0, state = 0;
  for (let i = 0; i < text.length; i++) {
    const l = letters[text.charCodeAt(i)]!;
    if (l === 0) { state = 0; continue; }
    state = next[state * size + l]!; found |= output[state]!;
  }
  return found;
}
for (const [n, fn] of [['scan4', scan4], ['scan5', scan5], ['scan6', scan6], ['scan2', scan2]] as const) {
  let sink = 0; for (let i = 0; i < 5000; i++) if (fn(texts[i]!)) sink++;
  let best = Infinity;
  for (let r = 0; r < 5; r++) { const t0 = performance.now(); for (const t of texts) if (fn(t)) sink++; best = Math.min(best, (performance.now() - t0) * 1000 / texts.length); }
  console.log(n.padEnd(10), best.toFixed(3), sink);
}

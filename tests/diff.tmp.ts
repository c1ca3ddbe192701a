import { readFileSync } from 'node:fs';
import { buildStream } from './bench/stream';
import * as N from '@dais/shared';
const O: any = await import('/tmp/origtree/src/moderation/filter/index.ts');

const map7 = (s: string) =>
  s.replace(/[，！？：；（）]/g, (c) => ',!?:;()'['，！？：；（）'.indexOf(c)]!);
let seed = 12345;
const rnd = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;

const words = [
  '想死',
  '想死你',
  '不想活',
  '自杀',
  '跳楼',
  '跳楼价',
  '打我',
  '打我电话',
  '被同学打了',
  '衣服',
  '把我关起来',
  '加我微信',
  '加个微信',
  '照片给我',
  '你几岁',
  '秘密',
  '你家住哪',
  '哪个学校',
  'suicide',
  'kill myself',
  'KILL HIMSELF',
  'end my life',
  'take my life',
  'want to die',
  'wanna die',
  'wish I was dead',
  'better off dead',
  "don't want to live",
  'cutting myself',
  'self-harm',
  'overdose',
  'dad hits me',
  'my uncle touched me',
  'touch me there',
  'abused',
  'raped',
  'rapist',
  'sexual assault',
  'makes me undress',
  'told me not to tell',
  'never tell anyone',
  'send me a pic',
  'are you home alone',
  'how old are u',
  'meet me',
  'where do you live',
  'what school do you go to',
  'our little secret',
  'add me on',
  'give me your number',
  'ſend me nudes',
  'Kill mysElf',
  'whatſapp',
  'QQ',
  'qq号：',
  '扣扣',
  '微信号是',
  'wxid_abcd12',
  'wechat: kid_123',
  'VX',
  '电话',
  '手机',
  'phone is',
  'call me at',
  'text me on',
  'tel:',
  '身份证',
  '身份证号：',
  '@',
  'example.com',
  'kid(at)example dot com',
  '（at）',
  '(dot)',
  ' at ',
  ' dot ',
  '.com',
  'cn',
  '路',
  '街',
  '大街',
  '号',
  '号楼',
  '栋',
  '单元',
  '室',
  '小区',
  '花园',
  '中关村大街27号',
  '阳光小区3栋2单元501室',
  'Street',
  'St.',
  'Oak',
  'Main',
  'Apt',
  'live at',
  'lives on',
  'address:',
  'address：',
  'address is',
  '小学',
  '中学',
  '三年级',
  '二班',
  '（2）班',
  '(3)班',
  '初二',
  '王小明',
  '李华',
  'Lincoln Elementary',
  'grade 3',
  'Grade 2',
  '3rd grader',
  'class 3B',
  'Amy Chen',
  'Kindergarten',
  'http://',
  'http：//',
  'https://x.y',
  'www.example.org',
  'bit.ly/x',
  't.me/a',
  'unicef.org',
  'e.g.',
  'Mr. Li',
  'bad',
  'b a d',
  'b4d',
  'a$$',
  'ki11',
  '坏蛋',
  '坏 蛋',
  '骗子',
  'scam',
  'SCAM',
  's c a m',
  '5cam',
  '8964',
  '🖕',
  'damn',
  'shit',
  'sh!t',
  'sh！t',
  'Fu(*',
  'nigger;',
  'hell',
  'crap',
  'bastard',
  'aaaaaaaa',
  'AAAAaaaa',
  '哈哈哈哈哈',
  '!!!!!',
  '！！！！！',
  ',，,，,，,，,，',
  'buy now ',
  '支持',
  'WHY IS NOBODY ANSWERING',
];
const chars = [
  ...'abcXYZ019 .,!?:;()-_@$+#*/\'"\t\n',
  '，',
  '。',
  '！',
  '？',
  '：',
  '；',
  '（',
  '）',
  '“',
  '”',
  '、',
  '　',
  '…',
  '～',
  'ｈ',
  'Ｈ',
  '１',
  'ſ',
  '\u212A',
  'İ',
  'Σ',
  'ς',
  'σ',
  'а',
  'é',
  'e\u0301',
  '\u0301',
  '\u0316\u0301\u0302\u0303',
  '\u200B',
  '\u200D',
  '\u202E',
  '\uFEFF',
  '\u00AD',
  '😀',
  '👩\u200D💻',
  '\uD800',
  '\uDC00',
  '가',
  '\u1100\u1161',
  '\u3131',
  '㉮',
  '①',
  '¹',
  'ﬀ',
  'Ω',
  'Å',
  '\u00A0',
  '\u2003',
  '\r',
  '\u0000',
  '5\uFE0F\u20E3',
  '丂',
  '\u9FFF',
  '\uFF21',
  'ｶﾞ',
  'ß',
  'ẞ',
  'ǅ',
  'Ⅻ',
];
const digits = () =>
  Array.from({ length: 1 + Math.floor(rnd() * 18) }, () => pick([...'0123456789'])).join('');
function gen(): string {
  const n = 1 + Math.floor(rnd() * 8);
  let s = '';
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.35) s += pick(words);
    else if (r < 0.55) s += digits();
    else if (r < 0.65) s += pick([' ', '', ',', '，', ':', '：', '(', '（', ')', '）', '-', ' ']);
    else s += Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => pick(chars)).join('');
    if (rnd() < 0.1) s = s.toUpperCase();
  }
  if (rnd() < 0.05) s = s.repeat(2 + Math.floor(rnd() * 6));
  return s;
}

const lines = (f: string) =>
  readFileSync(new URL(`./data/${f}`, import.meta.url), 'utf8').split('\n');
const inputs: string[] = [
  ...buildStream(60000),
  ...lines('clean-with-numbers.txt'),
  ...lines('personal-data.tsv').flatMap((r) => r.split('\t')),
  ...lines('dedup-en.tsv').flatMap((r) => r.split('\t')),
  ...lines('dedup-zh.tsv').flatMap((r) => r.split('\t')),
];
for (let i = 0; i < 200000; i++) inputs.push(gen());
// unicode single chars and pairs
for (let cp = 0; cp < 0x10000; cp += 1)
  inputs.push('a' + String.fromCharCode(cp) + 'b ' + String.fromCharCode(cp));

const terms = [
  '骗子',
  'scam',
  'bad',
  '坏蛋',
  'blow job',
  '8964',
  '🖕',
  '！！',
  '(*)',
  'ki11',
  'Straße',
  'ﬀ',
];
const nf = N.createFilter({ blockedTerms: terms });
const of = O.createFilter({ blockedTerms: terms });
const nb = N.createBlockedTermMatcher(terms),
  ob = O.createBlockedTermMatcher(terms);
let bad = 0;
const report = (what: string, x: string, a: unknown, b: unknown) => {
  if (bad++ < 25)
    console.log('MISMATCH', what, JSON.stringify(x), JSON.stringify(a), JSON.stringify(b));
};
for (const x of inputs) {
  const a = nf(x),
    b = of(x);
  if (
    map7(a.text) !== b.text ||
    map7(a.redacted) !== b.redacted ||
    a.verdict !== b.verdict ||
    a.reasons.join() !== b.reasons.join()
  )
    report('filter', x, a, b);
  if (!/[，！？：；（）]/.test(x)) {
    if (a.text !== b.text || a.redacted !== b.redacted) report('filter-exact', x, a, b);
  }
  const st = N.sanitizeText(x);
  if (map7(st) !== O.sanitizeText(x)) report('sanitize', x, st, O.sanitizeText(x));
  const m = map7(x);
  for (const [name, fnN, fnO] of [
    ['spam', N.looksLikeSpam, O.looksLikeSpam],
    ['safe', N.hasSafeguardingSignal, O.hasSafeguardingSignal],
    ['link', N.containsLink, O.containsLink],
    ['blocked', nb, ob],
    ['symbols', N.isSymbolsOnly, O.isSymbolsOnly],
    ['prof', N.containsProfanity, O.containsProfanity],
  ] as const) {
    if ((fnN as any)(x) !== (fnO as any)(m) && name !== 'prof')
      report(name, x, (fnN as any)(x), (fnO as any)(m));
    if ((fnN as any)(m) !== (fnO as any)(m))
      report(name + '-m', m, (fnN as any)(m), (fnO as any)(m));
  }
  const rn = N.redactPersonalData(x),
    ro = O.redactPersonalData(m);
  if (map7(rn.redacted) !== ro.redacted || rn.kinds.join() !== ro.kinds.join())
    report('redact', x, rn, ro);
  const rm = N.redactPersonalData(m),
    rmo = O.redactPersonalData(m);
  if (rm.redacted !== rmo.redacted || rm.kinds.join() !== rmo.kinds.join())
    report('redact-m', m, rm, rmo);
}
console.log('inputs', inputs.length, 'mismatches', bad);
const freq: Record<string, number> = {};
const kinds: Record<string, number> = {};
for (const x of inputs.slice(60000)) {
  for (const r of of(x).reasons) freq[r] = (freq[r] ?? 0) + 1;
  for (const k of O.redactPersonalData(O.sanitizeText(x)).kinds) kinds[k] = (kinds[k] ?? 0) + 1;
}
console.log(freq, kinds);

import { readFileSync } from 'node:fs';
import { createFilter } from '@dais/shared';
import { readPairs } from '../scripts/eval-dedup';

/**
 * The questions of a rehearsed 2,000-question hour, built from tests/data: the labelled
 * duplicate pairs (the same question in other words, and look-alikes that are not),
 * clean questions with numbers, questions with personal data, plus the abuse, spam,
 * links, off-topic chatter and safeguarding concerns a real audience sends. Each is
 * marked with what a moderator should do with it, so a test can drive the team and
 * check the outcome. Deterministic: the same corpus on every run.
 */

/** What a question is, to a moderator. */
export type Kind =
  | 'question' // a fair question: approve (duplicates folded into one cluster)
  | 'offtopic' // chatter: reject
  | 'abusive' // insults: reject
  | 'link' // advertising: reject
  | 'spam' // the filter turns it away; never stored
  | 'personal' // personal data: redact (edit) then approve, or reject
  | 'safeguarding'; // a person must look: approve only with an edited text, or reject

/** What the moderator does with a held question (the held ones only). */
export type HeldPlan =
  | { action: 'reject' }
  | { action: 'approve-as-redacted' }
  | { action: 'edit-then-approve'; text: string }
  | { action: 'approve-with-edit'; text: string };

export interface PlannedQuestion {
  /** Order of arrival. */
  n: number;
  text: string;
  kind: Kind;
  /** Questions of one group are the same question: they should end in one cluster. */
  group: string;
  /** Personal data in the text: none of it may ever reach a public screen. */
  personal: string[];
  held?: HeldPlan;
  /** Milliseconds after the start of the (real, uncompressed) hour. */
  at: number;
  /** Which audience socket asks it (repeats of one text come from different askers). */
  asker: number;
}

const data = (name: string) =>
  readFileSync(new URL(`../data/${name}`, import.meta.url), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');

/** mulberry32: seeded, so a failing run can be replayed exactly. */
export function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Label-1 pairs joined transitively: each set is one question asked in several ways. */
function duplicateGroups(): string[][] {
  const parent = new Map<string, string>();
  const find = (text: string): string => {
    const up = parent.get(text) ?? text;
    if (up === text) return text;
    const root = find(up);
    parent.set(text, root);
    return root;
  };
  const pairs = ['dedup-en.tsv', 'dedup-zh.tsv'].flatMap((file) =>
    readPairs(new URL(`../data/${file}`, import.meta.url).pathname),
  );
  for (const { a, b, duplicate } of pairs) {
    for (const text of [a, b]) if (!parent.has(text)) parent.set(text, text);
    if (duplicate) parent.set(find(a), find(b));
  }
  const groups = new Map<string, string[]>();
  for (const text of parent.keys()) {
    const root = find(text);
    groups.set(root, [...(groups.get(root) ?? []), text]);
  }
  return [...groups.values()];
}

/**
 * The personal data in a text: what the filter's expected redaction replaces by a
 * placeholder (the text between the redaction's literal parts).
 */
export function personalFragments(text: string, redacted: string): string[] {
  const literals = redacted.split(/\[[^\]]+\]/);
  if (!text.startsWith(literals[0]!)) throw new Error(`cannot align ${JSON.stringify(text)}`);
  const fragments: string[] = [];
  let at = literals[0]!.length;
  for (let i = 1; i < literals.length; i++) {
    const literal = literals[i]!;
    const last = i === literals.length - 1;
    const end = last ? text.length - literal.length : text.indexOf(literal, at + 1);
    if (end <= at || (last && !text.endsWith(literal))) {
      throw new Error(`cannot align ${JSON.stringify(text)}`);
    }
    fragments.push(text.slice(at, end).trim());
    at = end + literal.length;
  }
  return fragments;
}

/** How a moderator would word a redaction: the placeholder dropped, the sentence kept. */
const redactionEdit = (redacted: string) =>
  redacted
    .replace(/\s*\[[^\]]+\]\s*/g, ' … ')
    .replace(/\s+/g, ' ')
    .trim();

const OFFTOPIC = [
  'Is this thing on?',
  'first!',
  "What's the wifi password here?",
  'Can you say hi to my mum?',
  'What did you have for lunch today?',
  'When does the buffet open?',
  'Hello from the back row!',
  'Are there free snacks after this?',
  'Who designed the stage lights? They look great',
  'Can we take selfies with you later?',
  'Where is the nearest bathroom?',
  'lol this is fun',
  '主持人今天的衣服真好看',
  '现场WiFi密码是多少？',
  '什么时候发纪念品？',
  '前排的朋友们好',
  '楼上说得对',
  '打卡',
  '今天天气真不错',
  '我是第一个提问的吗？',
  '散场后停车场怎么走？',
  '能不能把空调开小一点',
];

/** Caught by the profanity list (English) or the event's blocked terms (Chinese). */
const ABUSIVE = [
  'This whole event is shit',
  'What a load of crap, stop lying',
  'Go to hell with your fake charity',
  'You are a bunch of bastards',
  'Bullshit answers all night',
  'damn hypocrites on that stage',
  'this is a crap event for idiots',
  '这个大使就是个傻逼',
  '垃圾活动，浪费时间',
  '脑残才来听这种东西',
  '主持人是傻逼吧',
  '什么垃圾活动，退票！',
  '大使就是来作秀的，骗子',
];
export const BLOCKED_TERMS = ['傻逼', '垃圾活动', '脑残'];

const LINKS = [
  'Follow my channel t.me/kidsnews for more',
  'visit bit.ly/3abcDEF to win a free phone',
  '更多内容请看 abc.com 免费领取',
  'Free tablets for schools at www.example.org',
  '关注我的频道 x.cn/abc 每天抽奖',
];

/** Turned away by the filter (spam, no words): never stored. */
const SPAM = [
  'buy now buy now buy now buy now buy now',
  '哈哈哈哈哈哈哈哈哈哈哈哈',
  'WHY IS NOBODY ANSWERING MY QUESTION ABOUT SCHOOLS',
  '支持支持支持支持支持',
  '!!!!!!!!!!!!',
  'aaaaaaaaaaaaaaa',
  '👍👍👍👍',
  '🙂🙂',
];

/** Safeguarding concerns: a few can be asked in public in other words, the rest cannot. */
const SAFEGUARDING: { text: string; edit?: string }[] = [
  {
    text: 'How can we prevent suicide among teenagers?',
    edit: 'How can schools look after teenagers’ mental health?',
  },
  { text: '如何预防青少年自杀？', edit: '学校怎样关心青少年的心理健康？' },
  {
    text: 'How do we stop child abuse?',
    edit: 'How can communities keep children safe at home?',
  },
  { text: 'my friend said she wants to die, what should I do?' },
  { text: '爸爸经常打我，我该怎么办' },
  { text: '我不想活了' },
  { text: 'I cut myself again last night' },
  { text: 'he told me not to tell anyone' },
  { text: '小朋友加我微信，我们聊聊' },
  { text: 'are you home alone? send me a pic' },
];

/** What people put around a question they ask again (the server folds these into one cluster). */
const WRAPS_EN = [
  (text: string) => `Hi! ${text}`,
  (text: string) => `${text} Thanks!`,
  (text: string) => `Question for the ambassador: ${text}`,
];
const WRAPS_ZH = [
  (text: string) => `大使您好，${text}`,
  (text: string) => `${text}谢谢！`,
  (text: string) => `请问${text}`,
];
const isChinese = (text: string) => /\p{Script=Han}/u.test(text);

/** The shape of interest over the hour: a rush at the start, waves as answers come. */
function intensity(t: number, hour: number) {
  const x = t / hour;
  return 1 + 2.5 * Math.exp(-x * 12) + 0.8 * Math.sin(Math.PI * x * 6) ** 2;
}

/** Arrival times in [0, hour), `count` of them, from the intensity above (inverse CDF on a grid). */
function arrivals(count: number, hour: number, random: () => number): number[] {
  const steps = 3600;
  const cdf: number[] = [];
  let total = 0;
  for (let i = 0; i < steps; i++) {
    total += intensity(((i + 0.5) / steps) * hour, hour);
    cdf.push(total);
  }
  const times = Array.from({ length: count }, () => {
    const target = random() * total;
    let lo = 0;
    let hi = steps - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return ((lo + random()) / steps) * hour;
  });
  return times.sort((a, b) => a - b);
}

/** How many questions of each source: sized so three moderators have an hour's work. */
const MANY_WAYS = 200;
const ONE_WAY = 100;
const WITH_NUMBERS = 100;
const HOT_TOPICS = 80;

export interface Corpus {
  questions: PlannedQuestion[];
  /** Askers (audience sockets) the questions are spread over. */
  askers: number;
  hourMs: number;
}

/**
 * `total` questions over an hour from `askers` participants. About a third are asked
 * again by others (exactly, or wrapped in a greeting), most of them on a few hot topics.
 */
export function buildCorpus(total = 2000, askers = 160, hourMs = 3_600_000): Corpus {
  const random = seeded(4_2024);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const shuffled = <T>(items: readonly T[]) =>
    items
      .map((item) => ({ item, key: random() }))
      .sort((a, b) => a.key - b.key)
      .map(({ item }) => item);
  type Seed = Omit<PlannedQuestion, 'n' | 'at' | 'asker'>;
  const seeds: Seed[] = [];
  // Fair questions are the ones the filter lets through; the held ones are planned below.
  const passes = createFilter({ blockedTerms: BLOCKED_TERMS });
  const fair = (text: string) => passes(text).verdict === 'pass';
  const groups = duplicateGroups()
    .map((texts) => texts.filter(fair))
    .filter((texts) => texts.length > 0);
  // Most questions asked in several ways; some alone (among them look-alikes that are not the same).
  const asked = [
    ...shuffled(groups.filter((texts) => texts.length > 1)).slice(0, MANY_WAYS),
    ...shuffled(groups.filter((texts) => texts.length === 1)).slice(0, ONE_WAY),
  ];
  for (const [g, texts] of asked.entries()) {
    for (const text of texts) seeds.push({ text, kind: 'question', group: `g${g}`, personal: [] });
  }
  for (const [i, text] of shuffled(data('clean-with-numbers.txt').filter(fair))
    .slice(0, WITH_NUMBERS)
    .entries()) {
    seeds.push({ text, kind: 'question', group: `c${i}`, personal: [] });
  }
  for (const [i, row] of data('personal-data.tsv').slice(1).entries()) {
    const [text = '', redacted = ''] = row.split('\t');
    const edit = redactionEdit(redacted);
    const held: HeldPlan =
      i % 4 === 0 || [...edit.replace(/…/g, '')].filter((c) => /[\p{L}]/u.test(c)).length < 4
        ? { action: 'reject' }
        : i % 4 === 1
          ? { action: 'approve-as-redacted' }
          : { action: 'edit-then-approve', text: edit };
    seeds.push({
      text,
      kind: 'personal',
      group: `p${i}`,
      personal: personalFragments(text, redacted),
      held,
    });
  }
  for (const [i, { text, edit }] of SAFEGUARDING.entries()) {
    seeds.push({
      text,
      kind: 'safeguarding',
      group: `s${i}`,
      personal: [],
      held: edit ? { action: 'approve-with-edit', text: edit } : { action: 'reject' },
    });
  }
  const simple = (kind: Kind, texts: string[], prefix: string) =>
    texts.forEach((text, i) => seeds.push({ text, kind, group: `${prefix}${i}`, personal: [] }));
  simple('offtopic', OFFTOPIC, 'o');
  simple('abusive', ABUSIVE, 'a');
  simple('link', LINKS, 'l');
  simple('spam', SPAM, 'x');
  for (const seed of seeds) {
    if (seed.kind === 'link' || seed.kind === 'abusive') seed.held = { action: 'reject' };
  }

  // Asked again by others: hot topics (Zipf-like) among the fair questions with duplicates.
  const hot = shuffled(
    asked.map((texts, g) => ({ texts, group: `g${g}` })).filter(({ texts }) => texts.length > 1),
  ).slice(0, HOT_TOPICS);
  const repeats: Seed[] = [];
  for (let i = 0; seeds.length + repeats.length < total; i++) {
    // Skewed: the hottest topic is asked by some fifty people, the coolest by a few.
    const { texts, group } = hot[Math.floor(hot.length * random() ** 1.6)]!;
    const text = pick(texts);
    const wraps = isChinese(text) ? WRAPS_ZH : WRAPS_EN;
    repeats.push({
      text: random() < 0.6 ? text : pick(wraps)(text),
      kind: 'question',
      group,
      personal: [],
    });
  }
  const all = [...seeds, ...repeats].slice(0, total);
  // Shuffled, so every kind arrives throughout the hour.
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  const times = arrivals(all.length, hourMs, random);
  // Nobody asks the same question twice (the server would call it spam): each question,
  // whatever its words, goes round the askers.
  const askedBy = new Map<string, Set<number>>();
  const questions = all.map((seed, n) => {
    const taken = askedBy.get(seed.group) ?? new Set<number>();
    if (taken.size >= askers) throw new Error(`more askers needed for ${seed.group}`);
    let asker = Math.floor(random() * askers);
    while (taken.has(asker)) asker = (asker + 1) % askers;
    taken.add(asker);
    askedBy.set(seed.group, taken);
    return { ...seed, n, at: times[n]!, asker };
  });
  return { questions, askers, hourMs };
}

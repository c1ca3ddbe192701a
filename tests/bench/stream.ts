/**
 * A synthetic live-chat stream shaped like the seeds' largest thread: Chinese and
 * English questions from templates, many asked again in other words (duplicate
 * clusters), some with profanity, some carrying personal data. Deterministic for
 * a seed, so runs compare.
 */
const TOPICS_ZH = [
  '留守儿童',
  '校园欺凌',
  '儿童营养',
  '疫苗接种',
  '网络安全',
  '山区教育',
  '女童上学',
  '儿童心理健康',
  '难民儿童',
  '洪水灾区的孩子',
];
const TOPICS_EN = [
  'child refugees',
  'school meals',
  'online safety',
  'vaccines',
  'girls’ education',
  'child labour',
  'mental health',
  'clean water',
  'early childhood',
  'climate and children',
];
const ASKS_ZH = [
  '你怎么看{t}的问题？',
  '我们能为{t}做些什么？',
  '{t}最需要什么帮助？',
  '请问{t}现在情况怎么样？',
  '联合国儿童基金会如何帮助{t}？',
];
const ASKS_EN = [
  'What can we do about {t}?',
  'How is UNICEF helping with {t}?',
  'What do you think about {t}?',
  'Why does {t} matter so much to you?',
  'How can young people help with {t}?',
];
/** Ways people say the same thing again. */
const REWRITES = [
  (q: string) => q,
  (q: string) => q.toLowerCase().replace(/[?？]$/, ''),
  (q: string) => q.replace(/[?？]$/, '??'),
  (q: string) => `请问${q}`,
  (q: string) => `${q.replace(/[?？]$/, '')}呢？`,
  (q: string) => `Hi! ${q}`,
];
const PROFANE = ['damn', 'shit', 'bastard', 'crap'];
const PERSONAL = [
  '我家孩子走丢了，电话13912345678',
  'contact me at parent.li@example.com',
  '我在北京市海淀区中关村大街27号',
  '我的QQ是12345678',
];
const EXTRAS_ZH = ['', '谢谢！', '期待您的回答', '我是一名老师，', '作为家长，'];
const EXTRAS_EN = [
  '',
  'Thank you!',
  'Love your films.',
  'As a teacher,',
  'Greetings from Chengdu.',
];

export function buildStream(size: number, seed = 42): string[] {
  let state = seed >>> 0;
  const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

  const originals: string[] = [];
  const stream: string[] = [];
  for (let i = 0; i < size; i++) {
    const roll = random();
    if (roll < 0.4 && originals.length > 0) {
      stream.push(pick(REWRITES)(pick(originals))); // asked again
    } else if (roll < 0.45) {
      stream.push(`${pick(PERSONAL)}，${pick(ASKS_ZH).replace('{t}', pick(TOPICS_ZH))}`);
    } else if (roll < 0.5) {
      stream.push(`What the ${pick(PROFANE)} is going on with ${pick(TOPICS_EN)}?`);
    } else {
      const chinese = random() < 0.5;
      const question = chinese
        ? `${pick(EXTRAS_ZH)}${pick(ASKS_ZH).replace('{t}', pick(TOPICS_ZH))}第${i}个问题`
        : `${pick(EXTRAS_EN)} ${pick(ASKS_EN).replace('{t}', pick(TOPICS_EN))} (#${i})`.trim();
      originals.push(question);
      stream.push(question);
    }
  }
  return stream;
}

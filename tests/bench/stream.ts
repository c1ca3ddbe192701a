import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A live-chat stream shaped like the seeds' largest thread, deterministic for a seed:
 * real Chinese questions (LCQMC, from ../shared/data, or our own set where it is absent)
 * and English live-chat questions
 * (our labelled set plus templates), about 40% of them asked again in other words
 * (duplicate clusters), 5% carrying personal data, 5% with profanity.
 */
const LCQMC = fileURLToPath(new URL('../../../shared/data/lcqmc_dev.tsv', import.meta.url));
/** Our own Chinese pairs: the stream's Chinese questions where LCQMC is not beside the checkout. */
const CHINESE_OWN = fileURLToPath(new URL('../data/dedup-zh.tsv', import.meta.url));
const ENGLISH = fileURLToPath(new URL('../data/dedup-en.tsv', import.meta.url));
/** Where the stream's Chinese questions come from (benchmarks report it). */
export const CHINESE_SOURCE = existsSync(LCQMC) ? LCQMC : CHINESE_OWN;

/** What the English questions are about (bench:ingest's crowd asks about them too). */
export const TOPICS_EN = [
  'child refugees',
  'school meals',
  'online safety',
  'vaccines',
  'girls’ education',
  'child labour',
  'mental health',
  'clean water',
  'early childhood',
  'climate change',
  'your new film',
  'the drought in Kenya',
  'bullying at school',
  'screen time',
  'exam stress',
];
const ASKS_EN = [
  'What can we do about {t}?',
  'How is UNICEF helping with {t}?',
  'What do you think about {t}?',
  'Why does {t} matter so much to you?',
  'How can young people help with {t}?',
  'What surprised you most about {t}?',
  'Has {t} changed since you started?',
];
const OPENERS_EN = ['', 'Hi! ', 'As a teacher, ', 'Greetings from Chengdu. ', 'Big fan here. '];
/** Ways people say the same thing again. */
const REWRITES = [
  (q: string) => q,
  (q: string) => q.toLowerCase().replace(/[?？]$/, ''),
  (q: string) => q.replace(/[?？]$/, '??'),
  (q: string) => (/[\u4e00-\u9fff]/.test(q) ? `请问${q}` : `Please tell us: ${q}`),
  (q: string) => (/[\u4e00-\u9fff]/.test(q) ? `${q.replace(/[?？]$/, '')}呢？` : `Hi! ${q}`),
];
const PROFANE = ['damn', 'shit', 'bastard', 'crap'];
const PERSONAL = [
  '我家孩子走丢了，电话13912345678，',
  'contact me at parent.li@example.com ',
  '我在北京市海淀区中关村大街27号，',
  '我的QQ是12345678，',
];

function questionPool(): string[] {
  const column = (file: string, header: boolean) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .slice(header ? 1 : 0)
      .flatMap((line) => line.split('\t').slice(0, 2))
      .filter((q) => q.trim().length > 0);
  const english = TOPICS_EN.flatMap((t) =>
    ASKS_EN.flatMap((ask) => OPENERS_EN.map((open) => open + ask.replace('{t}', t))),
  );
  return [...new Set([...column(CHINESE_SOURCE, true), ...column(ENGLISH, true), ...english])];
}

export function buildStream(size: number, seed = 42): string[] {
  let state = seed >>> 0;
  const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

  const pool = questionPool();
  const asked: string[] = [];
  const stream: string[] = [];
  for (let i = 0; i < size; i++) {
    const roll = random();
    if (roll < 0.4 && asked.length > 0) stream.push(pick(REWRITES)(pick(asked)));
    else if (roll < 0.45) stream.push(pick(PERSONAL) + pick(pool));
    else if (roll < 0.5) stream.push(`What the ${pick(PROFANE)}? ${pick(pool)}`);
    else {
      const question = pick(pool);
      asked.push(question);
      stream.push(question);
    }
  }
  return stream;
}

/**
 * The filter's fast paths and pre-checks must decide exactly as the full checks.
 * Each check here is called twice: on a text, and on the same text with something
 * appended or prepended that changes nothing but sends it down the slow path
 * (a '\r' to drop, an emoji separator, an 'ſ' that the pre-check cannot rule out).
 */
import { describe, expect, it } from 'vitest';
import {
  createBlockedTermMatcher,
  hasSafeguardingSignal,
  looksLikeSpam,
  redactPersonalData,
  sanitizeText,
} from '@dais/shared';

/** mulberry32: a seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const pickFrom =
  (next: () => number) =>
  <T>(items: readonly T[]): T =>
    items[Math.floor(next() * items.length)]!;

/** Runs and repeats of a unit, in either case, between bits of ordinary text. */
function spammy(count: number, seed: number): string[] {
  const next = random(seed);
  const pick = pickFrom(next);
  // µ, Μ and μ are one letter to `iu`, and µ is lower case: a fast path must not skip them.
  const units = [
    'a',
    'o',
    '哈',
    '好的',
    'buy now',
    'good',
    '支持',
    'ha',
    '!',
    '！',
    '？',
    '1',
    '·',
    'µ',
    'μ',
  ];
  const separators = ['', '', ' ', '，', ',', '! ', '、', '\t', '…'];
  const around = ['', '', '请问', 'Why ', 'THE BEST ', '谢谢！', ' 123 ', 'WHAT IS GOING ON', 'Μ'];
  return Array.from({ length: count }, () => {
    const unit = pick(units);
    const separator = pick(separators);
    const times = 1 + Math.floor(next() * 12);
    const body = Array.from({ length: times }, () =>
      next() < 0.3 ? unit.toUpperCase() : unit,
    ).join(separator);
    return pick(around) + body + pick(around);
  });
}

const LEET: Readonly<Record<string, string[]>> = {
  a: ['4', '@'],
  s: ['5', '$'],
  e: ['3'],
  o: ['0'],
  t: ['7'],
  i: ['1'],
  l: ['1'],
};

/** Terms disguised (case, leetspeak, stretched, spaced out), some broken, in some text. */
function disguised(terms: readonly string[], count: number, seed: number): string[] {
  const next = random(seed);
  const pick = pickFrom(next);
  const around = ['', '', 'what ', '你这个', 'class ', 'x', 'the ', ' 1 ', '！'];
  return Array.from({ length: count }, () => {
    const separator = pick(['', '', '', ' ', '.', '-', '，']);
    let chars = [...pick(terms)].map((char) => {
      const roll = next();
      if (roll < 0.2 && LEET[char]) return pick(LEET[char]!);
      if (roll < 0.35) return char.toUpperCase();
      if (roll < 0.45) return char.repeat(2 + Math.floor(next() * 3));
      return char;
    });
    if (next() < 0.2) chars = chars.filter((_, i) => i !== Math.floor(next() * chars.length));
    if (next() < 0.1) chars.push(pick(['s', 'x', '子']));
    return pick(around) + chars.join(separator) + pick(around);
  });
}

describe('sanitizeText', () => {
  it('cleans every UTF-16 code unit, in context, as its slow path does', () => {
    const differ: string[] = [];
    for (let unit = 0; unit <= 0xffff; unit++) {
      const char = String.fromCharCode(unit);
      for (const text of [`a${char}b`, char, ` ${char}${char} `, `中${char}文，`]) {
        // '\r' is invisible: dropped, but it sends the text down the slow path.
        if (sanitizeText(text) !== sanitizeText(`${text}\r`)) differ.push(text);
      }
    }
    expect(differ).toEqual([]);
  });
});

describe('looksLikeSpam', () => {
  const texts = [
    ...spammy(8000, 1),
    'aaaaaaaa',
    'aaaaaaa',
    'AaAaAaAa',
    '!!!!!!!!!!',
    '!!!!!!!!!',
    '1111111111111',
    '          x',
    'WHY IS NOBODY ANSWERING MY QUESTION',
    'Why Is Nobody Answering My Question',
  ];

  it('finds runs, repeats and shouting', () => {
    const spam = texts.filter((text) => looksLikeSpam(text)).length;
    expect(spam).toBeGreaterThan(1000);
    expect(texts.length - spam).toBeGreaterThan(1000);
  });

  it('decides as the full RegExps do', () => {
    // A leading emoji and space cannot join a run or a repeat, and the emoji is not cased.
    expect(texts.filter((text) => looksLikeSpam(text) !== looksLikeSpam(`😀 ${text}`))).toEqual([]);
  });
});

describe('blocked terms', () => {
  const terms = ['bad', 'ass', 'kill', 'blow job', '坏蛋', '垃圾', '8964', 'scam', '骗子'];
  const matcher = createBlockedTermMatcher(terms);
  const texts = disguised(terms, 20000, 3);

  it('finds terms often enough for the comparison to mean something', () => {
    const found = texts.filter(matcher).length;
    expect(found).toBeGreaterThan(2000);
    expect(texts.length - found).toBeGreaterThan(2000);
  });

  it('folds on the fast path exactly as on the slow one', () => {
    // An emoji is a separator: it ends the last word and changes nothing else.
    expect(texts.filter((text) => matcher(text) !== matcher(`${text} 😀`))).toEqual([]);
  });
});

describe('safeguarding pre-check', () => {
  /** A text for every signal. */
  const signals = [
    ...['我想死', '我不想活了', '活不下去', '活着没意思', '想自杀', '轻生', '寻死', '割腕'],
    ...['自残', '自伤', '想跳楼', '结束自己的生命', '了结自己', '吃安眠药', '他打我'],
    ...['被他打伤', '被同学们打哭', '家暴', '虐待', '性侵', '猥亵', '强奸', '叔叔摸我'],
    ...['让我脱衣服', '脱我的衣服', '他不让我告诉', '不许我告诉', '不准我告诉', '别告诉别人'],
    ...['不要告诉别人', '不能告诉别人', '他威胁我', '把我关起来', '把我关在家'],
    ...['加我qq', '加我好友', '加个微信', '加微信', '私聊我', '发张照片给我', '发视频给我'],
    ...['给我发张自拍', '发你的照片', '发一张你的相片', '你几岁', '你多大了', '你今年几岁'],
    ...['一个人在家吗', '家里有人吗', '你爸妈在家吗', '出来见面', '见个面', '单独见面'],
    ...['我们的小秘密', '别告诉你的老师', '你家住哪', '你家住在哪', '你是哪个学校的'],
    ...['I feel suicidal', 'he kills himself', 'ending it all', 'end my life'],
    ...['take my own life', 'she wants to die', 'I wanna die', 'I wish I were dead'],
    ...['better off dead', "I don't want to live", 'do not want to be alive'],
    ...['no reason to live', 'cutting herself', 'starving themselves', 'self-harm', 'selfharm'],
    ...['an overdose', 'my stepdad hits me', 'my coach always kicked me', 'someone choked me'],
    ...['he touches me down there', 'touched my private parts', 'he was abusive', 'molested'],
    ...['raped', 'a rapist', 'sexually assaulted', 'he makes me undress', 'make me touch it'],
    ...['he tells me not to tell', 'never tell anybody', "don't tell your mum"],
    ...['send me your selfies', 'send nudes', 'are u alone', 'r you home alone', 'how old r u'],
    ...["let's meet", 'meet up with me', 'come and meet me', 'where do u live'],
    ...['what school do you go to', 'keep this a secret', 'our secret', 'dm me on insta'],
    ...['text me at 5', 'give me your snapchat', 'tell me your address'],
  ];
  const others = [
    '我想死你了',
    '跳楼价',
    '打我电话',
    'This song really hits me',
    'Let us keep in touch',
    'Can we meet the ambassador?',
    'Kids die of hunger every day',
    'What is the secret of your success?',
  ];
  const variants = (text: string) => [
    text,
    text.toUpperCase(),
    `请问，${text}？`,
    `So ${text}!`,
    text.replace(/s/g, 'ſ'),
    text.replace(/k/g, '\u212A'),
  ];

  it('holds a text for every signal, in any case', () => {
    expect(signals.filter((text) => !hasSafeguardingSignal(text))).toEqual([]);
    expect(others.filter((text) => hasSafeguardingSignal(text))).toEqual([]);
  });

  it('never rules out a text the full RegExp would hold', () => {
    // Any 'ſ' passes the pre-check, so the full RegExp decides; the ' ſ' completes nothing.
    const texts = [...signals, ...others].flatMap(variants);
    expect(
      texts.filter((text) => hasSafeguardingSignal(text) !== hasSafeguardingSignal(`${text} ſ`)),
    ).toEqual([]);
  });
});

describe('personal data pre-checks', () => {
  it('find cue words in any case the detectors accept, ſ for s included', () => {
    expect(redactPersonalData('whatſapp 5551234')).toEqual({
      redacted: 'whatſapp [phone]',
      kinds: ['phone'],
    });
    expect(redactPersonalData('WeChat: Kid_2024').kinds).toEqual(['wechat']);
    expect(redactPersonalData('I LIVE AT 12 OAK STREET').kinds).toEqual(['address']);
  });

  it('run a detector after an earlier one changed the text', () => {
    expect(redactPersonalData('电话13812345678 身份证110101200501011239')).toEqual({
      redacted: '电话[电话] 身份证[身份证号]',
      kinds: ['id-number', 'phone'],
    });
  });
});

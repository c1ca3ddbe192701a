/**
 * Personal data in Chinese and English questions: what could let a stranger find or
 * contact a child. Each detector is one linear-time RegExp (bounded quantifiers, and
 * lookbehinds so a match can only start where a number or word starts); context such
 * as "QQ" or "微信" sits in a lookbehind, so only the value itself is redacted.
 * Plain numbers (years, counts, prices, dates, scores, ages) match none of them: a
 * bare number needs the shape of a phone (1[3-9]x and 11 digits, a 0 area code, a +
 * country code, 3-3-4 digits) or an ID (a valid date and check digit), or a keyword.
 * Chinese punctuation is read as its ASCII twin ("（010）" as "(010)"), so the text
 * keeps it as typed. Most questions hold no personal data: each detector has a cheap
 * pre-check (digits counted in one pass, cue words looked up once by RegExps of
 * literals) and runs only when it passes.
 */
import { anyOf } from './keywords';

export type PersonalDataKind =
  'phone' | 'email' | 'id-number' | 'qq' | 'wechat' | 'address' | 'school-class';

/** Placeholders name what was removed, in the question's language. */
const PLACEHOLDERS: Readonly<Record<PersonalDataKind, { zh: string; en: string }>> = {
  phone: { zh: '[电话]', en: '[phone]' },
  email: { zh: '[邮箱]', en: '[email]' },
  'id-number': { zh: '[身份证号]', en: '[ID number]' },
  qq: { zh: '[QQ]', en: '[QQ]' },
  wechat: { zh: '[微信]', en: '[WeChat]' },
  address: { zh: '[地址]', en: '[address]' },
  'school-class': { zh: '[学校班级]', en: '[school and class]' },
};

/**
 * Strings detectors need (as RegExps of literals): a detector whose cue is absent
 * from the text cannot match it, and is not run. Case as in the detector's flags.
 */
const CUES = {
  /**
   * Any cue of the detectors that need no digit (at, bracketAt, spacedAt, wechat,
   * cnGradeClass, enGrade; in any case): most questions have none of them.
   */
  rare: /@|at[)）\]]|\sat\s|微信|威信|薇信|v信|vx|wx|wechat|weixin|年级|[初高][一二三]|班|grade|year|class|kindergarten/i,
  at: /@/,
  /** "kid(at)…", as spelled-out addresses have it. */
  bracketAt: /at[)）\]]/i,
  /** "kid at example dot com": the other spelling needs both words. */
  spacedAt: /\sat\s/i,
  dotWord: /dot/i,
  tld: anyOf(['com', 'net', 'org', 'edu', 'cn']),
  dot: anyOf(['.', 'dot']),
  idWord: /身份证/,
  dash: /-/,
  plus: /\+/,
  qq: anyOf(['qq', '扣扣', '企鹅', '球球']),
  wxid: anyOf(['wxid_']),
  wechat: anyOf(['微信', '威信', '薇信', 'v信', 'vx', 'wx', 'wechat', 'weixin']),
  phoneWord: anyOf([
    '电话',
    '手机',
    '座机',
    '联系方式',
    'tel',
    'phone',
    'mobile',
    'cell',
    'whatsapp',
    'call me',
    'text me',
  ]),
  building: /[号栋幢座]/,
  liveWord: anyOf(['live', 'stay', 'address']),
  /** The ends of CN_SCHOOL: 小学 中学 初中 高中 学校 幼儿园 附小 附中 一中. */
  cnSchool: /[学中园]|附小/,
  cnGradeClass: /年级|[初高][一二三]|班/,
  /** EN_SCHOOL and EN_GRADE are case-sensitive. */
  enSchool: /Elementary|Primary|Middle|High|Secondary|Grammar|School|Academy/,
  enGrade: /[Gg]rade|[Yy]ear|[Cc]lass|[Kk]indergarten/,
} as const;
type Cue = keyof typeof CUES;
const CUE_BITS = Object.fromEntries(Object.keys(CUES).map((cue, i) => [cue, 1 << i])) as Record<
  Cue,
  number
>;

/** What a text holds, for the detectors' pre-checks. */
class Facts {
  /** ASCII digits (`\d`). */
  readonly digits: number;
  /** The longest run of ASCII digits. */
  readonly digitRun: number;
  /** ASCII digits and Chinese numerals (DIGIT below). */
  readonly numerals: number;
  /** Cues looked for, and found, one bit each. */
  private looked = 0;
  private found = 0;

  constructor(readonly text: string) {
    let digits = 0;
    let numerals = 0;
    let run = 0;
    let digitRun = 0;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (unit >= 48 && unit <= 57) {
        digits++;
        numerals++;
        if (++run > digitRun) digitRun = run;
      } else {
        run = 0;
        if (unit >= 0x3007 && isChineseNumeral(unit)) numerals++;
      }
    }
    this.digits = digits;
    this.numerals = numerals;
    this.digitRun = digitRun;
  }

  /** Is the cue in the text? Looked for once, when first asked. */
  has(cue: Cue): boolean {
    const bit = CUE_BITS[cue];
    if ((this.looked & bit) === 0) {
      this.looked |= bit;
      if (CUES[cue].test(this.text)) this.found |= bit;
    }
    return (this.found & bit) !== 0;
  }
}

/** 〇零一二三四五六七八九 */
function isChineseNumeral(unit: number): boolean {
  switch (unit) {
    case 0x3007: // 〇
    case 0x96f6: // 零
    case 0x4e00: // 一
    case 0x4e8c: // 二
    case 0x4e09: // 三
    case 0x56db: // 四
    case 0x4e94: // 五
    case 0x516d: // 六
    case 0x4e03: // 七
    case 0x516b: // 八
    case 0x4e5d: // 九
      return true;
    default:
      return false;
  }
}

/** A house number before a capitalised word: the start of an English street address. */
const NUMBER_THEN_CAPITAL = /\d[A-Za-z]?\s+[A-Z]/u;

interface Detector {
  kind: PersonalDataKind;
  /** False when the pattern cannot match: a cheap necessary condition. */
  mayMatch: (facts: Facts) => boolean;
  pattern: RegExp;
  /** A further check on the match (an ID's check digit). */
  isValid?: (match: string) => boolean;
}

const detector = (
  kind: PersonalDataKind,
  mayMatch: Detector['mayMatch'],
  source: string,
  flags = 'giu',
  isValid?: (match: string) => boolean,
): Detector => ({
  kind,
  mayMatch,
  pattern: new RegExp(source, flags),
  ...(isValid && { isValid }),
});

/** "[Gg]rade": a word as it may start a sentence or not. */
const anyFirstCase = (word: string) =>
  `[${word[0]?.toUpperCase()}${word[0]?.toLowerCase()}]${word.slice(1)}`;

// ---- Building blocks -----------------------------------------------------------

/** Separators people put between digit groups. */
const SEP = '[ -]';
/** A digit, also as a Chinese numeral, as people spell out numbers to slip past filters. */
const DIGIT = String.raw`[\d〇零一二三四五六七八九]`;
/** After a keyword: "QQ：", "微信号是", "phone number is". */
const LEAD = String.raw`\s{0,2}(?:号码|号|id|number|no\.?)?\s{0,2}(?:[:：是为]|is)?\s{0,2}`;
/** Stricter: an explicit ":" or "是", before values that are plain words. */
const STRICT_LEAD = String.raw`\s{0,2}(?:号|id)?\s{0,2}[:：是为]\s{0,2}`;

/**
 * A Han character that can be part of a place or school name: not one of the
 * function words that usually come before one ("我家住在…", "我们学校的…").
 */
const HAN_NAME = String.raw`[^\P{sc=Han}住在是的了我你他她它们这那所哪每各该本全家到去来从往于给叫问想要请年月日]`;
const COMMON_SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤欧';
/** A Chinese name: a common surname and one or two more characters. */
const CHINESE_NAME = String.raw`的?[${COMMON_SURNAMES}][^\P{sc=Han}住在是的了我你他她们同学老师说问想和]{1,2}`;

const CN_GRADE = String.raw`(?:[一二三四五六七八九\d]{1,2}年级|[初高][一二三](?:年级)?)`;
const CN_CLASS = String.raw`[(（]?[一二三四五六七八九十\d]{1,2}[)）]?班`;
const CN_SCHOOL = String.raw`${HAN_NAME}(?:${HAN_NAME}|\d){0,15}(?:小学|中学|初中|高中|学校|幼儿园|附小|附中|[一二三四五六七八九十\d]中)`;

const EN_WORD = '[A-Z][a-z]+';
const EN_NAME = `${EN_WORD}(?: ${EN_WORD})?`;
/** Lincoln, St. Mary's */
const EN_PROPER = String.raw`[A-Z][a-z]+(?:'s)?\.?`;
const EN_SCHOOL = String.raw`(?:${EN_PROPER}\s+){1,3}(?:(?:Elementary|Primary|Middle|High|Secondary|Grammar)(?:\s+School)?|School|Academy)\b`;
const ORDINAL_WORDS =
  'first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth'.split(' ');
const EN_ORDINAL = String.raw`(?:\d{1,2}(?:st|nd|rd|th)|${ORDINAL_WORDS.map(anyFirstCase).join('|')})`;
const EN_GRADE = String.raw`(?:(?:${anyFirstCase('grade')}|${anyFirstCase('year')}|${anyFirstCase('class')})\s+\d{1,2}[A-Za-z]?\b|${EN_ORDINAL}[\s-]+grade\b|${anyFirstCase('kindergarten')})`;

const STREET_TYPES =
  'Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Crescent|Highway|Hwy';
/** A house number, but not a year ("In 2020 Supreme Court…"). */
const HOUSE_NUMBER = String.raw`(?!(?:19|20)\d\d\b)\d{1,5}[A-Za-z]?`;
const EN_STREET = String.raw`(?:${STREET_TYPES.split('|').map(anyFirstCase).join('|')})\b\.?(?:[,，]?\s*(?:Apt|Apartment|Unit|Suite|#)\.?\s*[\dA-Za-z]{1,5}\b)?`;

/** GB 11643 / ISO 7064 MOD 11-2 check digit of an 18-character resident ID. */
export function hasValidIdCheckDigit(id: string): boolean {
  const chars = id.replace(/ /g, '').toUpperCase();
  if (chars.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(chars[i]) * (2 ** (17 - i) % 11);
  return chars[17] === '10X98765432'[sum % 11];
}

const DATE_OF_BIRTH = String.raw`(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])`;

/**
 * In order: emails and IDs first (they contain digit runs), then contacts introduced
 * by a keyword, then bare phone numbers, then places. Each sees the previous
 * placeholders, which contain no digits. A pattern led by a lookbehind starts with a
 * lookahead for its first character, which the pattern implies: it changes no match,
 * but lets the engine pass over other positions without looking behind them.
 */
const DETECTORS: readonly Detector[] = [
  detector(
    'email',
    (f) => f.has('rare') && f.has('at'),
    String.raw`(?=[\w.%+-])(?<![\w.%+-])[\w.%+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,8}\.[a-z]{2,24}(?![a-z0-9-])`,
  ),
  // Spelled out: kid(at)example.com, kid at example dot com.
  detector(
    'email',
    (f) =>
      f.has('rare') &&
      f.has('tld') &&
      ((f.has('bracketAt') && f.has('dot')) || (f.has('spacedAt') && f.has('dotWord'))),
    String.raw`(?=[\w.%+-])(?<![\w.%+-])[\w.%+-]{1,64}(?:\s?[(（\[]at[)）\]]\s?[a-z0-9-]{1,63}(?:\.|\s?[(（\[]dot[)）\]]\s?|\sdot\s)|\sat\s[a-z0-9-]{1,63}(?:\s?[(（\[]dot[)）\]]\s?|\sdot\s))(?:com|net|org|edu|cn)\b`,
  ),
  detector(
    'id-number',
    (f) => f.digits >= 17 && f.digitRun >= 6,
    String.raw`(?=[1-9])(?<![\dA-Za-z])[1-9]\d{5} ?(?:18|19|20)\d{2}${DATE_OF_BIRTH} ?\d{3}[\dXx](?![\dA-Za-z])`,
    'gu',
    hasValidIdCheckDigit,
  ),
  // The first-generation 15-digit ID: area, yymmdd, sequence.
  detector(
    'id-number',
    (f) => f.digitRun >= 15,
    String.raw`(?=[1-9])(?<![\dA-Za-z])[1-9]\d{7}${DATE_OF_BIRTH}\d{3}(?![\dA-Za-z])`,
  ),
  // After the word 身份证 any 15 or 18 characters are an ID, even with a typo.
  detector(
    'id-number',
    (f) => f.digitRun >= 15 && f.has('idWord'),
    String.raw`(?=\d)(?<=身份证(?:号码|号)?\s{0,2}[:：是为]?\s{0,2})(?:\d{17}[\dXx]|\d{15})(?![\dA-Za-z])`,
  ),
  // US social security number.
  detector(
    'id-number',
    (f) => f.digits >= 9 && f.has('dash'),
    String.raw`(?=\d)(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])`,
  ),
  detector(
    'qq',
    (f) => f.numerals >= 5 && f.has('qq'),
    String.raw`(?=${DIGIT})(?<=(?<![a-z])(?:qq|扣扣|企鹅|球球)群?${LEAD})(?![0〇零])${DIGIT}{5,11}(?!${DIGIT})`,
  ),
  detector(
    'wechat',
    (f) => f.has('rare') && f.has('wechat') && f.has('wxid'),
    String.raw`(?=w)(?<![a-z0-9])wxid_[a-z0-9_-]{4,24}`,
  ),
  // A WeChat id with a digit, '_' or '-' (or a phone number); a plain word only after ":" or "是".
  detector(
    'wechat',
    (f) => f.has('rare') && f.has('wechat'),
    String.raw`(?=[a-z0-9])(?<=(?<![a-z])(?:微信|威信|薇信|v信|vx|wx|wechat|weixin)${LEAD})(?=[a-z]{0,19}[\d_-])[a-z0-9][\w-]{4,19}(?![\w-])`,
  ),
  detector(
    'wechat',
    (f) => f.has('rare') && f.has('wechat'),
    String.raw`(?=[a-z])(?<=(?<![a-z])(?:微信|威信|薇信|v信|vx|wx|wechat|weixin)${STRICT_LEAD})[a-z][\w-]{5,19}(?![\w-])`,
  ),
  detector(
    'phone',
    (f) => f.numerals >= 6 && f.has('phoneWord'),
    String.raw`(?=[+\d〇零一二三四五六七八九])(?<=(?:电话|手机|座机|联系方式|(?<![a-z])(?:tel|phone|mobile|cell|whatsapp|call me(?: at| on)?|text me(?: at| on)?))${LEAD})\+?${DIGIT}(?:[ .-]?${DIGIT}){5,14}(?!${DIGIT})`,
  ),
  // Chinese mobile: 1[3-9] and 9 more digits, optionally +86, in groups or in numerals.
  detector(
    'phone',
    (f) => f.numerals >= 11,
    String.raw`(?=[(（+01一])(?<![+]|${DIGIT})(?:[(（]?(?:\+|00)86[)）]?${SEP}?)?[1一]${SEP}?[3-9三四五六七八九](?:${SEP}?${DIGIT}){9}(?!${DIGIT})`,
  ),
  // Chinese landline: an area code starting with 0, then 7 or 8 digits.
  detector(
    'phone',
    (f) => f.digits >= 10,
    String.raw`(?=[(（0])(?<!\d)(?:[(（]0\d{2,3}[)）]|0\d{2,3})${SEP}?\d{3,4}${SEP}?\d{4}(?!\d)`,
  ),
  // International: + country code and 7 to 15 digits in all.
  detector(
    'phone',
    (f) => f.digits >= 7 && f.has('plus'),
    String.raw`(?=\+)(?<![\w+])\+[1-9](?:[ .-]?[(（]?\d[)）]?){6,14}(?!\d)`,
  ),
  // North American: 415-555-2671, (415) 555-2671.
  detector(
    'phone',
    (f) => f.digits >= 10,
    String.raw`(?=[(（\d])(?<![\d-])(?:[(（]\d{3}[)）] ?|\d{3}[-. ])\d{3}[-. ]\d{4}(?![\d-])`,
  ),
  detector(
    'address',
    (f) => f.digits >= 1 && f.has('building'),
    [
      // …路/街/大道/巷/弄 + number 号, then building, unit and room.
      String.raw`${HAN_NAME}{1,20}(?:路|街|大街|大道|巷|弄|胡同)(?:\d{1,4}[弄巷])?\d{1,5}(?:[-之]\d{1,4})?号[院楼]?(?:${HAN_NAME}{1,10}(?:大厦|大楼|公寓|小区|花园|中心))?`,
      // A housing estate and a building number.
      String.raw`${HAN_NAME}{2,20}(?:小区|花园|公寓|大厦|新村|家园|社区|苑|村)(?:\d{1,2}期)?\d{1,4}(?:号楼|栋|幢|座|号)`,
      // Just building and unit or room: 3栋2单元501室.
      String.raw`\d{1,4}(?:号楼|栋|幢)(?=\d{1,4}(?:单元|室))`,
    ]
      .map(
        (alternative) =>
          `(?:${alternative})(?:\\d{1,4}(?:号楼|栋|幢|座|单元|层|楼|室|户)|-\\d{1,4})*(?:\\d{3,4})?`,
      )
      .join('|'),
  ),
  // 12 Oak Street (a capitalised name), or after "live at": 12 oak street.
  detector(
    'address',
    (f) => f.digits >= 1 && NUMBER_THEN_CAPITAL.test(f.text),
    String.raw`\b${HOUSE_NUMBER}\s+(?:${EN_WORD}\.?\s+){1,3}${EN_STREET}`,
    'gu',
  ),
  detector(
    'address',
    (f) => f.digits >= 1 && f.has('liveWord'),
    String.raw`(?=\d)(?<=\b(?:live|lives|living|stay|stays|address is|address[:：])\s{1,2}(?:at\s|on\s)?\s{0,2})\d{1,5}[a-z]?\s+(?:[a-z]+\.?\s+){1,3}(?:${STREET_TYPES})\b\.?`,
  ),
  // School with grade and class, or with grade or class and a name.
  detector(
    'school-class',
    (f) => f.has('rare') && f.has('cnGradeClass') && f.has('cnSchool'),
    String.raw`${CN_SCHOOL}的?(?:${CN_GRADE}${CN_CLASS}(?:${CHINESE_NAME})?|(?:${CN_GRADE}|${CN_CLASS})${CHINESE_NAME})`,
  ),
  detector(
    'school-class',
    (f) => f.has('rare') && f.has('enGrade') && f.has('enSchool'),
    [
      // Tom in grade 3 at Lincoln Elementary; Sophie, grade 2, Oakwood Primary
      String.raw`(?:${EN_NAME}[,，]?\s+)?(?:(?:is|am)\s+)?(?:in\s+(?:the\s+)?)?${EN_GRADE}[,，]?\s+(?:(?:at|of|in)\s+)?${EN_SCHOOL}`,
      // a 3rd grader at Lincoln Elementary
      String.raw`(?:${EN_NAME}\s+)?(?:(?:is|am)\s+)?an?\s+${EN_ORDINAL}[\s-]+grader\s+(?:at|of|in)\s+${EN_SCHOOL}`,
      // Lincoln Elementary, class 3B, Amy Chen
      String.raw`${EN_SCHOOL}[,，]?\s+${EN_GRADE}(?:[,，]?\s+${EN_NAME})?`,
    ].join('|'),
    'gu',
  ),
];

const HAN = /\p{sc=Han}/u;

/**
 * Replaces personal data with placeholders in the text's language (Chinese when it
 * has any Chinese character) and lists what kinds were found.
 *
 * @example redactPersonalData('打13812345678找我')
 *   // { redacted: '打[电话]找我', kinds: ['phone'] }
 * @example redactPersonalData('Mail me: kid@example.com')
 *   // { redacted: 'Mail me: [email]', kinds: ['email'] }
 */
export function redactPersonalData(text: string): {
  redacted: string;
  kinds: PersonalDataKind[];
} {
  let language: 'zh' | 'en' | undefined;
  let kinds: Set<PersonalDataKind> | undefined;
  let redacted = text;
  let facts = new Facts(text);
  // Every detector needs a digit, five numerals, or a rare cue: most questions are done.
  if (facts.digits === 0 && facts.numerals < 5 && !facts.has('rare')) {
    return { redacted: text, kinds: [] };
  }
  for (const { kind, mayMatch, pattern, isValid } of DETECTORS) {
    if (!mayMatch(facts)) continue;
    let found = false;
    const next = redacted.replace(pattern, (match) => {
      if (isValid && !isValid(match)) return match;
      found = true;
      (kinds ??= new Set()).add(kind);
      return PLACEHOLDERS[kind][(language ??= HAN.test(text) ? 'zh' : 'en')];
    });
    if (found) {
      redacted = next;
      facts = new Facts(redacted);
    }
  }
  return { redacted, kinds: kinds ? [...kinds] : [] };
}

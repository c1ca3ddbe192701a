/**
 * Signs that a child may be at risk, in Chinese and English: self-harm, abuse
 * disclosed, and grooming (an adult asking a child for contact, photos, age,
 * whether they are alone, or to meet).
 *
 * Decision: topic mentions are held too, not only first-person disclosures. "How can
 * we prevent suicide among teenagers?" goes to a moderator, who approves it in one
 * click; a disclosure is often phrased in the third person ("my friend wants to die")
 * or as a question, and telling them apart by grammar would miss some. A missed
 * child costs far more than a moderator's glance. Phrases are chosen to be specific
 * ("hits me", not "hit"; "想死" but not "想死你了"; "跳楼" but not "跳楼价").
 */

import { anyOf } from './keywords';

/**
 * A pattern with the literal strings ("anchors") of which every match contains at
 * least one; a plain string is a literal and its own anchor. A text holding no anchor
 * (in any case) cannot match, so the RegExp is not run on it.
 */
type Signal = string | readonly [pattern: string, ...anchors: string[]];

const SELF_HARM: Signal[] = [
  [String.raw`想死(?![你您他她])`, '想死'],
  '不想活',
  '活不下去',
  '活着没意思',
  '自杀',
  '轻生',
  '寻死',
  '割腕',
  '自残',
  '自伤',
  [String.raw`跳楼(?!价|甩卖|大甩卖)`, '跳楼'],
  ['结束(?:自己的)?生命', '生命'],
  '了结自己',
  '吃安眠药',
  [String.raw`\bsuicid`, 'suicid'],
  [String.raw`\bkill(?:s|ed|ing)? (?:my|him|her|them|your)sel(?:f|ves)\b`, 'kill'],
  [
    String.raw`\bend(?:ing)? (?:my|it) (?:life|all)\b`,
    'end my',
    'end it',
    'ending my',
    'ending it',
  ],
  [String.raw`\btake my (?:own )?life\b`, 'take my'],
  [String.raw`\b(?:wants?|wanted|wanna) (?:to )?die\b`, ' die'],
  [String.raw`\bwish (?:i|I) (?:was|were) dead\b`, ' dead'],
  [String.raw`\bbetter off dead\b`, 'better off dead'],
  [String.raw`\b(?:don'?t|do not) want to (?:live|be alive)\b`, ' want to '],
  [String.raw`\bno reason to live\b`, 'no reason to live'],
  [
    String.raw`\b(?:cut|cuts|cutting|hurt|hurts|hurting|harm|harms|harming|harmed|starve|starves|starving|starved) (?:my|him|her|them)sel(?:f|ves)\b`,
    'mysel',
    'himsel',
    'hersel',
    'themsel',
  ],
  [String.raw`\bself[- ]?harm`, 'harm'],
  [String.raw`\boverdose`, 'overdose'],
];

/** Who might hurt a child, for "<someone> hits me". */
const SOMEONE = String.raw`(?:he|she|they|dad|daddy|mom|mommy|mum|mummy|father|mother|step ?dad|step ?mom|step ?father|step ?mother|uncle|aunt|brother|sister|cousin|grandpa|grandma|teacher|coach|boyfriend|someone|somebody|a man|a woman|my parents?)`;
const HURTS =
  'hits|hit|beats|beat|hurts|hurt|kicks|kicked|chokes|choked|burns|burned|slaps|slapped|touches|touched|locks|locked';

const ABUSE: Signal[] = [
  [String.raw`打我(?!电话|手机|的电话|的手机)`, '打我'],
  [
    String.raw`被[^，。！？,.!?\s]{0,4}打(?:了|伤|哭|得|我)`,
    '打了',
    '打伤',
    '打哭',
    '打得',
    '打我',
  ],
  '家暴',
  '虐待',
  '性侵',
  '猥亵',
  '强奸',
  '摸我',
  [
    '(?:让我|脱我的?)脱?衣服',
    '让我衣服',
    '让我脱衣服',
    '脱我衣服',
    '脱我脱衣服',
    '脱我的衣服',
    '脱我的脱衣服',
  ],
  '不让我告诉',
  '不许我告诉',
  '不准我告诉',
  '别告诉别人',
  '不要告诉别人',
  '不能告诉别人',
  '威胁我',
  ['把我关(?:起来|在)', '把我关'],
  [
    String.raw`\b${SOMEONE} (?:\w+ )?(?:${HURTS}) me\b`,
    ...HURTS.split('|').map((verb) => `${verb} me`),
  ],
  [String.raw`\btouch(?:es|ed|ing)? (?:me )?(?:there|down there|my private)`, 'touch'],
  [
    String.raw`\b(?:abuse[ds]?|abusing|abusive|molest(?:ed|ing)?|raped?|rapist|sexual(?:ly)? assault(?:ed)?)\b`,
    'abus',
    'molest',
    'rape',
    'rapist',
    'assault',
  ],
  [String.raw`\bmakes? me (?:touch|undress|take off)`, 'make me ', 'makes me '],
  [String.raw`\b(?:told|tells) me not to tell\b`, 'me not to tell'],
  [
    String.raw`\b(?:don'?t|do not|never) tell (?:anyone|anybody|your (?:mom|mum|dad|parents|teacher))\b`,
    'tell any',
    'tell your',
  ],
];

const GROOMING: Signal[] = [
  ['加我(?:微信|qq|好友|vx|wx)', '加我'],
  ['加个?微信', '加微信', '加个微信'],
  '私聊我',
  [
    '发(?:张|个|你的|一张)?(?:照片|自拍|相片|视频)给我',
    '照片给我',
    '自拍给我',
    '相片给我',
    '视频给我',
  ],
  ['给我发(?:张|个|一张)?(?:照片|自拍|相片)', '给我发'],
  ['发(?:张|一张)?你的(?:照片|自拍|相片)', '你的照片', '你的自拍', '你的相片'],
  '你几岁',
  '你多大了',
  '你今年几岁',
  '一个人在家',
  '家里有人吗',
  '你爸妈在家吗',
  '出来见面',
  '见个面',
  '单独见面',
  ['我们的(?:小)?秘密', '秘密'],
  ['别告诉你(?:的)?(?:爸|妈|父母|家长|老师)', '别告诉你'],
  ['你家住(?:哪|在哪)', '你家住'],
  ['你(?:在|是)哪个学校', '哪个学校'],
  [
    String.raw`\bsend (?:me )?(?:a |your |some )?(?:pic|pics|picture|pictures|photo|photos|selfie|selfies|nudes?)\b`,
    'send',
  ],
  [String.raw`\b(?:are|r) (?:you|u) (?:home )?alone\b`, 'alone'],
  [String.raw`\bhow old (?:are|r) (?:you|u)\b`, 'how old'],
  [String.raw`\b(?:meet me|let'?s meet|meet up with me|come (?:and )?meet me)\b`, 'meet'],
  [String.raw`\bwhere do (?:you|u) live\b`, 'where do'],
  [String.raw`\bwhat school do (?:you|u) go to\b`, 'what school'],
  [String.raw`\b(?:our (?:little )?secret|keep (?:it|this) (?:a )?secret)\b`, 'secret'],
  [
    String.raw`\b(?:add|dm|message|text) me (?:on|at)\b`,
    'add me ',
    'dm me ',
    'message me ',
    'text me ',
  ],
  [
    String.raw`\b(?:give|send|tell) me your (?:number|address|phone|snap|snapchat|wechat|whatsapp)\b`,
    'me your',
  ],
];

const SIGNALS = [...SELF_HARM, ...ABUSE, ...GROOMING];

const SAFEGUARDING = new RegExp(
  SIGNALS.map((signal) => (typeof signal === 'string' ? signal : signal[0])).join('|'),
  'iu',
);

const ANCHORS = anyOf(
  SIGNALS.flatMap((signal) => {
    if (typeof signal !== 'string') return signal.slice(1);
    if (/[\\^$.|?*+()[\]{}]/.test(signal)) throw new Error(`not a literal: ${signal}`);
    return [signal];
  }),
);

/**
 * True when the text shows signs that a child may be at risk.
 *
 * @example hasSafeguardingSignal('我不想活了') // true
 * @example hasSafeguardingSignal('我想死你了！') // false: "I miss you so much"
 */
export function hasSafeguardingSignal(text: string): boolean {
  return ANCHORS.test(text) && SAFEGUARDING.test(text);
}

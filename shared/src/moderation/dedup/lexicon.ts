/**
 * The word knowledge behind near-duplicate detection: general Chinese and English,
 * written from grammar and common usage, never fitted to an evaluation set. Data
 * only; `tokens.ts` applies it and `similarity.ts` reads the word classes.
 */

/**
 * Chinese phrases rewritten before word segmentation, longest match first:
 * question-word variants to one form, request framing and greetings to nothing.
 * @example '为啥' → '为什么', '请问' → ''
 */
export const ZH_PHRASES: Readonly<Record<string, string>> = {
  // "怎么 + 这么/那么" asks why ("声音怎么这么小"), not how.
  怎么这么: '为什么这么',
  怎么那么: '为什么那么',
  咋这么: '为什么这么',
  咋那么: '为什么那么',
  怎么会: '为什么会',
  // how, and "what to do about it"
  咋样: '怎么样',
  怎样: '怎么',
  如何: '怎么',
  咋: '怎么',
  怎麼: '怎么',
  怎么弄: '怎么办',
  怎么搞: '怎么办',
  怎么整: '怎么办',
  怎么处理: '怎么办',
  怎么解决: '怎么办',
  // why
  为啥: '为什么',
  为何: '为什么',
  干嘛: '为什么',
  干吗: '为什么',
  // what, when, where, which, who
  啥: '什么',
  甚么: '什么',
  什麼: '什么',
  啥时候: '什么时候',
  何时: '什么时候',
  几时: '什么时候',
  几点: '什么时候',
  什么时间: '什么时候',
  哪儿: '哪里',
  何处: '哪里',
  哪位: '谁',
  哪一位: '谁',
  // how long, how old, how much
  多长时间: '多久',
  多少时间: '多久',
  多大年纪: '几岁',
  多大岁数: '几岁',
  多少岁: '几岁',
  几块钱: '多少钱',
  // the same thing in other words
  小孩子: '孩子',
  小孩: '孩子',
  儿童: '孩子',
  小朋友: '孩子',
  孩童: '孩子',
  爸妈: '父母',
  家长: '父母',
  教师: '老师',
  影片: '电影',
  薪水: '工资',
  薪资: '工资',
  人工智能: 'ai',
  喜爱: '喜欢',
  讲: '说',
  目前: '现在',
  如今: '现在',
  之后: '后',
  以后: '后',
  之前: '前',
  以前: '前',
  好多: '很多',
  许多: '很多',
  更多: '多',
  天天: '每天',
  每日: '每天',
  一天: '每天',
  一周: '每周',
  一个星期: '每周',
  没有: '没',
  您: '你',
  咱们: '我们',
  // an ordinal is a number ("第一部" vs "第二部"); 一 alone is mostly an article
  第一: '第1',
  // characters often typed for one another
  帐号: '账号',
  帐户: '账户',
  岀: '出',
  // framing that asks nothing by itself
  的时候: '',
  对你来说: '',
  请问: '',
  想问一下: '',
  问一下: '',
  我想知道: '',
  想知道: '',
  有谁知道: '',
  谁知道: '',
  谁能告诉我: '',
  你怎么看: '',
};

/**
 * Chinese words dropped after segmentation: particles, demonstratives, modal and
 * light verbs, intensifiers, measure words, politeness and the like. They rarely
 * change what a question asks ("孩子几岁能自己在家呢" asks what "孩子几岁自己在家" asks).
 */
export const ZH_STOP_WORDS: ReadonlySet<string> = new Set(
  // particles and structural words
  (
    '的 地 得 了 着 吗 呢 啊 吧 呀 哦 嘛 啦 哈 呗 喔 噢 哇 么 呐 咯 嗯 诶 阿 额 哟 呃 哎 ' +
    // prepositions, conjunctions, localizers
    '是 在 把 将 对 和 跟 与 同 及 或 或者 还是 给 为 为了 从 向 于 关于 让 使 里 ' +
    // demonstratives, and "which" (as weak as "what" is in English)
    '自己 这 那 这个 那个 这些 那些 这么 那么 哪个 哪些 ' +
    '这样 那样 这种 那种 这里 那里 ' +
    // modal and light verbs
    '能 能够 可以 会 要 需要 应该 应当 该 必须 可能 有 是否 ' +
    // adverbs that only colour the question
    '就 都 也 还 又 再 先 才 却 真的 真 确实 到底 究竟 其实 难道 很 非常 特别 挺 比较 更 太 ' +
    '十分 相当 蛮 超 一直 已 已经 总 总是 老是 经常 常常 点 ' +
    // numerals and measure words used as articles ("一首歌", "这件外套")
    '一 一个 一下 一些 一点 有点 些 个 件 双 首 部 场 本 只 条 张 套 座 位 种 ' +
    // request framing left after segmentation
    '请问 请 求 寻 跪求 求助 急 大家 各位 知道 告诉 觉得 认为 问 问题 情况 推荐 介绍 分享 ' +
    // politeness and chat
    '谢谢 多谢 谢了 感谢 你好 您好 大家好 亲 辛苦 麻烦 抱歉 不好意思 哈哈 ' +
    '然后 大概 大约 左右 现在 来说 时'
  ).split(' '),
);

/**
 * English rewrites on the lower-cased text, in order: spelling, contractions,
 * chat forms, and phrases that frame a question without changing it.
 */
export const EN_PHRASES: readonly (readonly [RegExp, string])[] = [
  [/[‘’`´]/g, "'"],
  [/\bq\s*(?:&|and|n)\s*a\b/g, 'qa'],
  // contractions and their apostrophe-less chat forms
  [/\bcan'?t\b|\bcannot\b/g, 'can not'],
  [/\bwon'?t\b/g, 'will not'],
  [/\b(do|does|did|is|are|was|were|have|has|had|should|would|could|must|need)n'?t\b/g, '$1 not'],
  [/n't\b/g, ' not'],
  [/\bi'?m\b/g, 'i am'],
  [/'re\b/g, ' are'],
  [/'ve\b/g, ' have'],
  [/'ll\b/g, ' will'],
  [/'d\b/g, ' would'],
  [/\b(what|that|how|who|where|when|why|there|it|he|she)s\b/g, '$1'],
  [/'s?\b/g, ''],
  [/\bu\b/g, 'you'],
  [/\bur\b/g, 'your'],
  [/\br\b/g, 'are'],
  [/\b(?:pls|plz)\b/g, 'please'],
  [/\b(?:bc|cuz|coz)\b/g, 'because'],
  [/\bgonna\b/g, 'going to'],
  [/\bwanna\b/g, 'want to'],
  // question words in other words
  [/\bwhat time\b/g, 'when'],
  [/\bhow come\b/g, 'why'],
  [/\bwhat made you\b/g, 'why did you'],
  [/\bhow many\b/g, 'how much'],
  // modality and framing
  [/\b(?:are|is|am) going to\b|\bgoing to\b/g, 'will'],
  [/\b(?:be )?able to\b|\bis it possible to\b|\ballowed to\b/g, 'can'],
  [/\bwould (?:you )?like to\b|\bwant to\b|\bplan to\b|\bmanage to\b|\btry to\b/g, ''],
  [/\b(?:what do you think|how do you feel) (?:about|of)\b/g, 'opinion'],
  [/\b(?:what is )?(?:your )?(?:opinion|thoughts?) (?:on|of|about)\b/g, 'opinion'],
  [/\bdo you think(?: that)?\b|\bin your opinion\b|\bis it true(?: that)?\b/g, ''],
  [/\b(?:can|could) you (?:please )?tell (?:us|me)\b|\bi (?:am|was) curious\b/g, ''],
  [/\bi (?:would like|want) to know\b|\bi wonder\b/g, ''],
  [/\bartificial intelligence\b/g, 'ai'],
];

/**
 * English words left out of the comparison: articles, auxiliaries, modals,
 * prepositions that only link, weak question words ("what", "which", "how": a
 * paraphrase swaps them freely), fillers and politeness.
 */
export const EN_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the one is are was were be been being am do does did done have has had will would ' +
    'shall should can could may might must to of for in on at by with from into onto about as ' +
    'than then that this these those it its there here and or but so if just really actually ' +
    'what which how very quite pretty still already ever even also too please thanks thank ' +
    'myself yourself some any ' +
    'anything something someone anyone get got gotten doing lol omg oh ok okay well'
  ).split(' '),
);

/**
 * English words that mean the same here, listed under the word they become. Keys
 * and variants pass through the stemmer, so one form of each is enough.
 */
export const EN_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  child: ['children', 'kid', 'kiddo', 'youngster'],
  woman: ['women'],
  man: ['men'],
  person: ['people', 'persons'],
  film: ['movie', 'flick'],
  big: ['large', 'huge', 'major'],
  bigger: ['larger'],
  biggest: ['largest'],
  fast: ['quick', 'quickly', 'rapid', 'rapidly'],
  hard: ['difficult', 'tough'],
  hardest: ['toughest'],
  start: ['begin', 'beginning', 'began', 'begun'],
  end: ['finish'],
  like: ['enjoy'],
  mother: ['mum', 'mom', 'mommy', 'mummy', 'mama'],
  father: ['dad', 'daddy', 'papa'],
  hi: ['hello', 'hey', 'hiya'],
  university: ['uni', 'college'],
  tv: ['television'],
  phone: ['smartphone', 'cellphone'],
  buy: ['bought', 'purchase'],
  sell: ['sold'],
  win: ['won'],
  lose: ['lost'],
  make: ['made'],
  think: ['thought'],
  take: ['took', 'taken'],
  give: ['gave', 'given'],
  go: ['went', 'gone'],
  come: ['came'],
  see: ['saw', 'seen'],
  say: ['said'],
  tell: ['told'],
  feel: ['felt'],
  leave: ['left'],
  build: ['built'],
  pay: ['paid'],
  become: ['became'],
  choose: ['chose', 'chosen'],
  write: ['wrote', 'written'],
  eat: ['ate', 'eaten'],
  fall: ['fell', 'fallen'],
  teach: ['taught'],
  catch: ['caught'],
  hold: ['held'],
  keep: ['kept'],
  meet: ['met'],
  run: ['ran'],
  sing: ['sang', 'sung'],
  find: ['found'],
};

/** English pronoun forms, read as the person they name (compared unstemmed). */
export const EN_PRONOUNS: Readonly<Record<string, string>> = {
  me: 'i',
  my: 'i',
  mine: 'i',
  your: 'you',
  yours: 'you',
  us: 'we',
  our: 'we',
  ours: 'we',
  him: 'he',
  his: 'he',
  her: 'she',
  hers: 'she',
  them: 'they',
  their: 'they',
  theirs: 'they',
};

/** English number words, read as digits so "four" and "4" match. */
export const EN_NUMBERS: Readonly<Record<string, number>> = {
  zero: 0,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  thousand: 1000,
};

/** Chinese digits; 十 百 千 万 are the multipliers. */
export const ZH_DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
export const ZH_MULTIPLIERS: Readonly<Record<string, number>> = {
  十: 10,
  百: 100,
  千: 1000,
  万: 10000,
};

/**
 * Measure words and units after which a Chinese numeral is a quantity ("十六岁",
 * "两次"), so it can be read as digits; elsewhere 一 is an article and 十分 an adverb.
 */
export const ZH_UNITS: readonly string[] = (
  '岁 年 月 日 号 天 周 次 度 点 个 小时 分钟 秒 元 块 倍 套 场 部 本 名 位 首 集 季 届 期 层 楼 ' +
  '米 公里 斤 公斤 克 吨 人'
).split(' ');

/** Words that negate what follows; a question that adds one asks the opposite. */
export const NEGATIONS: ReadonlySet<string> = new Set(
  (
    'not no never without nobody nothing none neither nor ' +
    '不 没 未 别 无 非 勿 莫 甭 不要 不能 不会 不想 不是 不再 不用 不好 不愿意 不了'
  ).split(' '),
);

/**
 * Chinese question words, kept whole. They ask for a thing or a way and move freely
 * in a paraphrase ("学英语最好的方法是什么", "学英语什么方法最好"). 谁 is not one of
 * them: it takes a role, and its place says which ("谁喜欢她" vs "她喜欢谁").
 */
export const ZH_QUESTION_WORDS: ReadonlySet<string> = new Set(
  '什么 怎么 怎么样 怎么办 为什么 什么时候 哪里 多少 多久 几岁 多少钱'.split(' '),
);

/**
 * Question words whose kind of answer is different (a reason, a time, a place);
 * questions that differ by one of them ask different things ("why" vs "when").
 * "what", "how", "which" are left out: they often ask the same thing in turn.
 */
export const DISTINCT_QUESTION_WORDS: ReadonlySet<string> = new Set(
  'why when where 为什么 什么时候 哪里'.split(' '),
);

/**
 * Persons, in the notation of `OPPOSITIONS`. A pronoun counts only against another
 * one: a question often leaves out the person the other names ("你拍戏受过伤吗").
 */
export const PERSONS: readonly string[] = [
  'i/we | you | he | she | they',
  '我/我们 | 你/你们 | 他/他们 | 她/她们',
];

/**
 * Oppositions: each entry lists the sides of one choice, `|` between sides and `/`
 * between words of the same side. Two questions that pick different sides ask
 * about different things ("boys" vs "girls", "before" vs "after", "今年" vs "去年").
 * An English word also counts when the other question names no side ("my least
 * favourite film" vs "my favourite film"); English words are compared stemmed.
 * Chinese words count only against another side: Chinese compares characters, and
 * one alone is too common ("多", "上") to mark a question, while a character inside
 * a word still faces its opposite ("男足" vs "女足" differ by 男/女).
 */
export const OPPOSITIONS: readonly string[] = [
  // people
  'boy | girl',
  'man/male | woman/female',
  'son | daughter',
  'father | mother',
  'husband | wife',
  'brother | sister',
  'child | parent | grandparent | adult | teacher | student',
  '男 | 女',
  '儿子 | 女儿',
  '爸 | 妈',
  '丈夫/老公 | 妻子/老婆',
  '哥 | 姐 | 弟 | 妹',
  '孩子 | 父母 | 老人 | 老师 | 学生',
  // order and time
  'before | after',
  'first | last | next',
  'past | future',
  'yesterday | today | tomorrow',
  'morning | afternoon | evening | night',
  'spring | summer | autumn | winter',
  'early | late',
  'old | new | young',
  'again | first',
  '前 | 后',
  '上 | 下',
  '早 | 晚',
  '去年 | 今年 | 明年',
  '昨天 | 今天 | 明天',
  '春 | 夏 | 秋 | 冬',
  '新 | 旧',
  '开始 | 结束',
  // direction and amount
  'up | down',
  'more | less/fewer',
  'most | least',
  'high | low',
  'higher | lower',
  'increase/raise/rise/grow | decrease/reduce/lower/fall/drop',
  'big | small/little',
  'bigger | smaller',
  'biggest | smallest',
  'long | short',
  'fast | slow',
  'hot | cold',
  'cheap | expensive',
  'rich | poor',
  'above/over | below/under',
  'north | south | east | west',
  '大 | 小',
  '多 | 少',
  '高 | 低',
  '长 | 短',
  '快 | 慢',
  '冷 | 热',
  '胖 | 瘦',
  '贵 | 便宜',
  '涨/升 | 跌/降',
  '增加/提高/上升 | 减少/降低/下降',
  '买 | 卖',
  '来 | 去',
  '进 | 出',
  '东 | 西 | 南 | 北',
  '左 | 右',
  '内 | 外',
  '穷 | 富',
  // judgement and outcome
  'good | bad',
  'better | worse',
  'best | worst',
  'easy | hard',
  'easiest | hardest',
  'safe | dangerous',
  'legal | illegal',
  'win | lose',
  'buy | sell',
  'open | close',
  'start | end/stop',
  'allow | ban/forbid',
  'accept | reject/refuse',
  'love/like | hate/dislike',
  'success | failure',
  'problem | solution',
  'sequel | prequel',
  '好 | 坏/差',
  '难 | 容易/好',
  '成功 | 失败',
  '赢 | 输',
  '喜欢 | 讨厌',
  '开 | 关',
  '安全 | 危险',
  '合法 | 违法',
];

/**
 * The most common Chinese characters, most frequent first (a general frequency
 * list, as in Jun Da's corpus counts). A character outside it is specific ("猫",
 * "醋", "椰"): a question that adds one usually asks about something else, while one
 * that adds a common character ("用", "里", "我") usually asks the same thing.
 */
export const COMMON_HAN: string =
  '的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还' +
  '进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或' +
  '新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太' +
  '量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交' +
  '规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调' +
  '深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历' +
  '首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧' +
  '黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印' +
  '晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担' +
  '州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央' +
  '户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移' +
  '娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣' +
  '择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌' +
  '店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛趣曲刀床迎冰虚玩析窗醒妻透购替塞努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱' +
  '埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵尺吹';

import { performance } from 'node:perf_hooks';
import { buildStream } from './bench/stream';
import { sanitizeText, toMatchingText, hasSafeguardingSignal } from '@dais/shared';
import { anyOf } from '../shared/src/moderation/filter/keywords';
const stream = buildStream(60000);
const texts = stream.map((q) => toMatchingText(sanitizeText(q)));
const anchors = ['想死','不想活','活不下去','活着没意思','自杀','轻生','寻死','割腕','自残','自伤','跳楼','生命','了结自己','吃安眠药','suicid','kill','end my','end it','ending my','ending it','take my',' die',' dead','better off dead',' want to ','no reason to live','mysel','himsel','hersel','themsel','harm','overdose','打我','打了','打伤','打哭','打得','家暴','虐待','性侵','猥亵','强奸','摸我','衣服','我告诉','告诉别人','威胁我','把我关','hits me','hit me','beats me','touch','abus','molest','rape','rapist','assault','make','me not to tell','tell any','tell your','加我','加微信','加个微信','私聊我','照片给我','给我发','你的照片','你几岁','你多大了','一个人在家','家里有人吗','出来见面','见个面','秘密','别告诉你','你家住','哪个学校','send','alone','how old','meet','where do','what school','secret','me on','me at','me your'];
const variants: [string, RegExp][] = [
  ['plain-i', new RegExp(anchors.join('|'), 'i')],
  ['anyOf', anyOf(anchors)],
  ['zh-only', new RegExp(anchors.filter(a => /[^\x00-\x7f]/.test(a)).join('|'))],
  ['en-only-i', new RegExp(anchors.filter(a => !/[^\x00-\x7f]/.test(a)).join('|'), 'i')],
  ['en-anyOf', anyOf(anchors.filter(a => !/[^\x00-\x7f]/.test(a)))],
];
function time(n: string, fn: (t: string) => unknown) {
  let sink = 0; for (let i = 0; i < 5000; i++) if (fn(texts[i]!)) sink++;
  let best = Infinity;
  for (let r = 0; r < 5; r++) { const t0 = performance.now(); for (const t of texts) if (fn(t)) sink++; best = Math.min(best, (performance.now() - t0) * 1000 / texts.length); }
  console.log(n.padEnd(12), best.toFixed(3), sink);
}
for (const [n, re] of variants) time(n, (t) => re.test(t));
time('hasSafeguardingSignal', hasSafeguardingSignal);
const en = anchors.filter(a => !/[^\x00-\x7f]/.test(a)), zh = anchors.filter(a => /[^\x00-\x7f]/.test(a));
time('all+class', ((re) => (t: string) => re.test(t))(new RegExp(anchors.join('|') + '|[ſ\u212A]', 'i')));
time('class-first', ((re) => (t: string) => re.test(t))(new RegExp('[ſ\u212A]|' + anchors.join('|'), 'i')));
time('en+class', ((re) => (t: string) => re.test(t))(new RegExp(en.join('|') + '|[ſ\u212A]', 'i')));
const a1 = new RegExp(en.join('|') + '|[ſ\u212A]', 'i'), a2 = new RegExp(zh.join('|'));
time('split2', (t) => a2.test(t) || a1.test(t));

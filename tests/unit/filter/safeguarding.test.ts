import { describe, expect, it } from 'vitest';
import { createFilter, hasSafeguardingSignal } from '@dais/shared';

describe('safeguarding signals', () => {
  it.each([
    // self-harm
    '我想死',
    '我不想活了',
    '活着没意思，想自杀',
    '我昨天割腕了',
    '我想跳楼',
    'I want to kill myself',
    'i just want to die',
    'I cut myself again last night',
    'sometimes I hurt myself',
    'I feel suicidal',
    'A boy in my class is cutting himself',
    'my friend said she wants to die',
    'go kill yourself',
    // abuse disclosed
    '他打我',
    '爸爸经常打我',
    '我被性侵了',
    '叔叔摸我',
    '我的孩子在学校被同学打了',
    '他不让我告诉别人',
    'My stepdad hits me',
    'he always touches me there',
    'my uncle touched me',
    'I was abused',
    'he told me not to tell',
    // grooming
    '小朋友加我微信',
    '发照片给我看看',
    '你几岁了？',
    '你一个人在家吗',
    '我们出来见面吧',
    '这是我们的秘密',
    'send me a pic',
    'are you home alone?',
    'how old are you?',
    'meet me after school',
    "it's our little secret",
    "don't tell your parents",
  ])('holds %j', (text) => {
    expect(hasSafeguardingSignal(text)).toBe(true);
  });

  it.each([
    '我想死你了！', // "I miss you terribly"
    '笑死我了',
    '今天热死了',
    '跳楼价大甩卖',
    '打我电话吧',
    'This song really hits me',
    'Your speech touched me',
    'Let us keep in touch',
    'What is the secret of your success?',
    'How old is the Convention on the Rights of the Child?',
    'Can we meet the ambassador after the show?',
    'Kids die of hunger every day, how can we stop it?',
    '我们队被打败了',
    "Don't hurt yourself running the marathon!",
  ])('leaves %j alone', (text) => {
    expect(hasSafeguardingSignal(text)).toBe(false);
  });

  it('holds questions about the topic too, by decision: a moderator looks', () => {
    expect(hasSafeguardingSignal('How can we prevent suicide among teenagers?')).toBe(true);
    expect(hasSafeguardingSignal('如何预防青少年自杀？')).toBe(true);
    expect(hasSafeguardingSignal('How do we stop child abuse?')).toBe(true);
  });

  it('always holds, even over reasons the policy rejects', () => {
    const filter = createFilter({});
    expect(filter('I WANT TO DIE I WANT TO DIE I WANT TO DIE I WANT TO DIE I WANT TO DIE')).toEqual(
      expect.objectContaining({ verdict: 'hold', reasons: ['safeguarding', 'spam'] }),
    );
  });
});

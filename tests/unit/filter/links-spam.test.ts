import { describe, expect, it } from 'vitest';
import { containsLink, createFilter, looksLikeSpam } from '@dais/shared';

describe('links', () => {
  it.each([
    'see https://example.com/x',
    'http://192.168.0.1/admin',
    'go to www.example.org now',
    'bit.ly/3abcDEF',
    'x.cn/abc',
    't.me/somechannel',
    'visit unicef.org for more',
    '访问abc.com了解详情',
    'WWW.EXAMPLE.COM',
  ])('finds %j', (text) => {
    expect(containsLink(text)).toBe(true);
  });

  it.each([
    'e.g. schools and clinics',
    'Mr. Li asked a question',
    'i.e. the 3.5% target',
    'Node.js and version 2.3.1',
    'U.S. and U.K. programmes',
    'thanks.me too',
    'Is 1.5 enough?',
  ])('leaves %j alone', (text) => {
    expect(containsLink(text)).toBe(false);
  });

  it('does not count an email address as a link: it is personal data', () => {
    expect(createFilter({})('write to kid@example.com').reasons).toEqual(['personal-data']);
  });
});

describe('spam within one question', () => {
  it.each([
    'aaaaaaaaaaa',
    'sooooooooo good',
    '!!!!!!!!!!!!',
    '哈哈哈哈哈哈哈哈哈哈哈哈',
    'hahahahahahahaha',
    'buy now buy now buy now buy now buy now',
    '支持支持支持支持支持',
    'WHY IS NOBODY ANSWERING MY QUESTION ABOUT SCHOOLS',
  ])('flags %j', (text) => {
    expect(looksLikeSpam(text)).toBe(true);
  });

  it.each([
    '哈哈哈，谢谢大使！',
    'soooo good',
    'UNICEF and the WHO work with the UN on SDG 4. What is next?',
    'We raised 1000000 yuan',
    '加油加油加油！',
    'Why?!',
    'very very good',
  ])('leaves %j alone', (text) => {
    expect(looksLikeSpam(text)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { createFilter, isSymbolsOnly, sanitizeText } from '@dais/shared';

const filter = createFilter({});

describe('text hygiene', () => {
  it('applies NFKC: full-width letters and digits become ASCII', () => {
    expect(sanitizeText('ｈｅｌｌｏ　１２３')).toBe('hello 123');
  });

  it('drops control characters but keeps line breaks and tabs', () => {
    expect(sanitizeText('a\u0000b\u0007c\u001Bd\u007Fe\u0085f\ng\th')).toBe('abcdef\ng\th');
  });

  it('drops bidi overrides, isolates and marks', () => {
    const bidi = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C';
    expect(sanitizeText(`${bidi}abc\u202Edef`)).toBe('abcdef');
  });

  it('drops zero-width characters but keeps emoji sequences whole', () => {
    expect(sanitizeText('b\u200Ba\u200Cd\u2060\uFEFF\u00AD')).toBe('bad');
    expect(sanitizeText('a\u200Db')).toBe('ab');
    expect(sanitizeText('👩\u200D💻')).toBe('👩\u200D💻');
    expect(sanitizeText('👩🏽\u200D💻')).toBe('👩🏽\u200D💻');
  });

  it('collapses zalgo to at most two combining marks per character', () => {
    const zalgo = 'h' + '\u0315\u031B\u0340\u0341\u0358\u0321\u0322'.repeat(20) + 'i';
    const clean = sanitizeText(zalgo);
    expect(clean).toMatch(/^h\p{M}{1,2}i$/u);
    expect(sanitizeText('e\u0301')).toBe('é');
  });

  it('removes lone surrogates and keeps pairs', () => {
    expect(sanitizeText('a\uD800b\uDC00c😀')).toBe('abc😀');
    expect(sanitizeText('\uDBFF\uD83D\uDE00')).toBe('😀');
  });

  it('trims, and treats nothing left as empty', () => {
    expect(filter('  \u200B\u202E\t\n ')).toEqual({
      verdict: 'reject',
      reasons: ['empty'],
      text: '',
      redacted: '',
    });
    expect(filter('\u0000\u0000').reasons).toEqual(['empty']);
  });

  it('rejects emoji, symbols and punctuation only', () => {
    for (const text of ['👍👍👍', '!!!???', '❤️🔥', '5️⃣', '…', '¥$%']) {
      expect(filter(text), text).toMatchObject({ verdict: 'reject', reasons: ['emoji-only'] });
    }
    expect(isSymbolsOnly('👍 ok')).toBe(false);
    expect(isSymbolsOnly('2024?')).toBe(false);
    expect(isSymbolsOnly('谢谢！')).toBe(false);
  });

  it('rejects what is longer than maxLength code points', () => {
    const short = createFilter({ maxLength: 5 });
    expect(short('儿童权利公').verdict).toBe('pass');
    expect(short('儿童权利公约')).toMatchObject({ verdict: 'reject', reasons: ['too-long'] });
    expect(short('👋👋👋 a').verdict).toBe('pass'); // an emoji counts once
  });
});

describe('bad input never throws and stays fast', () => {
  const tenMegabytes = 10 * 1024 * 1024;
  const inputs: Record<string, string> = {
    letters: 'a'.repeat(tenMegabytes),
    zalgo: 'a\u0301\u0302\u0303\u0304'.repeat(tenMegabytes / 5),
    'combining marks only': '\u0301\u0316\u0327\u0350'.repeat(tenMegabytes / 4),
    'lone surrogates': '\uDC00\uD800'.repeat(tenMegabytes / 2),
    'NUL bytes': '\u0000'.repeat(tenMegabytes),
    Chinese: '北京市朝阳区'.repeat(tenMegabytes / 6),
    'digits and spaces': '138 '.repeat(tenMegabytes / 4),
  };

  it.each(Object.entries(inputs))('10 MB of %s: a verdict, no exception', (_, input) => {
    const result = filter(input);
    expect(result.verdict).toBe('reject');
    expect(result.text.length).toBeLessThan(10_000);
  });

  it('binary junk of any kind gets a well-formed result', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (let i = 0; i < 300; i++) {
      const junk = String.fromCharCode(
        ...Array.from({ length: Math.floor(next() * 400) }, () => Math.floor(next() * 0x10000)),
      );
      const result = filter(junk);
      expect(['pass', 'hold', 'reject']).toContain(result.verdict);
      // eslint-disable-next-line no-control-regex
      expect(result.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|[\u202A-\u202E\u0000]/);
    }
  });

  it('a non-string from JavaScript callers is read as text', () => {
    expect(filter(12345 as unknown as string).verdict).toBe('pass');
  });
});

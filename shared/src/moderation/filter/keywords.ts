/**
 * Pre-checks: a RegExp made of plain strings, run before an expensive RegExp that
 * cannot match a text holding none of them. Such a RegExp of literals is a fast
 * native scan.
 */

const SPECIAL = /[\\^$.*+?()[\]{}|]/g;

/**
 * A RegExp finding any of `words` in any case, wherever the flags `iu` would: ASCII
 * letters in either case, and 'ſ' as 's' and the Kelvin sign as 'k' (the only other
 * characters that fold to ASCII). Compiled without `u`, which is faster and does not
 * fold those two, so any 'ſ' or Kelvin sign counts as found when a word has s or k.
 *
 * @example anyOf(['qq', '扣扣']).test('加QQ') // true
 * @example anyOf(['stay']).test('ſtay') // true, as /stay/iu.test('ſtay')
 */
export function anyOf(words: readonly string[]): RegExp {
  const literals = words.filter((word) => word).map((word) => word.replace(SPECIAL, '\\$&'));
  if (literals.length === 0) return /(?!)/;
  if (words.some((word) => /[sk]/i.test(word))) literals.push('[\u017F\u212A]');
  return new RegExp(literals.join('|'), 'i');
}

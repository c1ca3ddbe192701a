/**
 * Pre-checks: one pass over a text finds which groups of literal keywords occur in it,
 * so an expensive RegExp runs only when a string it cannot match without is there.
 * Case folds as RegExp's `iu` flags do for these keywords: ASCII letters either case,
 * 'ſ' as 's' and the Kelvin sign as 'k' (the only other characters that fold to ASCII).
 *
 * The keywords are compiled (on first use) into an Aho-Corasick automaton over their
 * own alphabet: one table lookup per code unit, whatever the number of keywords.
 */

interface Automaton {
  /** Code unit to letter of the alphabet; 0 for a unit in no keyword. */
  letters: Uint8Array | Uint16Array;
  /** Alphabet size, letter 0 included. */
  size: number;
  /** Next state: `next[state * size + letter]`. */
  next: Uint16Array | Uint32Array;
  /** The groups whose keywords end at each state, one bit each. */
  output: Int32Array;
}

/**
 * Keyword groups, each a bit of the mask `scan` returns.
 *
 * @example
 * const keywords = new KeywordScanner([['qq', '扣扣'], ['微信']]);
 * keywords.scan('加QQ') // 0b01
 */
export class KeywordScanner {
  private automaton: Automaton | undefined;
  private readonly all: number;

  constructor(private readonly groups: readonly (readonly string[])[]) {
    if (groups.length > 31) throw new Error('at most 31 keyword groups');
    this.all = 2 ** groups.length - 1;
  }

  /** The groups with at least one keyword in `text`, as a bit mask. */
  scan(text: string): number {
    const { letters, size, next, output } = (this.automaton ??= compile(this.groups));
    let found = 0;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      state = next[state * size + letters[text.charCodeAt(i)]!]!;
      const groups = output[state]!;
      if (groups !== 0) {
        found |= groups;
        if (found === this.all) break;
      }
    }
    return found;
  }
}

function compile(groups: readonly (readonly string[])[]): Automaton {
  // The alphabet: every code unit of a (lower-cased) keyword, then what folds to it.
  const keywords = groups.flatMap((words, group) =>
    words.map((word) => ({ word: word.toLowerCase(), group })).filter(({ word }) => word),
  );
  const units = [
    ...new Set(keywords.flatMap(({ word }) => Array.from(word, (_, i) => word.charCodeAt(i)))),
  ];
  const size = units.length + 1;
  const letters = size < 0x100 ? new Uint8Array(0x10000) : new Uint16Array(0x10000);
  units.forEach((unit, i) => (letters[unit] = i + 1));
  for (let upper = 65; upper <= 90; upper++) letters[upper] = letters[upper + 32]!;
  letters[0x17f] = letters[115]!; // ſ
  letters[0x212a] = letters[107]!; // Kelvin sign

  // The trie, one row of `size` children per state (0: none yet).
  const children: number[][] = [new Array<number>(size).fill(0)];
  const output = [0];
  for (const { word, group } of keywords) {
    let state = 0;
    for (let i = 0; i < word.length; i++) {
      const letter = letters[word.charCodeAt(i)]!;
      let child = children[state]![letter]!;
      if (child === 0) {
        child = children.push(new Array<number>(size).fill(0)) - 1;
        output.push(0);
        children[state]![letter] = child;
      }
      state = child;
    }
    output[state]! |= 1 << group;
  }

  // Failure links, breadth first, turning the trie into a complete automaton.
  const next =
    children.length < 0x10000
      ? new Uint16Array(children.length * size)
      : new Uint32Array(children.length * size);
  const fail = new Array<number>(children.length).fill(0);
  const queue: number[] = [];
  for (let letter = 1; letter < size; letter++) {
    const child = children[0]![letter]!;
    next[letter] = child;
    if (child !== 0) queue.push(child);
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    output[state]! |= output[fail[state]!]!;
    for (let letter = 1; letter < size; letter++) {
      const child = children[state]![letter]!;
      const fallback = next[fail[state]! * size + letter]!;
      if (child === 0) next[state * size + letter] = fallback;
      else {
        next[state * size + letter] = child;
        fail[child] = fallback;
        queue.push(child);
      }
    }
  }
  return { letters, size, next, output: Int32Array.from(output) };
}

import fc from 'fast-check';

/** Strings that have broken parsers, filters, renderers and Redis clients before. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u0000\u0001\u001f\u007f',
  '\ufeff',
  '\u200b\u200c\u200d\u2060',
  '\u202eevil\u202c',
  '\ud800',
  '\udfff\ud800',
  '𝕏🇨🇳👩‍👩‍👧‍👦',
  'e\u0301\u0301\u0301\u0301\u0301',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'NaN',
  '-1',
  '1e309',
  '\r\n*1\r\n$8\r\nFLUSHALL\r\n',
  ']]--',
  "'; DROP TABLE questions; --",
  '%s%s%s%n',
  '${process.exit()}',
  '{{constructor.constructor("return process")().exit()}}',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '\\',
  '"',
  '{"__proto__":{"polluted":true}}',
];

/** Values whose own keys try to reach a prototype when code copies or merges them. */
export const POLLUTERS: unknown[] = [
  JSON.parse('{"__proto__":{"polluted":true}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
  JSON.parse('{"__proto__":null}'),
  JSON.parse('{"prototype":{"toString":"x"}}'),
  JSON.parse('{"toString":"not a function","valueOf":"nor this"}'),
];

/**
 * A value nested `depth` times, as arrays or as objects. fast-check prints it by name
 * when it reports a failure (printing it whole would overflow the stack); the name is a
 * symbol key, which JSON and socket.io-client leave out.
 */
export const nested = (depth: number, asObject: boolean): unknown => {
  let value: object = ['bottom'];
  for (let i = 1; i < depth; i++) value = asObject ? { a: value } : [value];
  return Object.defineProperty(value, fc.toStringMethod, {
    value: () => `nested(${depth}, ${asObject ? 'objects' : 'arrays'})`,
  });
};

/**
 * Anything a client can put into a JSON payload, weighted towards trouble: wrong
 * types, huge and odd strings, extreme numbers, deep nesting, prototype keys. Huge
 * strings stay well below the server's frame limit, so the payload is what is tested.
 */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 4 },
  { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 60 }), weight: 2 },
  {
    // Past the 4,000-character wire cap, yet at most 12 KB of UTF-8.
    arbitrary: fc.constantFrom(
      'x'.repeat(4001),
      'x'.repeat(10_000),
      'é'.repeat(4001),
      '字'.repeat(4001),
      '𝕏'.repeat(2001),
    ),
    weight: 1,
  },
  {
    arbitrary: fc.constantFrom(
      0,
      -0,
      -1,
      0.5,
      2 ** 31,
      2 ** 53 + 2,
      -(2 ** 63),
      1e308,
      Number.MIN_VALUE,
      true,
      false,
      null,
      undefined,
    ),
    weight: 2,
  },
  { arbitrary: fc.double(), weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.integer({ min: 20, max: 2000 }), fc.boolean())
      .map(([d, o]) => nested(d, o)),
    weight: 1,
  },
  { arbitrary: fc.constantFrom(...POLLUTERS), weight: 2 },
  { arbitrary: fc.array(fc.constantFrom(...NASTY_STRINGS), { maxLength: 200 }), weight: 1 },
);

/** A copy of `base` with `key` set to `value` as an own property (even `__proto__`). */
export function withField(base: object, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...base };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

export function withoutField(base: object, key: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...base };
  delete copy[key];
  return copy;
}

/**
 * Payloads around one valid payload: itself, each field broken (a nasty value, or
 * random text that may well be valid), a field missing, prototype keys added, or
 * something that is not the payload at all.
 */
export function payloadAround(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  const field = fc.constantFrom(...keys, '__proto__', 'constructor', 'prototype', 'extra');
  const text = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 120 }),
    fc.string({ unit: 'binary', maxLength: 300 }),
  );
  return fc.oneof(
    { arbitrary: fc.constant(valid), weight: 1 },
    {
      arbitrary: fc.tuple(field, nastyValue).map(([key, value]) => withField(valid, key, value)),
      weight: 5,
    },
    {
      arbitrary: fc.tuple(field, text).map(([key, value]) => withField(valid, key, value)),
      weight: 3,
    },
    ...(keys.length > 0
      ? [{ arbitrary: fc.constantFrom(...keys).map((key) => withoutField(valid, key)), weight: 1 }]
      : []),
    { arbitrary: nastyValue, weight: 2 },
  );
}

/** What the server receives of a payload: socket.io-client sends it as JSON. */
export const overTheWire = (payload: unknown): unknown =>
  (JSON.parse(JSON.stringify([payload])) as unknown[])[0];

import {
  FINGERPRINT_VERSION,
  FingerprintSchema,
  LSH_BANDS,
  SIGNATURE_SIZE,
  fingerprint,
  tokenize,
} from '@dais/shared';
import { describe, expect, it } from 'vitest';

describe('fingerprint', () => {
  it('holds the tokens, a signature of SIGNATURE_SIZE hashes and one key per band', () => {
    const print = fingerprint('Why is the sky blue?');
    expect(print.version).toBe(FINGERPRINT_VERSION);
    expect(print.tokens).toEqual(tokenize('Why is the sky blue?'));
    expect(print.minhash).toHaveLength(SIGNATURE_SIZE);
    expect(print.bands).toHaveLength(LSH_BANDS);
    for (const band of print.bands) expect(band).toMatch(/^b\d{1,2}:[0-9a-f]{8}$/);
    expect(new Set(print.bands.map((band) => band.split(':')[0])).size).toBe(LSH_BANDS);
  });

  it('is deterministic and survives JSON, as it will in Redis', () => {
    for (const text of [
      '为啥今年夏天这么热啊',
      "Why don't schools teach finance?",
      '16岁能打工吗',
    ]) {
      const print = fingerprint(text);
      expect(fingerprint(text)).toEqual(print);
      expect(FingerprintSchema.parse(JSON.parse(JSON.stringify(print)))).toEqual(print);
    }
  });

  it('uses a fixed hash family: these keys stay the same in every process and release', () => {
    // If this changes, stored fingerprints no longer match: bump FINGERPRINT_VERSION.
    expect(fingerprint('Why is the sky blue?').bands.slice(0, 3)).toEqual(GOLDEN_BANDS);
  });

  it('gives the same keys to texts that normalize alike', () => {
    expect(fingerprint('为啥今年夏天这么热啊？').bands).toEqual(
      fingerprint('为什么今年夏天这么热').bands,
    );
  });

  it('has no band keys when there is nothing to compare', () => {
    expect(fingerprint('？？ 🙂').bands).toEqual([]);
    expect(fingerprint('你们').bands).toEqual([]);
  });

  it('rejects a stored fingerprint of another version or shape', () => {
    const print = fingerprint('Why is the sky blue?');
    expect(
      FingerprintSchema.safeParse({ ...print, version: FINGERPRINT_VERSION + 1 }).success,
    ).toBe(false);
    expect(FingerprintSchema.safeParse({ ...print, minhash: print.minhash.slice(1) }).success).toBe(
      false,
    );
  });
});

const GOLDEN_BANDS = ['b0:cdd25982', 'b1:b5d71312', 'b2:c6bd3518'];

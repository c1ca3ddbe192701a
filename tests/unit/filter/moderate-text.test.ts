import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

function moderateText(
  stdin: string,
  args: string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('pnpm', ['--silent', 'moderate:text', ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('pnpm moderate:text', () => {
  it('writes one JSON line per question, junk included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dais-moderate-'));
    const terms = join(dir, 'terms.txt');
    writeFileSync(terms, '坏蛋\nbad\n');
    const input = [
      '打13812345678找我',
      '',
      'What can children do for the planet?',
      '坏 蛋',
      'b.a.d idea, see bit.ly/x',
      '\u0000\uFFFD\u202E junk \u001B[31m',
      'I want to die',
    ].join('\n');

    const { code, stdout, stderr } = await moderateText(`${input}\r\n`, ['--blocked-terms', terms]);

    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(
      stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
    ).toEqual([
      { verdict: 'hold', reasons: ['personal-data'], redacted: '打[电话]找我' },
      { verdict: 'reject', reasons: ['empty'], redacted: '' },
      { verdict: 'pass', reasons: [], redacted: 'What can children do for the planet?' },
      { verdict: 'hold', reasons: ['blocked-term'], redacted: '坏 蛋' },
      { verdict: 'hold', reasons: ['blocked-term', 'link'], redacted: 'b.a.d idea, see bit.ly/x' },
      { verdict: 'pass', reasons: [], redacted: '\uFFFD junk [31m' },
      { verdict: 'hold', reasons: ['safeguarding'], redacted: 'I want to die' },
    ]);
  }, 30_000);

  it('streams many lines', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `Question ${i}: how can we help?`);
    const { code, stdout } = await moderateText(lines.join('\n'));
    expect(code).toBe(0);
    const results = stdout.trimEnd().split('\n');
    expect(results).toHaveLength(20_000);
    expect(JSON.parse(results[19_999] ?? '')).toEqual({
      verdict: 'pass',
      reasons: [],
      redacted: 'Question 19999: how can we help?',
    });
  }, 60_000);

  it('refuses an unknown option with a usage line', async () => {
    const { code, stderr } = await moderateText('', ['--nope']);
    expect(code).toBe(2);
    expect(stderr).toContain('usage:');
  }, 30_000);
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLines } from './lines.js';

const dir = mkdtempSync(join(tmpdir(), 'gk-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function linesOf(content: string | Buffer) {
  const file = join(dir, `f${Math.random()}.txt`);
  writeFileSync(file, content);
  const out = [];
  for await (const l of readLines(file)) out.push(l);
  return out;
}

describe('readLines', () => {
  it('splits on \\n and \\r\\n, keeps empty lines and a last line without a newline', async () => {
    const lines = await linesOf('第一行\r\n\n第三行\nlast');
    expect(lines.map((l) => l.text)).toEqual(['第一行', '', '第三行', 'last']);
    // 第一行 is 9 bytes in UTF-8, plus \r\n.
    expect(lines.map((l) => l.bytes)).toEqual([11, 12, 22, 26]);
  });

  it('gives no extra line after a final newline, and none for an empty file', async () => {
    expect((await linesOf('a\nb\n')).map((l) => l.text)).toEqual(['a', 'b']);
    expect(await linesOf('')).toEqual([]);
  });

  it('decodes characters and lines that straddle the 1 MB read boundary', async () => {
    // 汉 is 3 bytes: a line of 400,000 of them (1.2 MB) crosses the first chunk mid-character.
    const long = '汉'.repeat(400_000);
    const lines = await linesOf(`${long}\n短行\n${long}`);
    expect(lines.map((l) => l.text.length)).toEqual([400_000, 2, 400_000]);
    expect(lines[0]?.text).toBe(long);
    expect(lines[1]?.text).toBe('短行');
    // Two long lines, 短行 (6 bytes) and two newlines.
    expect(lines[2]?.bytes).toBe(1_200_000 * 2 + 6 + 2);
  });
});

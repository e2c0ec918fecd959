// What the index stores for an item.
import { describe, expect, it } from 'vitest';
import {
  MAX_DOCUMENT_TOKEN_BYTES,
  TITLE_MARK,
  dayNumber,
  indexRowOf,
  tokenBytes,
} from './search.document.js';
import type { IndexSource } from './search.types.js';

const source = (over: Partial<IndexSource> = {}): IndexSource => ({
  itemId: 1,
  indexNumber: '11421100MA49/2024-00001',
  departmentId: 2,
  issuer: '黄冈市民政局',
  title: '低保标准',
  summary: '提高城乡低保标准',
  docNumber: '黄民发〔2024〕3号',
  publishedDate: '2024-03-01',
  year: 2024,
  topicId: null,
  category: 'notice',
  bodyHtml: '<p>各县市区：</p><p>自&nbsp;2024年起执行。</p>',
  attachmentTexts: ['附件一 名单'],
  ...over,
});

describe('index rows', () => {
  it('index the title (marked), summary, 文号, 索引号, issuer, body and attachments', () => {
    const row = indexRowOf(source(), 64, '2024-03-01T00:00:00Z', 1);
    for (const t of [
      `${TITLE_MARK}低保`,
      '低保',
      '城乡',
      '民发',
      '2024',
      '11421100ma49',
      '民政',
      '县市',
      '名单',
    ])
      expect(row.tokens, t).toContain(t);
    expect(row.contentFolded).toContain('自 2024年起执行');
    // Parts are kept apart: no term matches across the end of one and the start of the next.
    expect(row.contentFolded).not.toContain('标准提高');
  });

  it('keep at most MAX_DOCUMENT_TOKEN_BYTES of tokens (PostgreSQL’s tsvector limit), title tokens first', () => {
    const chars = Array.from({ length: 20_000 }, (_, i) => String.fromCharCode(0x4e00 + i)).join('');
    const strided = Array.from({ length: 20_000 }, (_, i) => chars[(i * 7) % 20_000]).join('');
    const body = chars + [...chars].reverse().join('') + strided;
    const row = indexRowOf(source({ bodyHtml: body }), 64, '', 1);
    const bytes = row.tokens.reduce((sum, t) => sum + tokenBytes(t), 0);
    expect(bytes).toBeLessThanOrEqual(MAX_DOCUMENT_TOKEN_BYTES);
    expect(bytes).toBeGreaterThan(MAX_DOCUMENT_TOKEN_BYTES - 20);
    expect(tokenBytes('政府')).toBe(12);
    expect(row.tokens.slice(0, 3)).toEqual([`${TITLE_MARK}低`, `${TITLE_MARK}保`, `${TITLE_MARK}低保`]);
  });

  it('number days from 1900 with UTC arithmetic', () => {
    expect(dayNumber('1900-01-01')).toBe(0);
    expect(dayNumber('1970-01-01')).toBe(25_567);
    expect(dayNumber('2024-03-01') - dayNumber('2024-02-28')).toBe(2);
  });
});

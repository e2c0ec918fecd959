// Open data: the public catalogue's metadata as CSV (UTF-8 with BOM, RFC 4180) and JSON Lines,
// streamed from the database batch by batch (never built in memory), with the 公开目录's filters.
import { Readable } from 'node:stream';
import {
  iteratePublicItems,
  toFilter,
  type PublicItemFilter,
  type PublicListEntry,
} from '../catalogue/public-items.service.js';
import type { App } from '../http/app-types.js';
import { publicTopics } from './portal.data.js';
import { CACHE_CONTROL } from './portal.cached-page.js';
import { categoryLabel, itemHref, validityLabel } from './portal.format.js';
import { ExportQuerySchema, readPublicQuery } from './portal.schemas.js';
import { csvLine } from './export.csv.js';

/** One exported record: the same fields in both formats. */
export interface ExportRecord {
  indexNumber: string;
  title: string;
  docNumber: string;
  issuer: string;
  departmentId: number;
  department: string;
  signedDate: string | null;
  publishedDate: string;
  topic: string | null;
  category: string;
  categoryLabel: string;
  validity: string | null;
  summary: string;
  url: string;
  updatedAt: string;
}

export const CSV_COLUMNS: readonly [keyof ExportRecord, string][] = [
  ['indexNumber', '索引号'],
  ['title', '名称'],
  ['docNumber', '文号'],
  ['issuer', '发布机构'],
  ['department', '所属机构'],
  ['signedDate', '成文日期'],
  ['publishedDate', '发布日期'],
  ['topic', '主题分类'],
  ['categoryLabel', '信息类别'],
  ['validity', '有效性'],
  ['summary', '内容概述'],
  ['url', '链接'],
  ['updatedAt', '更新时间'],
];

export function toExportRecord(e: PublicListEntry, baseUrl: string): ExportRecord {
  return {
    indexNumber: e.indexNumber,
    title: e.title,
    docNumber: e.docNumber,
    issuer: e.issuer || e.departmentName,
    departmentId: e.departmentId,
    department: e.departmentName,
    signedDate: e.signedDate,
    publishedDate: e.publishedDate,
    topic: e.topicName,
    category: e.category,
    categoryLabel: categoryLabel(e.category),
    validity: e.validity ? validityLabel(e.validity) : null,
    summary: e.summary,
    url: baseUrl + itemHref(e.itemId),
    updatedAt: e.updatedAt,
  };
}

const BATCH_LINES = 200;

async function* batched(lines: AsyncIterable<string>): AsyncGenerator<string> {
  let buffer: string[] = [];
  for await (const line of lines) {
    buffer.push(line);
    if (buffer.length >= BATCH_LINES) {
      yield buffer.join('');
      buffer = [];
    }
  }
  if (buffer.length > 0) yield buffer.join('');
}

function contentDisposition(ascii: string, chinese: string): string {
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(chinese)}`;
}

export async function exportRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;
  const base = app.ctx.config.publicBaseUrl;
  const schema = { querystring: ExportQuerySchema };

  async function filterOf(q: Parameters<typeof readPublicQuery>[0]): Promise<PublicItemFilter> {
    const query = readPublicQuery(q);
    return toFilter(db, query, query.topicId === undefined ? [] : await publicTopics(app));
  }

  app.get('/open-data/items.csv', { config: { permission: 'public' }, schema }, async (request, reply) => {
    const filter = await filterOf(request.query);
    async function* lines(): AsyncGenerator<string> {
      yield '\uFEFF' + csvLine(CSV_COLUMNS.map(([, label]) => label));
      for await (const e of iteratePublicItems(db, filter)) {
        const r = toExportRecord(e, base);
        yield csvLine(CSV_COLUMNS.map(([key]) => r[key]));
      }
    }
    return reply
      .header('Cache-Control', CACHE_CONTROL)
      .header('Content-Disposition', contentDisposition('gongkai-items.csv', '政府信息公开目录.csv'))
      .type('text/csv; charset=utf-8; header=present')
      .send(Readable.from(batched(lines())));
  });

  app.get('/open-data/items.jsonl', { config: { permission: 'public' }, schema }, async (request, reply) => {
    const filter = await filterOf(request.query);
    async function* lines(): AsyncGenerator<string> {
      for await (const e of iteratePublicItems(db, filter))
        yield `${JSON.stringify(toExportRecord(e, base))}\n`;
    }
    return reply
      .header('Cache-Control', CACHE_CONTROL)
      .header('Content-Disposition', contentDisposition('gongkai-items.jsonl', '政府信息公开目录.jsonl'))
      .type('application/jsonl; charset=utf-8')
      .send(Readable.from(batched(lines())));
  });
}

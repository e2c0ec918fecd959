// Bulk fixtures for search tests and the search bench: public items written straight into items
// and public_items (no workflow, no audit), many per statement, so that thousands of documents
// can be indexed quickly. Use makePublishedItem for anything that tests the workflow itself.
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { escapeHtml } from '../../src/http/html.js';

export interface FixtureDoc {
  departmentId: number;
  title: string;
  /** Plain text; each line becomes a paragraph. */
  body: string;
  summary?: string;
  docNumber?: string;
  category?: string;
  topicId?: number | null;
  /** YYYY-MM-DD */
  publishedDate: string;
  indexNumber?: string;
}

let serial = 0;

export function paragraphsHtml(text: string): string {
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => `<p>${escapeHtml(line.trim())}</p>`)
    .join('');
}

/** Inserts published public items (items + public_items rows); returns their ids in order. */
export async function insertPublicItems(
  db: Kysely<Database>,
  docs: readonly FixtureDoc[],
  batchSize = 250,
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < docs.length; i += batchSize) {
    const batch = docs.slice(i, i + batchSize);
    await db.transaction().execute(async (trx) => {
      const numbers = batch.map((d) => d.indexNumber ?? `FIXTURE/${d.publishedDate.slice(0, 4)}-${++serial}`);
      const at = (d: FixtureDoc) => `${d.publishedDate}T02:00:00.000Z`;
      const inserted = await trx
        .insertInto('items')
        .values(
          batch.map((d, k) => ({
            department_id: d.departmentId,
            index_number: numbers[k] ?? '',
            title: d.title,
            summary: d.summary ?? '',
            doc_number: d.docNumber ?? '',
            topic_id: d.topicId ?? null,
            category: d.category ?? 'notice',
            issuer: '',
            disclosure: 'proactive',
            disclosure_reason: '',
            scope: '',
            body: '',
            needs_interpretation: 0,
            interpretation_exempt_reason: '',
            pending_change_note: '',
            review_comment: '',
            withdraw_reason: '',
            pii_confirm_reason: '',
            source_url: '',
            status: 'published',
            current_version: 1,
            first_published_at: at(d),
            created_at: at(d),
            updated_at: at(d),
          })),
        )
        .returning('id')
        .execute();
      await trx
        .insertInto('public_items')
        .values(
          batch.map((d, k) => ({
            item_id: inserted[k]?.id ?? 0,
            index_number: numbers[k] ?? '',
            department_id: d.departmentId,
            issuer: '',
            title: d.title,
            summary: d.summary ?? '',
            doc_number: d.docNumber ?? '',
            signed_date: d.publishedDate,
            published_date: d.publishedDate,
            published_at: at(d),
            updated_at: at(d),
            year: Number(d.publishedDate.slice(0, 4)),
            topic_id: d.topicId ?? null,
            category: d.category ?? 'notice',
            validity: null,
            scope: '',
            body_html: paragraphsHtml(d.body),
            version: 1,
            interpretation_form: null,
          })),
        )
        .execute();
      ids.push(...inserted.map((r) => r.id));
    });
  }
  return ids;
}

/**
 * Short texts for recall tests: government terms that Intl.Segmenter splits badly (扶贫, 黄冈, 低保),
 * full-width characters, a phrase broken across lines, a 文号, characters outside the BMP, and one
 * text that has every bigram of 危险化学品 without the term.
 */
export const SEARCH_FIXTURE: readonly string[] = [
  '黄冈市人民政府办公室关于印发黄冈市危险化学品安全综合治理方案的通知',
  '市政府门户网站信息发布管理办法（试行）',
  '关于做好2024年城乡低保扶贫工作的通知：各县市区民政局，做好低保对象认定。',
  '全面推行行政许可事项清单管理，统一社会信用代码为９１４２１１００ＭＡ４９ＸＸＸＸ１Ｙ。',
  '扶 贫\n攻坚：黄冈\n市英山县脱贫攻坚成效显著',
  '政务公开工作要点（2023年）。推进政务公开标准化规范化。',
  '危险品经营许可证管理办法；保险化解风险；化学品分类存放。',
  '小微企业普惠金融服务；营商环境优化；听证程序；一网通办。',
  '黄政办发〔2017〕27号 黄冈市人民政府办公室 2017年5月10日',
  '𠀀𠀁古籍用字与「㈠」「①」等兼容字符',
];

// The site search's other sources: entries of the published 清单 and the 双公示 records within
// their 公示期 whose text contains the query (shown beside the catalogue's results on /search).
import type { Kysely } from 'kysely';
import { publicPartyName, searchPublicRecords } from '../credit/credit.service.js';
import { CREDIT_KIND_LABELS } from '../credit/credit.types.js';
import type { Database } from '../db/database.js';
import { searchPublishedEntries, type EntrySearchHit } from '../lists/lists.service.js';
import { creditCodeProblem, normaliseCreditCode } from '../orgs/credit-code.js';

/** How many hits of each source the search page lists (the rest are one link away). */
export const RELATED_LIMIT = 5;

export interface CreditSearchHit {
  id: number;
  /** Masked where the party is a natural person. */
  partyName: string;
  kindLabel: string;
  departmentName: string;
  decisionDate: string;
}

export interface RelatedResults {
  lists: { total: number; hits: EntrySearchHit[] };
  credit: { total: number; more: boolean; byCode: boolean; hits: CreditSearchHit[] };
}

export async function searchRelated(db: Kysely<Database>, q: string): Promise<RelatedResults> {
  const code = normaliseCreditCode(q);
  const byCode = creditCodeProblem(code) === undefined;
  const [lists, credit] = await Promise.all([
    searchPublishedEntries(db, q, RELATED_LIMIT),
    searchPublicRecords(db, byCode ? { code } : { name: q.trim() }, { limit: RELATED_LIMIT, offset: 0 }),
  ]);
  return {
    lists,
    credit: {
      total: credit.total,
      more: credit.more,
      byCode,
      hits: credit.records.map((r) => ({
        id: r.id,
        partyName: publicPartyName(r),
        kindLabel: CREDIT_KIND_LABELS[r.kind],
        departmentName: r.departmentName,
        decisionDate: r.decisionDate,
      })),
    },
  };
}

// Each process's first search reads every document's filter values (attributesSince): on SQLite
// that read must come from the index that holds them (migration 2026-12-07T1600), never from the
// rows, whose folded text comes before `version` (reading it walked the text: the whole table).
import type { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../test/helpers/db.js';
import type { Db } from '../db/database.js';
import { dialectOf } from '../db/dialect.js';
import { attributesSince } from './search.repository.js';

let db: Db;
const queries: CompiledQuery[] = [];

beforeAll(async () => {
  db = await createTestDb({
    onQuery: (e) => {
      if (e.level === 'query') queries.push(e.query);
    },
  });
});
afterAll(async () => db.close());

describe('reading the filter values', () => {
  it('SQLite reads them from the covering index alone, however many versions it reads', async (ctx) => {
    if (dialectOf(db.kysely) !== 'sqlite') ctx.skip();
    for (const since of [0, 5]) {
      queries.length = 0;
      await attributesSince(db.kysely, since);
      const [q] = queries;
      if (!q) throw new Error('no query');
      const plan = db.sqlite?.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as {
        detail: string;
      }[];
      const details = plan.map((r) => r.detail).join('; ');
      expect(details).toContain('COVERING INDEX search_docs_attributes_idx');
    }
  });
});

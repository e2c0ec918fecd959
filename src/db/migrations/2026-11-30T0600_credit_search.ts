// 双公示: an index for partial search of 相对人名称 and for lookups in date order, and import jobs
// (a large upload runs in the background and shows its progress). A name's folded form is kept
// in credit_records.name_folded (to check candidates for the exact substring); its tokens (every
// character and every pair of adjacent characters, as hex code points) live in an FTS5 table on
// SQLite (rowid = credit_records.id) and in a tsvector with a GIN index on PostgreSQL. Natural
// persons get no tokens. Frozen in time: imports nothing from the app (the folding is copied).
import { sql, type Kysely } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

function fold(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

function tokens(folded: string): string {
  const chars = [...folded].map((c) => (c.codePointAt(0) ?? 0).toString(16).padStart(6, '0'));
  const out = new Set<string>();
  chars.forEach((c, i) => {
    out.add(`x${c}`);
    const next = chars[i + 1];
    if (next) out.add(`x${c}${next}`);
  });
  return [...out].join(' ');
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .alterTable('credit_records')
    .addColumn('name_folded', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  if (pg) {
    await sql`ALTER TABLE credit_records ADD COLUMN name_tokens tsvector`.execute(db);
  } else {
    await sql`CREATE VIRTUAL TABLE credit_name_fts USING fts5(
      tokens, content='', contentless_delete=1, detail=none, tokenize='ascii'
    )`.execute(db);
  }
  const rows = await db.selectFrom('credit_records').select(['id', 'party_name', 'party_category']).execute();
  for (const r of rows as { id: number; party_name: string; party_category: string }[]) {
    const folded = fold(r.party_name);
    const t = r.party_category === '自然人' ? '' : tokens(folded);
    await db.updateTable('credit_records').set({ name_folded: folded }).where('id', '=', r.id).execute();
    if (pg)
      await sql`UPDATE credit_records SET name_tokens = array_to_tsvector(string_to_array(${t}, ' ')) WHERE id = ${r.id}`.execute(
        db,
      );
    else if (t) await sql`INSERT INTO credit_name_fts (rowid, tokens) VALUES (${r.id}, ${t})`.execute(db);
  }
  if (pg)
    await sql`CREATE INDEX credit_records_tokens_gin ON credit_records USING gin (name_tokens)`.execute(db);
  // Names are searched through the tokens now; the B-tree on party_name served only LIKE '%…%'.
  await db.schema.dropIndex('credit_records_name_idx').execute();
  await db.schema
    .createIndex('credit_records_date_idx')
    .on('credit_records')
    .columns(['decision_date', 'id'])
    .execute();

  const table = db.schema.createTable('credit_import_jobs');
  const jobs = (
    pg
      ? table.addColumn('id', 'serial', (c) => c.primaryKey())
      : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
  )
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('valid_only', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status IN ('validating', 'importing', 'done', 'failed')`),
    )
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('imported', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bad_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('problems_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());
  await jobs.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('credit_import_jobs').execute();
  await db.schema.dropIndex('credit_records_date_idx').execute();
  await db.schema
    .createIndex('credit_records_name_idx')
    .on('credit_records')
    .columns(['party_name'])
    .execute();
  if (isPostgres(db)) {
    await sql`DROP INDEX credit_records_tokens_gin`.execute(db);
    await sql`ALTER TABLE credit_records DROP COLUMN name_tokens`.execute(db);
  } else await sql`DROP TABLE credit_name_fts`.execute(db);
  await db.schema.alterTable('credit_records').dropColumn('name_folded').execute();
}

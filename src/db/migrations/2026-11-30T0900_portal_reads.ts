// The portal's reads, two parts. Frozen in time.
// 1. PostgreSQL only: public_item_page(id), everything an item's public page shows (the item, its
//    department's and topic's names, attachments, published versions, links both ways) as one JSON
//    object with the same keys as the portable query in public-items.repository.ts. As one SQL
//    statement that query costs PostgreSQL more to plan (≈ 3 ms of CPU) than to run; a PL/pgSQL
//    function keeps its plan per connection, so a page costs one round trip and no planning.
// 2. Both databases: the 年度报告 column (topic `annual-reports` under 政务公开工作, not a key area)
//    for installations whose default topics were seeded before it was one of them.
import { sql, type Kysely } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`
      CREATE FUNCTION public_item_page(wanted integer) RETURNS jsonb
      LANGUAGE plpgsql STABLE AS $$
      DECLARE
        result jsonb;
      BEGIN
        SELECT to_jsonb(p) || jsonb_build_object(
          'd_full_name', d.full_name,
          'd_short_name', d.short_name,
          'd_credit_code', d.credit_code,
          't_parent_id', t.parent_id,
          't_name', t.name,
          't_slug', t.slug,
          't_description', t.description,
          't_is_key_area', t.is_key_area,
          't_sort_order', t.sort_order,
          'pt_id', pt.id,
          'pt_name', pt.name,
          'pt_slug', pt.slug,
          'pt_description', pt.description,
          'pt_is_key_area', pt.is_key_area,
          'pt_sort_order', pt.sort_order,
          'attachments_json', (
            SELECT coalesce(jsonb_agg(jsonb_build_object(
              'id', a.id, 'file_name', a.file_name, 'media_type', a.media_type,
              'size', a.size, 'sort_order', a.sort_order)), '[]'::jsonb)
            FROM attachments a WHERE a.item_id = p.item_id),
          'versions_json', (
            SELECT coalesce(jsonb_agg(jsonb_build_object(
              'version', v.version, 'title', v.title, 'change_note', v.change_note,
              'published_at', v.published_at)), '[]'::jsonb)
            FROM item_versions v
            WHERE v.item_id = p.item_id AND v.version <= p.version AND p.version > 1),
          'links_out_json', (
            SELECT coalesce(jsonb_agg(jsonb_build_object(
              'item_id', o.item_id, 'title', o.title, 'index_number', o.index_number,
              'category', o.category, 'published_date', o.published_date,
              'published_at', o.published_at, 'interpretation_form', o.interpretation_form,
              'kind', l.kind, 'other_end', l.to_item_id)), '[]'::jsonb)
            FROM item_links l JOIN public_items o ON o.item_id = l.to_item_id
            WHERE l.from_item_id = p.item_id),
          'links_in_json', (
            SELECT coalesce(jsonb_agg(jsonb_build_object(
              'item_id', o.item_id, 'title', o.title, 'index_number', o.index_number,
              'category', o.category, 'published_date', o.published_date,
              'published_at', o.published_at, 'interpretation_form', o.interpretation_form,
              'kind', l.kind, 'other_end', l.from_item_id)), '[]'::jsonb)
            FROM item_links l JOIN public_items o ON o.item_id = l.from_item_id
            WHERE l.to_item_id = p.item_id)
        )
        INTO result
        FROM public_items p
        LEFT JOIN departments d ON d.id = p.department_id
        LEFT JOIN topics t ON t.id = p.topic_id
        LEFT JOIN topics pt ON pt.id = t.parent_id
        WHERE p.item_id = wanted;
        RETURN result;
      END $$`.execute(db);
  }

  const group = await db
    .selectFrom('topics')
    .select('id')
    .where('slug', '=', 'openness-work')
    .where('parent_id', 'is', null)
    .executeTakeFirst();
  const taken = await db
    .selectFrom('topics')
    .select('id')
    .where('slug', '=', 'annual-reports')
    .executeTakeFirst();
  // An empty table is seeded with the whole default list (the column included) at start-up.
  if (group && !taken) {
    const last = await db
      .selectFrom('topics')
      .select((eb) => eb.fn.max('sort_order').as('n'))
      .where('parent_id', '=', group.id)
      .executeTakeFirst();
    const at = new Date().toISOString();
    await db
      .insertInto('topics')
      .values({
        parent_id: group.id,
        name: '政府信息公开工作年度报告',
        slug: 'annual-reports',
        description: '',
        is_key_area: 0,
        sort_order: Number(last?.n ?? 0) + 10,
        active: 1,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await sql`DROP FUNCTION public_item_page(integer)`.execute(db);
}

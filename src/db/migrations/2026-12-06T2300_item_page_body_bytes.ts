// PostgreSQL only: the item page's function returns the body apart, as bytes. public_item_page(id)
// (2026-11-30T0900) put the body's HTML into its JSON: PostgreSQL escaped it into JSON text, the
// server parsed that text back into a string and encoded the string into the page's UTF-8 again.
// public_item_page_parts(id) returns (page_json, body_bytes): the same JSON without body_html, and
// the body as bytea, which goes into the page as it is (as SQLite's BLOB does). Measured at the
// bench's 100,000 items: 0.14 → 0.11 ms of the server's CPU per call. Frozen in time.
import { sql, type Kysely } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

/**
 * The page's JSON keys that come from joined rows (department, topic and its parent) and its
 * lists (attachments, versions, links both ways): the same in both functions.
 */
const JOINED_AND_LISTS = sql.raw(`jsonb_build_object(
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
)`);

/** The page's row and its joins, for the item `wanted`. */
const FROM_PAGE = sql.raw(`
FROM public_items p
LEFT JOIN departments d ON d.id = p.department_id
LEFT JOIN topics t ON t.id = p.topic_id
LEFT JOIN topics pt ON pt.id = t.parent_id
WHERE p.item_id = wanted`);

/** Creates public_item_page_parts as this migration made it (2026-12-07T0100's down uses it too). */
export async function createItemPagePartsFunction(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION public_item_page_parts(wanted integer)
    RETURNS TABLE (page_json jsonb, body_bytes bytea)
    LANGUAGE plpgsql STABLE AS $$
    BEGIN
      RETURN QUERY SELECT jsonb_build_object(
        'item_id', p.item_id,
        'index_number', p.index_number,
        'department_id', p.department_id,
        'issuer', p.issuer,
        'title', p.title,
        'summary', p.summary,
        'doc_number', p.doc_number,
        'signed_date', p.signed_date,
        'published_date', p.published_date,
        'published_at', p.published_at,
        'updated_at', p.updated_at,
        'year', p.year,
        'topic_id', p.topic_id,
        'category', p.category,
        'validity', p.validity,
        'scope', p.scope,
        'version', p.version,
        'interpretation_form', p.interpretation_form
      ) || ${JOINED_AND_LISTS}, convert_to(p.body_html, 'UTF8')
      ${FROM_PAGE};
    END $$`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await createItemPagePartsFunction(db);
  await sql`DROP FUNCTION public_item_page(integer)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`DROP FUNCTION public_item_page_parts(integer)`.execute(db);
  // public_item_page as 2026-11-30T0900 created it (that migration's other part, a default topic,
  // is not this migration's to repeat).
  await sql`
    CREATE FUNCTION public_item_page(wanted integer) RETURNS jsonb
    LANGUAGE plpgsql STABLE AS $$
    DECLARE
      result jsonb;
    BEGIN
      SELECT to_jsonb(p) || ${JOINED_AND_LISTS}
      INTO result
      ${FROM_PAGE};
      RETURN result;
    END $$`.execute(db);
}

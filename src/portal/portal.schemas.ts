// Request schemas of the public pages and downloads, and how their filter values are read.
import { Type, type Static } from '@sinclair/typebox';
import { ITEM_CATEGORIES, type ItemCategory } from '../catalogue/catalogue.types.js';
import type { PublicQuery } from '../catalogue/public-items.service.js';

/** An optional whole number as a query value; the empty string (a form's 全部 option) means "any". */
const OptionalId = Type.Optional(Type.String({ pattern: '^[0-9]{0,9}$' }));

export const CategoryLiteral = Type.Union(ITEM_CATEGORIES.map((c) => Type.Literal(c)));

/** The 公开目录's filters, as a GET form sends them. */
export const CatalogueQuerySchema = Type.Object(
  {
    department: OptionalId,
    topic: OptionalId,
    category: Type.Optional(Type.Union([Type.Literal(''), CategoryLiteral])),
    year: Type.Optional(Type.String({ pattern: '^([0-9]{4})?$' })),
    page: OptionalId,
  },
  { additionalProperties: false },
);
export type CatalogueQueryString = Static<typeof CatalogueQuerySchema>;

/** The filters of a download (no page). */
export const ExportQuerySchema = Type.Object(
  {
    department: OptionalId,
    topic: OptionalId,
    category: Type.Optional(Type.Union([Type.Literal(''), CategoryLiteral])),
    year: Type.Optional(Type.String({ pattern: '^([0-9]{4})?$' })),
  },
  { additionalProperties: false },
);

function id(v: string | undefined): number | undefined {
  return v ? Number(v) : undefined;
}

export function readPublicQuery(q: {
  department?: string | undefined;
  topic?: string | undefined;
  category?: ItemCategory | '' | undefined;
  year?: string | undefined;
}): PublicQuery {
  return {
    departmentId: id(q.department),
    topicId: id(q.topic),
    category: q.category || undefined,
    year: id(q.year),
  };
}

/** Whether the query carries empty values (a submitted filter form) and so has a shorter canonical URL. */
export function hasEmptyValues(q: Readonly<Record<string, string | undefined>>): boolean {
  return Object.values(q).some((v) => v === '');
}

export const ItemParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

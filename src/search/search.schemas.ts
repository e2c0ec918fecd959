// Query and response schemas of the search page and the search API (also their OpenAPI document).
import { Type, type Static } from '@sinclair/typebox';
import { ITEM_CATEGORIES } from '../catalogue/catalogue.types.js';
import { SEARCH_SORTS } from './search.types.js';

/** Pages beyond this are not served: refine the query instead (50 pages of 20). */
export const MAX_PAGE = 50;
export const PAGE_SIZE = 20;

const CategoryLiteral = Type.Union(ITEM_CATEGORIES.map((c) => Type.Literal(c)));
const SortLiteral = Type.Union(SEARCH_SORTS.map((s) => Type.Literal(s)));
/** A GET form's optional number: digits, or '' for its 全部 option. */
const OptionalNumber = Type.Optional(Type.String({ maxLength: 9, pattern: '^[0-9]*$' }));

/** GET /search, as the search and filter forms send it ('' from a form's 全部 option means no filter). */
export const SearchPageQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    department: OptionalNumber,
    topic: OptionalNumber,
    category: Type.Optional(Type.Union([Type.Literal(''), CategoryLiteral])),
    year: OptionalNumber,
    sort: Type.Optional(Type.Union([Type.Literal(''), SortLiteral])),
    page: OptionalNumber,
  },
  { additionalProperties: false },
);
export type SearchPageQuery = Static<typeof SearchPageQuerySchema>;

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export const SearchApiQuerySchema = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: 100,
      description: '关键词；多个词语用空格分开，也可输入文号或索引号',
    }),
    department: Type.Optional({ ...Id, description: '发布机构 id' }),
    topic: Type.Optional({ ...Id, description: '主题分类 id（含其下级分类）' }),
    category: Type.Optional(CategoryLiteral),
    year: Type.Optional(Type.Integer({ minimum: 1949, maximum: 2100, description: '发布年份' })),
    sort: Type.Optional({ ...SortLiteral, description: 'relevance（默认）或 date' }),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: PAGE_SIZE })),
  },
  { additionalProperties: false },
);
export type SearchApiQuery = Static<typeof SearchApiQuerySchema>;

const FacetSchema = <K extends ReturnType<typeof Type.Integer> | typeof CategoryLiteral>(key: K) =>
  Type.Array(Type.Object({ value: key, label: Type.String(), count: Type.Integer() }));

export const SearchApiResponseSchema = Type.Object({
  total: Type.Integer({ description: '结果总数' }),
  approximate: Type.Boolean({
    description: '为 true 时总数与分面计数为估计值（候选过多或核对超时，未逐条核对）；返回的结果均已核对',
  }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  pageCount: Type.Integer(),
  terms: Type.Array(Type.String(), { description: '实际检索的词语（已规范化）' }),
  hits: Type.Array(
    Type.Object({
      id: Type.Integer(),
      title: Type.String({ description: '名称（纯文本）' }),
      titleHtml: Type.String({ description: '名称，HTML 转义，检索词以 <mark> 标出' }),
      snippetHtml: Type.String({ description: '摘要，HTML 转义，检索词以 <mark> 标出' }),
      indexNumber: Type.String({ description: '索引号' }),
      docNumber: Type.String({ description: '文号（可为空字符串）' }),
      department: Type.Object({ id: Type.Integer(), name: Type.String() }),
      publishedDate: Type.String({ format: 'date' }),
      category: CategoryLiteral,
      categoryLabel: Type.String(),
      titleMatch: Type.Boolean({ description: '名称中含有检索词' }),
      numberMatch: Type.Boolean({ description: '检索词即该信息的文号或索引号' }),
      url: Type.String(),
    }),
  ),
  facets: Type.Object({
    departments: FacetSchema(Type.Integer()),
    topics: FacetSchema(Type.Integer()),
    categories: FacetSchema(CategoryLiteral),
    years: FacetSchema(Type.Integer()),
  }),
});
export type SearchApiResponse = Static<typeof SearchApiResponseSchema>;

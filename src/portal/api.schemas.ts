// Response and query schemas of the public catalogue API (they are also its OpenAPI document).
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { INTERPRETATION_FORMS, VALIDITY_STATES } from '../catalogue/catalogue.types.js';
import { CategoryLiteral } from './portal.schemas.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const DateText = Type.String({ format: 'date', description: 'YYYY-MM-DD（北京时间日历日期）' });
const Instant = Type.String({ format: 'date-time', description: 'ISO 8601，UTC' });

export const ItemsQuerySchema = Type.Object(
  {
    department: Type.Optional(Id),
    topic: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: '主题分类 id（含其下级分类）' }),
    ),
    category: Type.Optional(CategoryLiteral),
    year: Type.Optional(Type.Integer({ minimum: 1949, maximum: 2100, description: '发布年份' })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: '上一页响应中的 nextCursor' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);
export type ItemsQuery = Static<typeof ItemsQuerySchema>;

const NamedRef = Type.Object({ id: Type.Integer(), name: Type.String() });

export const ItemSummarySchema = Type.Object({
  id: Type.Integer(),
  indexNumber: Type.String({ description: '索引号' }),
  title: Type.String({ description: '名称' }),
  summary: Type.String({ description: '内容概述' }),
  docNumber: Type.String({ description: '文号（可为空字符串）' }),
  issuer: Type.String({ description: '发布机构' }),
  department: NamedRef,
  signedDate: Nullable(DateText),
  publishedDate: DateText,
  publishedAt: Instant,
  updatedAt: Instant,
  topic: Nullable(NamedRef),
  category: CategoryLiteral,
  categoryLabel: Type.String({ description: '信息类别' }),
  validity: Nullable(Type.Union(VALIDITY_STATES.map((v) => Type.Literal(v)))),
  version: Type.Integer({ description: '现行版本号' }),
  url: Type.String({ description: '公开页面地址' }),
});

const LinkedSchema = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  indexNumber: Type.String(),
  url: Type.String(),
});

export const ItemDetailSchema = Type.Object({
  ...ItemSummarySchema.properties,
  scope: Type.String({ description: '公开范围' }),
  bodyHtml: Type.String({ description: '正文（已净化的 HTML）' }),
  interpretationForm: Nullable(Type.Union(INTERPRETATION_FORMS.map((f) => Type.Literal(f)))),
  attachments: Type.Array(
    Type.Object({
      id: Type.Integer(),
      fileName: Type.String(),
      mediaType: Type.String(),
      size: Type.Integer(),
      url: Type.String(),
    }),
  ),
  interpretations: Type.Array(LinkedSchema, { description: '相关解读' }),
  policies: Type.Array(LinkedSchema, { description: '相关政策（本解读所解读的文件）' }),
  versions: Type.Array(
    Type.Object({
      version: Type.Integer(),
      title: Type.String(),
      changeNote: Type.String(),
      publishedAt: Instant,
    }),
  ),
});

export const ItemsPageSchema = Type.Object({
  items: Type.Array(ItemSummarySchema),
  nextCursor: Nullable(Type.String({ description: '下一页的游标；没有更多时为 null' })),
});

export const TopicSchema = Type.Object({
  id: Type.Integer(),
  parentId: Nullable(Type.Integer()),
  name: Type.String(),
  slug: Type.String(),
  description: Type.String(),
  isKeyArea: Type.Boolean({ description: '是否重点领域（专题专栏）' }),
  url: Type.String(),
  feedUrl: Type.String(),
});

export const ApiErrorSchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    fields: Type.Optional(Type.Record(Type.String(), Type.String())),
  }),
});

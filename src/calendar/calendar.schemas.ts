// TypeBox schemas of the calendar's HTTP edges: the public JSON API and the HTML forms.
import { Type, type Static } from '@sinclair/typebox';
import { MAX_WORKDAYS } from './calendar.rules.js';

/** Checked in full (a real date, 1900–2200) by parseDate, which gives the Chinese message. */
const ApiDate = Type.String({
  maxLength: 32,
  description: '北京时间的日历日期，格式 YYYY-MM-DD，年份 1900–2200',
  examples: ['2024-09-30'],
});

export const DayParams = Type.Object({ date: ApiDate });

export const AddQuery = Type.Object({
  from: ApiDate,
  workdays: Type.Integer({
    minimum: -MAX_WORKDAYS,
    maximum: MAX_WORKDAYS,
    description: '工作日数；起算日不计入，负数表示向前倒数，0 表示起算日本身',
  }),
});

export const CountQuery = Type.Object({ from: ApiDate, to: ApiDate });

export const DayResponse = Type.Object({
  date: Type.String(),
  workday: Type.Boolean(),
  official: Type.Boolean({ description: '该年份是否有国务院公布的节假日安排；否则仅按周末判断' }),
  name: Type.Optional(Type.String({ description: '法定节假日或调休上班日所属的节日名称' })),
});

export const AddResponse = Type.Object({
  from: Type.String(),
  workdays: Type.Integer(),
  date: Type.String({ description: '起算日之后的第 n 个工作日' }),
  official: Type.Boolean(),
});

export const CountResponse = Type.Object({
  from: Type.String(),
  to: Type.String(),
  workdays: Type.Integer({ description: '闭区间 [from, to] 内的工作日数' }),
  official: Type.Boolean(),
});

export const ApiErrorResponse = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    fields: Type.Optional(Type.Record(Type.String(), Type.String())),
  }),
});

const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

/** The 期限计算器's two GET forms: from + workdays, and start + end. */
export const CalculatorQuery = Type.Object({
  from: Text(100),
  workdays: Text(100),
  start: Text(100),
  end: Text(100),
});
export type CalculatorQuery = Static<typeof CalculatorQuery>;

export const YearParams = Type.Object({ year: Type.Integer({ minimum: 1900, maximum: 2200 }) });
export const YearDayParams = Type.Object({
  year: Type.Integer({ minimum: 1900, maximum: 2200 }),
  date: Type.String({ maxLength: 32 }),
});

export const CONSOLE_NOTICES = ['added', 'removed', 'official', 'unofficial', 'imported'] as const;
export type ConsoleNotice = (typeof CONSOLE_NOTICES)[number];

export const ConsoleListQuery = Type.Object({
  year: Text(100),
  done: Type.Optional(Type.Union(CONSOLE_NOTICES.map((n) => Type.Literal(n)))),
});
export const ConsoleYearQuery = Type.Object({
  done: Type.Optional(Type.Union(CONSOLE_NOTICES.map((n) => Type.Literal(n)))),
});

export const AddDayBody = Type.Object(
  { date: Text(100), kind: Text(20), name: Text(200) },
  { additionalProperties: false },
);
export const OfficialBody = Type.Object(
  { source: Text(1000), note: Text(2000) },
  { additionalProperties: false },
);
export const EmptyBody = Type.Object({}, { additionalProperties: false });
export const ImportBody = Type.Object(
  { json: Text(500_000), source: Text(1000), official: Text(10) },
  { additionalProperties: false },
);

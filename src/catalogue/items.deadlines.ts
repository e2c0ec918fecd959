// Art. 26 of the 条例: 主动公开 information is published within 20 working days of being formed
// (成文日期, day 0). Working days come from the official calendar.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { addWorkdays } from '../calendar/calendar.service.js';
import { shanghaiDate } from '../shared/clock.js';
import { DUE_SOON_WORKDAYS, PUBLICATION_WORKDAYS } from './items.types.js';

/** The few calendar answers the catalogue needs. */
export interface WorkdayCalendar {
  addWorkdays(from: string, n: number): Promise<string>;
}

/** The official working-day calendar of `calendar` (weekends alone for years it lacks). */
export function workdayCalendar(db: Kysely<Database>): WorkdayCalendar {
  return { addWorkdays: async (from, n) => (await addWorkdays(db, from, n)).date };
}

/** 成文日期 (or, without one, the day the draft was created) + 20 working days. */
export function publicationDueDate(calendar: WorkdayCalendar, formedOn: string): Promise<string> {
  return calendar.addWorkdays(formedOn, PUBLICATION_WORKDAYS);
}

export const DEADLINE_STATES = ['on_time', 'late', 'due_soon', 'open', 'published_late'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];
export const DEADLINE_LABELS: Record<DeadlineState, string> = {
  on_time: '按时发布',
  published_late: '超期发布',
  late: '已超期',
  due_soon: '即将到期',
  open: '未到期',
};

/** The thresholds of one day: today and the last date that counts as "due soon". */
export interface DeadlineDay {
  today: string;
  soon: string;
}

export async function deadlineDay(
  calendar: WorkdayCalendar,
  today: string = shanghaiDate(),
): Promise<DeadlineDay> {
  return { today, soon: await calendar.addWorkdays(today, DUE_SOON_WORKDAYS) };
}

/** Where an item stands against its due date. */
export function deadlineState(
  item: { dueDate: string | null; firstPublishedAt: string | null; publishedOnTime: boolean | null },
  day: DeadlineDay,
): DeadlineState | null {
  if (item.firstPublishedAt !== null) {
    if (item.publishedOnTime === null) return null;
    return item.publishedOnTime ? 'on_time' : 'published_late';
  }
  if (!item.dueDate) return null;
  if (day.today > item.dueDate) return 'late';
  return item.dueDate <= day.soon ? 'due_soon' : 'open';
}

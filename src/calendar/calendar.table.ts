import type { Selectable } from 'kysely';

/** One exceptional date: an official day off, or a weekend 调休 working day. */
export interface CalendarDaysTable {
  date: string;
  year: number;
  kind: string;
  name: string;
  updated_at: string;
}

/** A year for which the official State Council notice has been loaded. */
export interface CalendarYearsTable {
  year: number;
  source: string;
  note: string;
  updated_at: string;
}

export type CalendarDayRow = Selectable<CalendarDaysTable>;
export type CalendarYearRow = Selectable<CalendarYearsTable>;

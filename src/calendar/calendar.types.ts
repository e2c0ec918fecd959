// Domain types of the calendar module (the pure rules' types live in calendar.rules.ts).
import type { DayKind } from './calendar.rules.js';

/** A stored exceptional date: an official day off, or a weekend 调休 working day. */
export interface CalendarDay {
  date: string;
  year: number;
  kind: DayKind;
  name: string;
  updatedAt: string;
}

/** A year whose official notice is in force (its days count); `source` names the notice. */
export interface CalendarYear {
  year: number;
  source: string;
  note: string;
  updatedAt: string;
}

/** One line of the console's list of years. */
export interface CalendarYearSummary {
  year: number;
  official: boolean;
  source: string;
  offDays: number;
  workdays: number;
}

/** A year's page in the console: its status and every stored day. */
export interface CalendarYearDetail {
  year: number;
  official: CalendarYear | undefined;
  days: CalendarDay[];
}

export interface CalendarDayInput {
  date: string;
  kind: string;
  name: string;
}

export interface CalendarImportInput {
  json: string;
  source: string;
  /** Whether the imported years take effect at once (else they are kept as drafts). */
  official: boolean;
}

export interface ImportedYear {
  year: number;
  offDays: number;
  workdays: number;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../test/helpers/db.js';
import { loadBundledCalendar } from '../calendar/calendar.service.js';
import type { Db } from '../db/database.js';
import { deadlineDay, deadlineState, publicationDueDate, workdayCalendar } from './items.deadlines.js';

describe('Art. 26 publication deadline', () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
    await loadBundledCalendar(db.kysely);
  });
  afterAll(async () => db.close());

  it('is 20 working days after 成文日期 on the official calendar', async () => {
    const cal = workdayCalendar(db.kysely);
    // 2024-09-20 (Fri) + 20 working days: 中秋/国庆 off, 09-29 and 10-12 are 调休 working days.
    expect(await publicationDueDate(cal, '2024-09-20')).toBe('2024-10-23');
  });

  it('flags late, due within 3 working days, open, and records on-time publication', async () => {
    const day = await deadlineDay(workdayCalendar(db.kysely), '2024-10-08');
    const open = { firstPublishedAt: null, publishedOnTime: null };
    expect(day.soon).toBe('2024-10-11');
    expect(deadlineState({ ...open, dueDate: '2024-10-07' }, day)).toBe('late');
    expect(deadlineState({ ...open, dueDate: '2024-10-08' }, day)).toBe('due_soon');
    expect(deadlineState({ ...open, dueDate: '2024-10-11' }, day)).toBe('due_soon');
    expect(deadlineState({ ...open, dueDate: '2024-10-12' }, day)).toBe('open');
    expect(deadlineState({ ...open, dueDate: null }, day)).toBeNull();
    const published = { dueDate: '2024-10-07', firstPublishedAt: '2024-10-01T00:00:00Z' };
    expect(deadlineState({ ...published, publishedOnTime: true }, day)).toBe('on_time');
    expect(deadlineState({ ...published, publishedOnTime: false }, day)).toBe('published_late');
  });
});

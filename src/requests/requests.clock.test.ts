// The legal clock on the bundled official calendar, table-driven. Every expected date was counted
// by hand from the 国务院办公厅 notices (holidays.json), day by day.
import { describe, expect, it } from 'vitest';
import { Calendar } from '../calendar/calendar.rules.js';
import { bundledCalendar } from '../calendar/calendar.service.js';
import { computeClock, correctionRefusal, type ClockEventInput } from './requests.clock.js';

const data = bundledCalendar();
const cal = new Calendar(
  data.flatMap((y) => y.entries),
  data.map((y) => y.year),
);

interface Case {
  name: string;
  received: string;
  events?: ClockEventInput[];
  today: string;
  deadline: string | null;
  left?: number | null;
  paused?: string | null;
  dueSoon?: boolean;
  overdue?: boolean;
  closable?: string | null;
}

const CASES: Case[] = [
  {
    name: 'receipt on the Friday before National Day 2024 (Sun 09-29 and Sat 10-12 are 调休 working days)',
    received: '2024-09-27',
    today: '2024-09-27',
    deadline: '2024-10-30',
    left: 20,
  },
  {
    name: 'receipt on the Friday before Spring Festival 2024 (Sun 02-18 is a 调休 working day)',
    received: '2024-02-09',
    today: '2024-02-12',
    deadline: '2024-03-14',
    left: 20,
  },
  {
    name: 'Spring Festival 2026 with 调休 Saturdays 02-14 and 02-28',
    received: '2026-02-13',
    today: '2026-02-13',
    deadline: '2026-03-19',
  },
  {
    name: '2008 条例: received 2019-05-14 → 15 working days',
    received: '2019-05-14',
    today: '2019-05-14',
    deadline: '2019-06-04',
  },
  {
    name: '2008 条例: extension of 15 more working days across 端午 2019',
    received: '2019-05-14',
    events: [{ kind: 'extended', date: '2019-05-30', days: 15 }],
    today: '2019-05-30',
    deadline: '2019-06-26',
  },
  {
    name: '2008 条例: an extension is capped at 15 working days',
    received: '2019-05-14',
    events: [{ kind: 'extended', date: '2019-05-30', days: 20 }],
    today: '2019-05-30',
    deadline: '2019-06-26',
  },
  {
    name: '2019 条例 from 2019-05-15: 20 working days',
    received: '2019-05-15',
    today: '2019-05-15',
    deadline: '2019-06-13',
  },
  {
    name: '补正 pending: the clock is stopped, no deadline',
    received: '2025-03-03',
    events: [{ kind: 'correction_requested', date: '2025-03-10', dueDate: '2025-04-30' }],
    today: '2025-04-01',
    deadline: null,
    left: null,
    paused: 'correction',
    closable: null,
  },
  {
    name: '补正 arriving after a long gap (and 劳动节 2025): 20 working days again from that day',
    received: '2025-03-03',
    events: [
      { kind: 'correction_requested', date: '2025-03-10', dueDate: '2025-04-30' },
      { kind: 'correction_received', date: '2025-04-28' },
    ],
    today: '2025-05-06',
    deadline: '2025-05-29',
    left: 17,
    paused: null,
  },
  {
    name: 'no 补正 by its deadline → closable as 视为放弃',
    received: '2025-03-03',
    events: [{ kind: 'correction_requested', date: '2025-03-05', dueDate: '2025-03-24' }],
    today: '2025-03-25',
    deadline: null,
    paused: 'correction',
    closable: 'no_correction',
  },
  {
    name: 'consultation spanning National Day 2025 (9 working days not counted)',
    received: '2025-09-15',
    events: [
      { kind: 'consultation_started', date: '2025-09-26' },
      { kind: 'consultation_ended', date: '2025-10-15' },
    ],
    today: '2025-10-15',
    deadline: '2025-10-30',
    paused: null,
  },
  {
    name: 'consultation still open: the deadline moves with each working day',
    received: '2025-09-15',
    events: [{ kind: 'consultation_started', date: '2025-09-26' }],
    today: '2025-10-01',
    deadline: '2025-10-22',
    paused: 'consultation',
    overdue: false,
  },
  {
    name: 'extension of 20 working days',
    received: '2025-09-15',
    events: [{ kind: 'extended', date: '2025-10-10', days: 20 }],
    today: '2025-10-10',
    deadline: '2025-11-14',
  },
  {
    name: 'only one extension counts',
    received: '2025-09-15',
    events: [
      { kind: 'extended', date: '2025-10-10', days: 20 },
      { kind: 'extended', date: '2025-10-11', days: 20 },
    ],
    today: '2025-10-10',
    deadline: '2025-11-14',
  },
  {
    name: 'fee paid after 3 working days: the deadline moves by 3',
    received: '2025-09-15',
    events: [
      { kind: 'fee_notice_issued', date: '2025-09-19' },
      { kind: 'fee_paid', date: '2025-09-24' },
    ],
    today: '2025-09-24',
    deadline: '2025-10-22',
  },
  {
    name: 'fee unpaid 20 working days after the notice → closable',
    received: '2025-09-15',
    events: [{ kind: 'fee_notice_issued', date: '2025-09-19' }],
    today: '2025-10-24',
    deadline: '2025-11-17',
    paused: 'fee',
    closable: 'fee_unpaid',
  },
  {
    name: 'fee notice: not closable on the last day to pay',
    received: '2025-09-15',
    events: [{ kind: 'fee_notice_issued', date: '2025-09-19' }],
    today: '2025-10-23',
    deadline: '2025-11-14',
    closable: null,
  },
  {
    name: 'days left across the National Day block',
    received: '2025-09-15',
    today: '2025-10-01',
    deadline: '2025-10-17',
    left: 8,
    dueSoon: false,
  },
  {
    name: '4 working days left: not yet due soon',
    received: '2025-09-15',
    today: '2025-10-13',
    deadline: '2025-10-17',
    left: 4,
    dueSoon: false,
  },
  {
    name: '3 working days left: due soon',
    received: '2025-09-15',
    today: '2025-10-14',
    deadline: '2025-10-17',
    left: 3,
    dueSoon: true,
  },
  {
    name: 'due today: due soon, not overdue',
    received: '2025-09-15',
    today: '2025-10-17',
    deadline: '2025-10-17',
    left: 0,
    dueSoon: true,
    overdue: false,
  },
  {
    name: 'the Saturday after the deadline: overdue',
    received: '2025-09-15',
    today: '2025-10-18',
    deadline: '2025-10-17',
    left: -1,
    overdue: true,
    dueSoon: false,
  },
  {
    name: 'two working days late',
    received: '2025-09-15',
    today: '2025-10-21',
    deadline: '2025-10-17',
    left: -2,
    overdue: true,
  },
];

describe('computeClock', () => {
  it.each(CASES)('$name', (c) => {
    const s = computeClock(cal, { receivedDate: c.received, events: c.events ?? [], today: c.today });
    expect(s.deadline).toBe(c.deadline);
    if (c.left !== undefined) expect(s.workdaysLeft).toBe(c.left);
    if (c.paused !== undefined) expect(s.paused).toBe(c.paused);
    if (c.dueSoon !== undefined) expect(s.dueSoon).toBe(c.dueSoon);
    if (c.overdue !== undefined) expect(s.overdue).toBe(c.overdue);
    if (c.closable !== undefined) expect(s.closable).toBe(c.closable);
  });

  it('has no deadline before receipt is confirmed', () => {
    const s = computeClock(cal, { receivedDate: null, events: [], today: '2025-01-06' });
    expect(s.received).toBe(false);
    expect(s.deadline).toBeNull();
  });

  it('lists the events that moved the deadline', () => {
    const s = computeClock(cal, {
      receivedDate: '2025-09-15',
      events: [
        { kind: 'consultation_started', date: '2025-09-26' },
        { kind: 'consultation_ended', date: '2025-10-15' },
        { kind: 'extended', date: '2025-10-16', days: 5 },
      ],
      today: '2025-10-16',
    });
    expect(s.moves.map((m) => [m.kind, m.deadline])).toEqual([
      ['receipt_confirmed', '2025-10-17'],
      ['consultation_started', null],
      ['consultation_ended', '2025-10-30'],
      ['extended', '2025-11-06'],
    ]);
    expect(s.moves[2]?.note).toContain('9 个工作日');
  });

  it('records whether the decision came in time', () => {
    const late = computeClock(cal, {
      receivedDate: '2025-09-15',
      events: [{ kind: 'decided', date: '2025-10-20' }],
      today: '2025-11-01',
    });
    expect(late.decided).toBe(true);
    expect(late.decidedOnTime).toBe(false);
    expect(late.overdue).toBe(false);
    const onTime = computeClock(cal, {
      receivedDate: '2025-09-15',
      events: [{ kind: 'decided', date: '2025-10-17' }],
      today: '2025-11-01',
    });
    expect(onTime.decidedOnTime).toBe(true);
  });
});

describe('correctionRefusal (Art. 30: within 7 working days, once)', () => {
  const cases: [string, string, string, boolean][] = [
    ['National Day 2024: day 7 is the 调休 Saturday 10-12', '2024-09-27', '2024-10-12', true],
    ['National Day 2024: day 8 (10-14) is refused', '2024-09-27', '2024-10-14', false],
    ['Spring Festival 2024: day 7 is 02-26', '2024-02-09', '2024-02-26', true],
    ['Spring Festival 2024: day 8 (02-27) is refused', '2024-02-09', '2024-02-27', false],
    ['Spring Festival 2026: day 7 is 03-02', '2026-02-13', '2026-03-02', true],
    ['Spring Festival 2026: day 8 (03-03) is refused', '2026-02-13', '2026-03-03', false],
  ];
  it.each(cases)('%s', (_name, received, asked, allowed) => {
    const s = computeClock(cal, { receivedDate: received, events: [], today: asked });
    const refusal = correctionRefusal(s, asked);
    if (allowed) expect(refusal).toBeUndefined();
    else expect(refusal).toContain('7 个工作日内');
  });

  it('refuses a second 补正', () => {
    const s = computeClock(cal, {
      receivedDate: '2025-03-03',
      events: [
        { kind: 'correction_requested', date: '2025-03-04', dueDate: '2025-03-20' },
        { kind: 'correction_received', date: '2025-03-05' },
      ],
      today: '2025-03-06',
    });
    expect(correctionRefusal(s, '2025-03-06')).toContain('一次性');
  });

  it('refuses before receipt is confirmed', () => {
    const s = computeClock(cal, { receivedDate: null, events: [], today: '2025-03-06' });
    expect(correctionRefusal(s, '2025-03-06')).toContain('尚未确认收到');
  });
});

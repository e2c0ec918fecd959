// Instants are stored as UTC ISO-8601 strings; legal dates are Asia/Shanghai calendar dates.

export function nowIso(): string {
  return new Date().toISOString();
}

const SHANGHAI_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Asia/Shanghai calendar date (YYYY-MM-DD) of an instant, whatever the server's time zone. */
export function shanghaiDate(instant: Date = new Date()): string {
  return SHANGHAI_DATE.format(instant);
}

const SHANGHAI_DATETIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** An instant shown in Beijing time, e.g. 2026/11/29 21:40. */
export function formatShanghaiDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : SHANGHAI_DATETIME.format(d);
}

export function addMinutes(iso: string, minutes: number): string {
  return new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();
}

/** Dates as a person reads them, in the browser's locale and time zone. */
const dateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A calendar date from the API ("2026-12-31"), without a time-zone shift. */
export function formatDate(date?: string | null): string {
  if (!date) return '';
  const [y, m, d] = date.split('-').map(Number);
  return dateFormat.format(new Date(y, m - 1, d));
}

export function formatDateTime(instant?: string | null): string {
  return instant ? dateTimeFormat.format(new Date(instant)) : '';
}

/** Today in the browser's time zone, as the API writes dates. */
export function today(now: Date = new Date()): string {
  return isoDate(now);
}

export function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The date `days` after `date` ("2026-12-31" + 1 → "2027-01-01"). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return isoDate(new Date(y, m - 1, d + days));
}

/** A value for <input type="datetime-local"> from a Date, in the browser's time zone. */
export function localDateTimeValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${isoDate(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** An instant from an <input type="datetime-local"> value, read in the browser's time zone. */
export function instantFromLocal(value: string): string {
  return new Date(value).toISOString();
}

/** "3 days ago", "in 2 days", "today". */
export function relativeDays(date?: string | null, from: string = today()): string {
  if (!date) return '';
  const [y, m, d] = date.split('-').map(Number);
  const [fy, fm, fd] = from.split('-').map(Number);
  const days = Math.round((Date.UTC(y, m - 1, d) - Date.UTC(fy, fm - 1, fd)) / 86_400_000);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

export const INTERACTION_TYPES = {
  COFFEE_OR_MEAL: 'Coffee or meal',
  CALL: 'Call',
  VIDEO_CALL: 'Video call',
  IN_PERSON: 'In person',
  MESSAGE: 'Message',
  EMAIL: 'Email',
  EVENT: 'Event',
  INTRODUCTION: 'Introduction',
  OTHER: 'Other',
} as const;

export type InteractionType = keyof typeof INTERACTION_TYPES;

export const TIERS = {
  INNER_CIRCLE: 'Inner circle (every 14 days)',
  CLOSE: 'Close (every 30 days)',
  NETWORK: 'Network (every 90 days)',
  ACQUAINTANCE: 'Acquaintance (every 180 days)',
} as const;

export type Tier = keyof typeof TIERS;

export const STATES = {
  WARM: 'Warm',
  DUE: 'Due',
  COOLING: 'Cooling',
  COLD: 'Cold',
} as const;

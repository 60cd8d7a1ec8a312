import { fail, ok, Parsed } from './parsed';

export type CalendarDate = { readonly kind: 'calendarDate'; readonly value: string };

/** A day with no time and no zone, written strictly `YYYY-MM-DD`. */
export function parseCalendarDate(raw: unknown): Parsed<CalendarDate> {
  if (typeof raw !== 'string') return fail('must be a string');
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (!match) return fail('must be a date written YYYY-MM-DD');
  const [year, month, day] = match.slice(1).map(Number);
  if (year < 1900 || year > 2100) return fail('year must be from 1900 to 2100');
  if (month < 1 || month > 12) return fail('month must be from 01 to 12');
  // Day 0 of the next month is the last day of this one.
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return fail(`day must be from 01 to ${daysInMonth} in that month`);
  return ok({ kind: 'calendarDate', value: raw });
}

/** A date of birth: a calendar date no later than `today` (a `YYYY-MM-DD` day, the caller's clock). */
export function parseBirthDate(raw: unknown, today: string): Parsed<CalendarDate> {
  const date = parseCalendarDate(raw);
  if (!date.ok) return date;
  return date.value.value > today ? fail('must not be in the future') : date;
}

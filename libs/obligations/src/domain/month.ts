import { vietnamDateOf } from '@registry/shared-kernel';

/** A calendar month as `YYYY-MM`: the period a sales report covers. */
export type Month = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const isMonth = (value: unknown): value is Month => typeof value === 'string' && MONTH.test(value);

export function yearOf(month: Month): number {
  return Number(month.slice(0, 4));
}

export function nextMonth(month: Month): Month {
  const [year, m] = [yearOf(month), Number(month.slice(5, 7))];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

export const firstDay = (month: Month): string => `${month}-01`;

export function lastDay(month: Month): string {
  const [year, m] = [yearOf(month), Number(month.slice(5, 7))];
  const days = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${month}-${String(days).padStart(2, '0')}`;
}

/** The month `now` falls in, on the Vietnamese calendar: a month ends at midnight in Hanoi, not in UTC. */
export function monthAt(now: Date): Month {
  return vietnamDateOf(now).slice(0, 7);
}

/** A month can be reported once it is over in Vietnam: the current and later months cannot. */
export const hasEnded = (month: Month, now: Date): boolean => month < monthAt(now);

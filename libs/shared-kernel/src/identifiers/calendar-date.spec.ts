import { parseBirthDate, parseCalendarDate } from './calendar-date';

describe('parseCalendarDate', () => {
  it('accepts a real date and keeps the string as its value', () => {
    expect(parseCalendarDate('2025-07-01')).toEqual({ ok: true, value: { kind: 'calendarDate', value: '2025-07-01' } });
  });

  it('accepts 29 February in a leap year, including 2000', () => {
    expect(parseCalendarDate('2024-02-29')).toMatchObject({ ok: true });
    expect(parseCalendarDate('2000-02-29')).toMatchObject({ ok: true });
  });

  it('accepts the first and last allowed years', () => {
    expect(parseCalendarDate('1900-01-01')).toMatchObject({ ok: true });
    expect(parseCalendarDate('2100-12-31')).toMatchObject({ ok: true });
  });

  it('rejects non-strings', () => {
    expect(parseCalendarDate(new Date('2025-07-01'))).toEqual({ ok: false, reason: 'must be a string' });
  });

  it('rejects any other writing, whitespace and times included', () => {
    const reason = 'must be a date written YYYY-MM-DD';
    for (const raw of ['01/07/2025', '2025-7-1', ' 2025-07-01', '2025-07-01T00:00:00Z', '20250701', '']) {
      expect(parseCalendarDate(raw)).toEqual({ ok: false, reason });
    }
  });

  it('rejects years outside 1900 to 2100', () => {
    expect(parseCalendarDate('1899-12-31')).toEqual({ ok: false, reason: 'year must be from 1900 to 2100' });
    expect(parseCalendarDate('2101-01-01')).toEqual({ ok: false, reason: 'year must be from 1900 to 2100' });
  });

  it('rejects month 00 and 13', () => {
    expect(parseCalendarDate('2025-00-10')).toEqual({ ok: false, reason: 'month must be from 01 to 12' });
    expect(parseCalendarDate('2025-13-10')).toEqual({ ok: false, reason: 'month must be from 01 to 12' });
  });

  it('rejects days that do not exist', () => {
    expect(parseCalendarDate('2023-02-30')).toEqual({ ok: false, reason: 'day must be from 01 to 28 in that month' });
    expect(parseCalendarDate('2023-02-29')).toEqual({ ok: false, reason: 'day must be from 01 to 28 in that month' });
    expect(parseCalendarDate('1900-02-29')).toEqual({ ok: false, reason: 'day must be from 01 to 28 in that month' });
    expect(parseCalendarDate('2025-04-31')).toEqual({ ok: false, reason: 'day must be from 01 to 30 in that month' });
    expect(parseCalendarDate('2025-01-00')).toEqual({ ok: false, reason: 'day must be from 01 to 31 in that month' });
  });
});

describe('parseBirthDate', () => {
  it('takes a date up to today and refuses one after it', () => {
    expect(parseBirthDate('2026-12-05', '2026-12-05')).toEqual({ ok: true, value: { kind: 'calendarDate', value: '2026-12-05' } });
    expect(parseBirthDate('2026-12-06', '2026-12-05')).toEqual({ ok: false, reason: 'must not be in the future' });
  });

  it('gives the calendar reason for a date that does not exist', () =>
    expect(parseBirthDate('1990-02-30', '2026-12-05')).toMatchObject({ ok: false, reason: /day must be/ }));
});

import { describe, expect, it } from 'vitest';
import { addDaysToIso, addMonthsToIso, daysBetweenIso, daysInMonth, isCalendarDay } from './calendar.ts';

describe('calendar on ISO days', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDaysToIso('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDaysToIso('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDaysToIso('2024-12-31T23:30:00+01:00', 1)).toBe('2025-01-01');
    expect(addDaysToIso('2025-03-01', -1)).toBe('2025-02-28');
  });

  it('clamps the day when adding months, as deadlines are read', () => {
    expect(addMonthsToIso('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsToIso('2023-08-31', 7)).toBe('2024-03-31');
    expect(addMonthsToIso('2023-11-15', -12)).toBe('2022-11-15');
  });

  it('counts whole days between two days, signed', () => {
    expect(daysBetweenIso('2024-03-01', '2024-02-28')).toBe(2);
    expect(daysBetweenIso('2020-01-01', '2021-01-01')).toBe(-366);
  });

  // Date.UTC reads years 0–99 as 1900–1999: the arithmetic must not.
  it('keeps years below 100 as written', () => {
    expect(addDaysToIso('0050-01-01', -1)).toBe('0049-12-31');
    expect(daysInMonth(100, 2)).toBe(28);
    expect(daysInMonth(4, 2)).toBe(29);
  });

  it('knows which days exist', () => {
    expect(isCalendarDay(2023, 2, 29)).toBe(false);
    expect(isCalendarDay(2024, 2, 29)).toBe(true);
    expect(isCalendarDay(2024, 13, 1)).toBe(false);
    expect(() => addDaysToIso('soon', 1)).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });
});

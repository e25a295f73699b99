export {
  addDaysToIso,
  addMonthsToIso,
  daysBetweenIso,
  daysInMonth,
  isCalendarDay,
} from './calendar.ts';
export type { DateMention, FindDatesOptions } from './find-dates.ts';
export { findDates } from './find-dates.ts';
export { parseDateString } from './parse-date-string.ts';
export type { InferredDate } from './publication-date.ts';
export { inferPublicationDate } from './publication-date.ts';

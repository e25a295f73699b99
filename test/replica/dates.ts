// Date lines as each outlet prints them (SOURCES.md §3). Fixtures carry Morocco local time with
// its offset, so the wall-clock parts are read straight from the string, never through a Date.

export interface LocalParts {
  y: number;
  m: number;
  d: number;
  hh: string;
  mm: string;
  weekday: number;
}

export function localParts(iso: string): LocalParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (match === null) throw new Error(`not a local ISO date-time: ${iso}`);
  const [, y, m, d, hh, mm] = match as unknown as [string, string, string, string, string, string];
  const weekday = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))).getUTCDay();
  return { y: Number(y), m: Number(m), d: Number(d), hh, mm, weekday };
}

export const FR_MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];
const FR_DAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const EN_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** Moroccan month names (يوليوز, غشت, شتنبر, نونبر, دجنبر). */
const AR_MA_MONTHS = [
  'يناير',
  'فبراير',
  'مارس',
  'أبريل',
  'ماي',
  'يونيو',
  'يوليوز',
  'غشت',
  'شتنبر',
  'أكتوبر',
  'نونبر',
  'دجنبر',
];
/** Mashreq month names (مايو, يوليو, أغسطس, سبتمبر, نوفمبر, ديسمبر). */
const AR_ME_MONTHS = [
  'يناير',
  'فبراير',
  'مارس',
  'أبريل',
  'مايو',
  'يونيو',
  'يوليو',
  'أغسطس',
  'سبتمبر',
  'أكتوبر',
  'نوفمبر',
  'ديسمبر',
];
const AR_DAYS = ['الأحد', 'الإثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'];

const pad = (n: number): string => String(n).padStart(2, '0');

export function frDate(p: LocalParts): string {
  return `${p.d} ${FR_MONTHS[p.m - 1]} ${p.y}`;
}
export function frWeekday(p: LocalParts): string {
  return FR_DAYS[p.weekday] ?? '';
}
export function numericDate(p: LocalParts, sep: string): string {
  return `${pad(p.d)}${sep}${pad(p.m)}${sep}${p.y}`;
}
export function enDate(p: LocalParts): string {
  return `${EN_DAYS[p.weekday]} ${p.d} ${EN_MONTHS[p.m - 1]} ${p.y}`;
}
export function arDate(p: LocalParts, months: 'ma' | 'me'): string {
  const names = months === 'ma' ? AR_MA_MONTHS : AR_ME_MONTHS;
  return `${p.d} ${names[p.m - 1]} ${p.y}`;
}
export function arWeekday(p: LocalParts): string {
  return AR_DAYS[p.weekday] ?? '';
}
export { pad };

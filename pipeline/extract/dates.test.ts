import { describe, expect, it } from 'vitest';
import { datesFromLine, findPrintedDates, normalizeDigits, parseMetaDate } from './dates.ts';

describe('datesFromLine', () => {
  it.each([
    ['Le 10/01/2023 à 10h13', '2023-01-10T10:13:00', null],
    ['23.12.2022 à 23 H 18 • Mis à jour le 26.12.2022 à 01 H 40', '2022-12-23T23:18:00', '2022-12-26T01:40:00'],
    ['Publié le 5 septembre 2019 à 14h20', '2019-09-05T14:20:00', null],
    ['Le 5 septembre 2019 à 14h20 Modifié 10 avril 2021 à 21h43', '2019-09-05T14:20:00', '2021-04-10T21:43:00'],
    ['Mis à jour le 11 janvier 2023 à 17:40', null, '2023-01-11T17:40:00'],
    ['تم النشر بتاريخ 22 مارس 2025 على الساعة 17:51', '2025-03-22T17:51:00', null],
    ['الرباط في 23 أكتوبر2019', '2019-10-23', null],
    ['تم النشر بتاريخ ٢٢ مارس ٢٠٢٥ على الساعة ١٧:٥١', '2025-03-22T17:51:00', null],
    ['27 octobre 2019 - 05h00 - Economie - Ecrit par : Bladi.net', '2019-10-27T05:00:00', null],
    ["Par L'Economiste| Le 22/03/2025 - 10:19", '2025-03-22T10:19:00', null],
    ['1er août 2020', '2020-08-01', null],
    ['November 19, 2019 at 9:45 pm', '2019-11-19T21:45:00', null],
  ])('%s', (line, published, updated) => {
    expect(datesFromLine(line)).toEqual({ published, updated });
  });

  it('knows Moroccan and Mashreq month names', () => {
    const moroccan = 'يناير فبراير مارس أبريل ماي يونيو يوليوز غشت شتنبر أكتوبر نونبر دجنبر'.split(' ');
    const mashreq = 'يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر'.split(' ');
    for (const months of [moroccan, mashreq]) {
      months.forEach((m, i) => {
        expect(datesFromLine(`3 ${m} 2021`).published).toBe(`2021-${String(i + 1).padStart(2, '0')}-03`);
      });
    }
  });

  it('rejects impossible dates', () => {
    expect(findPrintedDates('31/02/2023 et 45.13.2020')).toEqual([]);
  });

  it('reads the cue before a weekday ("Published: Monday, November 18th, 2019 at 11:08 a.m.")', () => {
    expect(datesFromLine('Published: Monday, November 18th, 2019 at 11:08 a.m.')).toEqual({
      published: '2019-11-18T11:08:00',
      updated: null,
    });
  });
});

describe('findPrintedDates', () => {
  it('gives offsets into the text as written, Arabic-Indic digits included', () => {
    const text = 'نشر في ٢٢ مارس ٢٠٢٥ على الساعة ١٧:٥١ - الرباط';
    const [d] = findPrintedDates(text);
    expect(d).toMatchObject({ iso: '2025-03-22T17:51:00', kind: 'published' });
    expect(text.slice(d?.index, (d?.index ?? 0) + (d?.length ?? 0))).toBe('٢٢ مارس ٢٠٢٥ على الساعة ١٧:٥١');
  });

  it('keeps the seconds and offset of a machine timestamp printed in the page', () => {
    expect(findPrintedDates('2019-11-19T08:57:40+01:00').map((d) => d.iso)).toEqual(['2019-11-19T08:57:40+01:00']);
    expect(findPrintedDates('2019-11-20 17:27:46').map((d) => d.iso)).toEqual(['2019-11-20T17:27:46']);
  });

  it('skips month-only, year-only and pre-web dates (the dahir a text cites is not its date)', () => {
    expect(findPrintedDates('en mars 2023, fin 2022, dahir du 15 novembre 1958')).toEqual([]);
  });
});

describe('parseMetaDate', () => {
  it('keeps the declared offset of ISO dates', () => {
    expect(parseMetaDate('2019-11-19T08:57:40+01:00')).toBe('2019-11-19T08:57:40+01:00');
    expect(parseMetaDate('2019-11-19T08:57:40+0100')).toBe('2019-11-19T08:57:40+01:00');
    expect(parseMetaDate('2023-01-09T21:54:00.000Z')).toBe('2023-01-09T21:54:00Z');
    expect(parseMetaDate('2023-01-09')).toBe('2023-01-09');
  });

  it('understands RFC 2822 and rejects non-dates', () => {
    expect(parseMetaDate('Tue, 19 Nov 2019 08:57:40 GMT')).toBe('2019-11-19T08:57:40Z');
    expect(parseMetaDate('Tue, 19 Nov 2019 08:57:40 +0100')).toBe('2019-11-19T08:57:40+01:00');
    expect(parseMetaDate('Tue Nov 19 2019 05:44:06 GMT+0000 (UTC)')).toBe('2019-11-19T05:44:06Z');
    expect(parseMetaDate('2019-11-18 17:19:53 GMT')).toBe('2019-11-18T17:19:53Z');
    expect(parseMetaDate('Le 10/01/2023 à 10h13')).toBe('2023-01-10T10:13:00');
    expect(parseMetaDate('hier')).toBeNull();
    expect(parseMetaDate('')).toBeNull();
  });
});

describe('normalizeDigits', () => {
  it('maps Arabic-Indic and Persian digits without changing length', () => {
    expect(normalizeDigits('٢٠٢٥/۰۳')).toBe('2025/03');
  });
});

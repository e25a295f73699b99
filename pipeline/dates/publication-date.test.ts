import { describe, expect, it } from 'vitest';
import { inferPublicationDate } from './publication-date.ts';

describe('inferPublicationDate: a missing date read from the text, or none', () => {
  it('reads a dateline at the head', () => {
    expect(inferPublicationDate('Rabat, le 9 janvier 2023 - La Commission a reçu une plainte.')).toEqual({
      date: '2023-01-09',
      basis: 'dateline',
      evidence: '9 janvier 2023',
    });
    expect(inferPublicationDate('الرباط، 18 مارس 2025 - أعلنت اللجنة عن إطلاق مشاورات.')?.date).toBe('2025-03-18');
  });

  it('reads a wire sign-off at the tail, glued to the agency name', () => {
    const body = `${'La Commission rappelle aux partis leurs obligations. '.repeat(10)}(MAP-02/09/2021)`;
    expect(inferPublicationDate(body)).toMatchObject({ date: '2021-09-02', basis: 'sign-off' });
  });

  it('reads a date glued to an Arabic byline', () => {
    expect(inferPublicationDate('هبة بريس خاص3 سبتمبر 2021 آخر تحديث')?.date).toBe('2021-09-03');
  });

  it('does not take a date the story tells of in its body for the publication date', () => {
    const body = `${"L'affaire remonte à plusieurs années et a été suivie par de nombreux observateurs. ".repeat(5)}La délibération du 14 juillet 2015 encadre la communication politique.`;
    expect(inferPublicationDate(body)).toBeNull();
  });

  it('stays unknown without a full date: a year-less day is not enough', () => {
    expect(inferPublicationDate('Le 6 janvier, la Commission a auditionné la société.')).toBeNull();
  });
});

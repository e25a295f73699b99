import { describe, expect, it } from 'vitest';
import { detectLanguage, detectParagraphLanguages, splitParagraphs } from './language.ts';

describe('detectLanguage', () => {
  it('tells French, Arabic and English prose apart', () => {
    expect(
      detectLanguage(
        "La commission a entendu les dirigeants de l'opérateur et leur a rappelé les obligations de déclaration prévues par la loi.",
      ),
    ).toBe('fr');
    expect(detectLanguage('استمعت اللجنة إلى مسؤولي الشركة وذكرتهم بواجب التصريح المسبق بمعالجة المعطيات.')).toBe('ar');
    expect(
      detectLanguage(
        'The regulator heard the managers of the operator and reminded them of their duty to declare processing.',
      ),
    ).toBe('en');
  });

  it('keeps an Arabic paragraph Arabic when it quotes long Latin names', () => {
    expect(detectLanguage('عقدت اللجنة الوطنية CNDP جلسة استماع مع شركة TLS Contact Maroc بشأن كاميرات المراقبة')).toBe(
      'ar',
    );
  });

  it('reads short French bylines and date lines by their function and date words', () => {
    expect(detectLanguage('Le 10/01/2023 à 10h13')).toBe('fr');
    expect(detectLanguage('mercredi 23 octobre 2019')).toBe('fr');
    expect(detectLanguage('Updated on Tuesday')).toBe('en');
  });

  it('says und when nothing can be told', () => {
    expect(detectLanguage('')).toBe('und');
    expect(detectLanguage('12/01/2023 — 15:37')).toBe('und');
    expect(detectLanguage('CNDP TLS')).toBe('und');
  });

  it('is not fooled by a long French acronym list into calling English', () => {
    expect(
      detectLanguage('Selon la CNDP, le GAFAM et les opérateurs doivent se conformer aux délibérations publiées.'),
    ).toBe('fr');
  });
});

describe('detectParagraphLanguages', () => {
  it('gives one language per blank-line separated paragraph, in order', () => {
    const text = [
      '23.12.2022 à 23 H 18 • Mis à jour le 26.12.2022 à 01 H 40',
      'أصدرت اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي قرارا جديدا بخصوص التسجيلات الصوتية في مراكز النداء.',
      "Dans un communiqué, l'instance précise que la société dispose d'un mois pour répondre.",
      'It added that the company has one month to answer the notice.',
      '—',
    ].join('\n\n');
    expect(detectParagraphLanguages(text)).toEqual(['fr', 'ar', 'fr', 'en', 'und']);
    expect(splitParagraphs(text)).toHaveLength(5);
  });

  it('lets an Arabic page with a French date line stay Arabic as a whole', () => {
    const text =
      '09.01.2023 à 22 H 54\n\nكشفت اللجنة أن الشركة ترسل صورا مقتطفة من تسجيلات المراقبة إلى جهات أجنبية بشكل منتظم دون تصريح.\n\nوأكدت أنها ستواصل التحقيق في الملف.';
    expect(detectLanguage(text)).toBe('ar');
    expect(detectParagraphLanguages(text)).toEqual(['fr', 'ar', 'ar']);
  });
});

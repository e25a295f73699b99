import { describe, expect, it } from 'vitest';
import { entitiesOf } from './test-helpers.ts';

const events = (text: string, lang: 'fr' | 'ar' | 'en' = 'fr', pub = '2023-01-09') =>
  entitiesOf(text, lang, pub)
    .events.map((e) => `${e.type}@${e.date}`)
    .sort();

describe('events', () => {
  it('dates an event by the date of its sentence', () => {
    expect(events('La CNDP a auditionné la société le 6 janvier 2023.')).toEqual(['hearing@2023-01-06']);
    expect(events('عقدت اللجنة جلسة استماع مع الشركة يوم 6 يناير 2023.', 'ar')).toEqual(['hearing@2023-01-06']);
  });

  it('prefers an explicit day over a bare weekday in the same sentence', () => {
    expect(events('La CNDP a annoncé lundi avoir auditionné, le 6 janvier, la société.')).toEqual([
      'hearing@2023-01-06',
    ]);
  });

  it('dates news without a date by the publication and joins later undated mentions to the dated event', () => {
    expect(events('Une mise en demeure a été adressée à la banque. Le parquet a été saisi.')).toEqual([
      'formal_notice@2023-01-09',
      'referral_prosecutor@2023-01-09',
    ]);
    expect(events('Une audition a eu lieu le 6 janvier 2023. Cette audition a duré deux heures.')).toEqual([
      'hearing@2023-01-06',
    ]);
  });

  it('leaves recalled facts undated', () => {
    expect(events('Pour rappel, la Commission avait reçu une plainte contre la société.')).toEqual(['complaint@null']);
  });

  it('does not read event words inside organization names', () => {
    // "contrôle" in the CNDP's name, "مراقبة" in its Arabic name.
    expect(
      events('La Commission nationale de contrôle de la protection des données personnelles publie son rapport.'),
    ).toEqual([]);
    expect(events('أصدرت اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي تقريرها.', 'ar')).toEqual([]);
  });

  it('reads each event type in French and Arabic', () => {
    expect(
      events('Un contrôle inopiné a révélé une fuite de données ; une délibération et un communiqué ont suivi.'),
    ).toEqual(['communique@2023-01-09', 'data_breach@2023-01-09', 'deliberation@2023-01-09', 'inspection@2023-01-09']);
    expect(
      events('تقدمت جمعية بشكاية، فأجرت اللجنة عملية مراقبة ووجهت إعذارا وأحالت الملف على النيابة العامة.', 'ar'),
    ).toEqual([
      'complaint@2023-01-09',
      'formal_notice@2023-01-09',
      'inspection@2023-01-09',
      'referral_prosecutor@2023-01-09',
    ]);
    expect(events('قررت اللجنة تعليق البت في طلبات الترخيص بعد تسريب معطيات.', 'ar')).toEqual([
      'data_breach@2023-01-09',
      'moratorium@2023-01-09',
    ]);
  });

  it('does not read complaint handling in general as a complaint', () => {
    expect(events('Facebook devra traiter plus vite les plaintes des internautes.')).toEqual([]);
    expect(events('طالبت اللجنة بإحداث آلية لمعالجة الشكايات.', 'ar')).toEqual([]);
    expect(events("L'association a déposé une plainte auprès de la CNDP.")).toEqual(['complaint@2023-01-09']);
  });

  it('skips statistics: large counts are not events', () => {
    expect(events('توصلت اللجنة بأكثر من 3500 شكاية خلال السنة.', 'ar')).toEqual([]);
    expect(events('La Commission a reçu des milliers de plaintes.')).toEqual([]);
  });
});

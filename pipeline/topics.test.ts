import { describe, expect, it } from 'vitest';
import { detectTopics, topicLabel } from './topics.ts';

describe('detectTopics', () => {
  it('finds the processing at stake in French, Arabic and English', () => {
    expect(
      detectTopics(
        'La commission a prolongé le moratoire sur la reconnaissance faciale. Les systèmes de reconnaissance faciale restent suspendus.',
      )[0],
    ).toBe('facial_recognition');
    expect(
      detectTopics(
        'قررت اللجنة تمديد تعليق استعمال أنظمة التعرّف على الوجوه، في انتظار إطار قانوني للتعرف على الوجه.',
      )[0],
    ).toBe('facial_recognition');
    expect(detectTopics('Employees complained about the recording of calls.', 'Call recording under scrutiny')).toEqual(
      ['call_recording'],
    );
  });

  it('ranks the most mentioned topic first and breaks ties by specificity', () => {
    const text =
      'Des images de vidéosurveillance ont été envoyées à l’étranger. Les caméras de surveillance filmaient le guichet. ' +
      'La vidéosurveillance des locaux a été contrôlée.';
    expect(detectTopics(text, "Transfert de données à l'étranger")).toEqual(['video_surveillance', 'transfer_abroad']);
  });

  it('keeps only what a text dwells on when asked to', () => {
    const text = 'La réunion a porté sur le droit à l’oubli, la géolocalisation et le profilage.';
    expect(detectTopics(text)).toEqual(['geolocation']);
    expect(detectTopics(text, null, 2)).toEqual([]);
    expect(detectTopics(text, 'Géolocalisation : la Commission précise les règles', 2)).toEqual(['geolocation']);
  });

  it('ignores words that only contain a keyword', () => {
    expect(detectTopics('La cinémathèque et le cinéma cinéphile du centre-ville.')).toEqual([]);
  });

  it('reads Arabic whatever the letter variants', () => {
    // ة/ه and أ/ا variants, tatweel: the patterns run on normalized text.
    expect(detectTopics('تسريب نقط الطلبة وتسريب أرقام البطاقة الوطنية على الإنترنت')).toContain('data_leak');
  });

  it('labels topics in both languages', () => {
    expect(topicLabel('data_leak')).toEqual({ fr: 'fuite de données', ar: 'تسريب المعطيات' });
  });
});

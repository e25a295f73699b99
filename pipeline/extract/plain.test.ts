import { describe, expect, it } from 'vitest';
import { extract } from './extract.ts';
import { extractPlainText } from './plain.ts';

const FRENCH_PAGE = [
  'logo Le Quotidien Atlas',
  '',
  'Se connecter',
  'Abonnez-vous !',
  '50 DH',
  'Rubriques',
  '',
  'Une clinique de Fès sommée de revoir la gestion de ses dossiers médicaux',
  '',
  '14.03.2024 à 10 H 05 • Mis à jour le 14.03.2024 à 11 H 20 • Lecture : 2 minutes',
  'Par',
  "La CNDP a mis en demeure la clinique Al Amal de Fès, après une plainte d'une patiente dont le dossier médical complet circulait depuis des semaines sur une messagerie.",
  '',
  "Selon la Commission, les agents ont constaté lors d'un contrôle sur place que les dossiers papier étaient rangés dans un couloir accessible au public.",
  '',
  'Un délai pour se mettre en conformité',
  '',
  'La clinique dispose de deux mois pour sécuriser ses archives et désigner un responsable, faute de quoi le dossier sera transmis au parquet.',
  '',
  '  • Une banque sanctionnée pour des appels commerciaux',
  '',
  '    La Commission a infligé une amende à Banque du Sud pour des appels passés sans consentement à des milliers de clients.',
  '',
  '  • Le registre des plaintes ouvert au public',
  '',
  '    Les citoyens peuvent désormais suivre en ligne le traitement de leurs réclamations auprès de la Commission.',
  '',
  '© Le Quotidien Atlas. Tous droits réservés.',
].join('\n');

const ARABIC_PAGE = [
  '  • ارتفاع أسعار الخضر في الأسواق قبيل رمضان بسبب الجفاف',
  '  • فريق محلي يفوز بالكأس بعد مباراة مثيرة في الدقائق الأخيرة',
  'عاجل',
  'الأربعاء 6 مارس 2024 على الساعة 09:12',
  '',
  'لجنة حماية المعطيات تستمع لمسؤولي شركة توصيل',
  '',
  'لجنة حماية المعطيات تستمع لمسؤولي شركة توصيل',
  '',
  'عقدت اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي جلسة استماع مع مسؤولي شركة «سريع» للتوصيل، بعد شكايات من زبناء تلقوا رسائل من أرقام مجهولة.',
  '',
  'وأكدت اللجنة في بلاغها أنها ستواصل دراسة الملف، داعية الشركات إلى احترام مقتضيات القانون رقم 09.08.',
  '',
  'أضف تعليقك',
  'بريدك الإلكتروني لن يظهر للعموم، والخانات المطلوبة معلمة.',
  'المقال السابق',
  'مهرجان للموسيقى الأندلسية يفتتح دورته الجديدة بحضور جماهيري',
].join('\n');

describe('extractPlainText', () => {
  it('keeps the article of a page pasted as text: no menus, date line or related teasers', () => {
    const out = extractPlainText(FRENCH_PAGE, null);
    expect(out.title).toBe('Une clinique de Fès sommée de revoir la gestion de ses dossiers médicaux');
    expect(out.publishedAt).toBe('2024-03-14T10:05:00');
    expect(out.text.split('\n\n')).toEqual([
      expect.stringMatching(/^La CNDP a mis en demeure/),
      expect.stringMatching(/^Selon la Commission/),
      'Un délai pour se mettre en conformité',
      expect.stringMatching(/^La clinique dispose/),
    ]);
    // The teasers name other matters' companies: they must not reach entity extraction.
    expect(out.text).not.toContain('Banque du Sud');
    expect(out.text).not.toMatch(/Abonnez|Tous droits|Lecture/);
  });

  it('reads an Arabic page the same way: date line, repeated headline, comment prompts', () => {
    const out = extractPlainText(ARABIC_PAGE, null);
    expect(out.title).toBe('لجنة حماية المعطيات تستمع لمسؤولي شركة توصيل');
    expect(out.publishedAt).toBe('2024-03-06T09:12:00');
    expect(out.text.split('\n\n')).toHaveLength(2);
    expect(out.text).not.toMatch(/الخضر|تعليقك|بريدك|الأندلسية/);
  });

  it('keeps clean article text whole, and the supplied title', () => {
    const clean =
      "La Commission a adopté une délibération encadrant l'usage des caméras dans les établissements scolaires.\n\n" +
      'Les directeurs devront afficher une information claire à chaque entrée et limiter la conservation des images à trente jours.';
    const out = extractPlainText(clean, 'Caméras à l’école : la Commission fixe les règles');
    expect(out.text).toBe(clean);
    expect(out.title).toBe('Caméras à l’école : la Commission fixe les règles');
  });

  it("keeps the article's own bulleted measures, not bulleted headlines", () => {
    const page = [
      'La Commission a rendu sa décision dans le dossier de la société Nova Fret après plusieurs mois d’instruction.',
      '- une amende administrative de 80 000 dirhams prononcée contre la société ;',
      '- la transmission du dossier au procureur du Roi près le tribunal de première instance ;',
      'La société dispose d’un recours devant le tribunal administratif dans les délais prévus par la loi.',
      '• Un opérateur mis en demeure pour ses appels',
    ].join('\n');
    const text = extractPlainText(page, null).text;
    expect(text).toContain('80 000 dirhams');
    expect(text).toContain('procureur du Roi');
    expect(text).not.toContain('mis en demeure pour ses appels');
  });

  it('joins text wrapped at a fixed width back into paragraphs', () => {
    const wrapped = [
      'La Commission met en demeure un groupe scolaire',
      '',
      'La Commission a mis en demeure le groupe scolaire Les Orangers, qui',
      'publiait sur son site les bulletins de notes de ses élèves avec leur',
      'adresse et le numéro de téléphone de leurs parents, sans aucune',
      'restriction d’accès.',
      '',
      'Le groupe dispose de quinze jours pour retirer ces documents et',
      'informer les familles concernées de la mesure prise par la',
      'Commission.',
    ].join('\n');
    const out = extractPlainText(wrapped, null);
    expect(out.title).toBe('La Commission met en demeure un groupe scolaire');
    expect(out.text.split('\n\n')).toEqual([
      expect.stringMatching(/^La Commission a mis en demeure .* restriction d’accès\.$/),
      expect.stringMatching(/^Le groupe dispose .* Commission\.$/),
    ]);
  });

  it('joins wrapped Arabic, which has no lower case to tell a continued line', () => {
    const wrapped = [
      'وجهت اللجنة الوطنية إنذارا إلى مجموعة مدارس خاصة بمدينة مكناس بعدما',
      'تبين أنها تنشر على موقعها نتائج التلاميذ مرفوقة بعناوينهم وأرقام هواتف',
      'أولياء أمورهم دون أي قيد على الولوج إلى هذه الوثائق المنشورة للعموم.',
    ].join('\n');
    const text = extractPlainText(wrapped, null).text;
    expect(text.split('\n\n')).toHaveLength(1);
    expect(text).toContain('بمدينة مكناس بعدما تبين أنها تنشر');
  });

  it('never loses a short note that reads as no prose at all', () => {
    expect(extractPlainText('CNDP : nouvelle adresse du siège à Rabat', null).text).toBe(
      'CNDP : nouvelle adresse du siège à Rabat',
    );
  });

  it('serves text/plain pages through extract()', () => {
    expect(extract({ contentType: 'text/plain; charset=utf-8', text: FRENCH_PAGE, url: 'https://x/a.txt' }).title).toBe(
      'Une clinique de Fès sommée de revoir la gestion de ses dossiers médicaux',
    );
  });
});

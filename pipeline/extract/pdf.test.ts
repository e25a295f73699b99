import { describe, expect, it } from 'vitest';
import { extractPdfText } from './pdf.ts';

const page1 = [
  'Commission Nationale de contrôle de la protection',
  'Délibération n° D-77-2021 relative aux caméras de surveillance',
  '',
  'Rabat, le 12 mars 2021',
  '',
  'La Commission, réunie en séance plénière, a examiné les demandes',
  "d'autorisation déposées par des syndics de copropriété pour l'installa-",
  'tion de caméras dans les parties communes des immeubles.',
  'Elle rappelle que les images ne peuvent être conservées plus de trois',
  'mois.',
  'Page 1 / 2',
].join('\n');
const page2 = [
  'Commission Nationale de contrôle de la protection',
  'Les personnes filmées doivent être informées par un affichage visible',
  "à l'entrée de chaque immeuble concerné par le dispositif.",
  'Page 2 / 2',
].join('\n');

describe('extractPdfText', () => {
  const out = extractPdfText(`${page1}\f${page2}`, 'https://www.cndp.ma/doc.pdf');

  it('drops running headers and page numbers', () => {
    expect(out.text).not.toContain('Page 1');
    expect(out.text.match(/Commission Nationale de contrôle/g)).toBeNull();
  });

  it('joins broken lines into paragraphs and mends hyphenated words', () => {
    expect(out.text).toContain(
      "a examiné les demandes d'autorisation déposées par des syndics de copropriété pour l'installation de caméras",
    );
    expect(out.text).toContain('conservées plus de trois mois.');
    expect(out.text).toContain("par un affichage visible à l'entrée de chaque immeuble");
    expect(out.text).not.toMatch(/\n{3,}/);
  });

  it('takes the first meaningful line as title and the dateline as publication date', () => {
    expect(out.title).toBe('Délibération n° D-77-2021 relative aux caméras de surveillance');
    expect(out.publishedAt).toBe('2021-03-12');
    expect(out.rejected).toBeNull();
  });

  it('rejects a PDF without text', () => {
    expect(extractPdfText('  \f 1 \f', 'https://x.ma/a.pdf').rejected).toEqual({ reason: 'empty' });
  });
});

describe('the title of a communiqué printed on letterhead', () => {
  const title = (lines: string[]) => extractPdfText(lines.join('\n'), 'https://www.cndp.ma/c.pdf').title;

  it('passes the kingdom, the authority and the date line to the heading', () => {
    expect(
      title([
        'ROYAUME DU MAROC',
        'Commission Nationale de contrôle de la protection',
        'des Données à caractère Personnel',
        '',
        'Rabat, le 4 avril 2024',
        '',
        'Communiqué de presse',
        '',
        "Mise en demeure d'une plateforme de livraison",
        '',
        'La Commission a constaté que la plateforme conservait les adresses de ses clients sans limite de durée.',
      ]),
    ).toBe("Communiqué de presse : Mise en demeure d'une plateforme de livraison");
  });

  it('reads an Arabic letterhead broken by the text layer, and completes a bare genre with the first sentence', () => {
    expect(
      title([
        'الممل كة المغربية',
        'اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي',
        '',
        'بلاغ',
        '',
        'قررت اللجنة توجيه إنذار إلى شركة للتأمين بعد شكايات متعددة. وستتابع اللجنة مدى امتثال الشركة.',
      ]),
    ).toBe('بلاغ : قررت اللجنة توجيه إنذار إلى شركة للتأمين بعد شكايات متعددة');
  });

  it('keeps a heading that is not letterhead, and a long first sentence cut at a word', () => {
    expect(title(['Délibération n° D-12-2024 relative aux caméras de surveillance', '', 'La Commission…'])).toBe(
      'Délibération n° D-12-2024 relative aux caméras de surveillance',
    );
    const long = `Communiqué\n\n${'La Commission rappelle aux responsables de traitement leurs obligations '.repeat(4)}.`;
    const cut = extractPdfText(long, 'https://www.cndp.ma/c.pdf').title ?? '';
    expect(cut.startsWith('Communiqué : La Commission rappelle')).toBe(true);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual('Communiqué : '.length + 161);
  });
});

// Documents for the dataset-export tests, written for them (modeled on how CNDP decisions are
// covered, names invented): French with quotes and commas in the title, Arabic, one irrelevant page.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestLines } from '../app/ingest.ts';
import { type Db, openDb } from '../store/db.ts';

export const DATASET_DOCS = [
  {
    url: 'https://presse-exemple.ma/economie/cndp-clinique-oasis',
    source: 'Presse Exemple',
    title: 'Vidéosurveillance : la CNDP sanctionne la "Clinique Oasis", Casablanca',
    publishedAt: '2025-02-11',
    text: [
      'Casablanca, le 11 février 2025 — La Commission nationale de contrôle de la protection des données à caractère personnel (CNDP) a prononcé une sanction contre la société Clinique Oasis, après une inspection de ses locaux.',
      'Les contrôleurs ont constaté que les caméras de vidéosurveillance filmaient les salles de soins sans autorisation préalable, en violation de l’article 12 de la loi n° 09-08.',
      'La clinique doit retirer ces caméras avant le 31 mars 2025, faute de quoi le dossier sera transmis au parquet.',
    ].join('\n\n'),
  },
  {
    url: 'https://akhbar-mithal.ma/ar/mujtama/4411',
    source: 'أخبار مثال',
    title: 'اللجنة الوطنية تعاقب مصحة الواحة بسبب كاميرات المراقبة',
    publishedAt: '2025-02-12T08:15:00Z',
    text: [
      'أصدرت اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي عقوبة في حق شركة مصحة الواحة بالدار البيضاء، بعد عملية مراقبة لمقرها.',
      'وسجلت اللجنة أن كاميرات المراقبة كانت تصور قاعات العلاج دون إذن مسبق، خلافا لمقتضيات القانون رقم 09.08.',
      'وأمهلت اللجنة المصحة إلى غاية 31 مارس 2025 لإزالة الكاميرات، وإلا ستحيل الملف على النيابة العامة.',
    ].join('\n\n'),
  },
  {
    url: 'https://presse-exemple.ma/sport/finale-coupe',
    source: 'Presse Exemple',
    title: 'Football : le club local remporte la finale',
    publishedAt: '2025-02-13',
    text: 'Le club local a remporté la finale de la coupe régionale dimanche soir, devant un stade comble. Les supporters ont célébré la victoire jusque tard dans la nuit.',
  },
] as const;

/** A fresh data directory holding the fixtures, imported through the real pipeline and linking. */
export async function datasetStore(): Promise<{ db: Db; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'raqib-datasets-'));
  const db = openDb(dataDir);
  const result = await ingestLines(
    db,
    DATASET_DOCS.map((d) => JSON.stringify(d)),
  );
  if (result.errors.length > 0) throw new Error(`fixture import failed: ${JSON.stringify(result.errors)}`);
  return { db, dataDir };
}

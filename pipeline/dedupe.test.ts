import { describe, expect, it } from 'vitest';
import {
  chooseDuplicate,
  contentHash,
  DEFAULT_DUPLICATE_THRESHOLD,
  type DuplicateCandidate,
  estimateJaccard,
  LSH_BANDS,
  lshKeys,
  MINHASH_PERMUTATIONS,
  minhashSignature,
} from './dedupe.ts';

// A wire story (our own writing) and how three outlets reprint it, plus two different stories that
// share its company, its regulator and the regulator's boilerplate.
const WIRE = [
  "Réunie jeudi, la CNDP (Commission nationale de contrôle de la protection des données personnelles) a tenu une séance d'audition avec les représentants d'Atlas Livraison, une plateforme de commande de repas en ligne.",
  "D'après le communiqué diffusé à l'issue de la réunion, les contrôleurs ont relevé que l'application gardait l'historique complet des adresses de ses clients pendant plusieurs années, sans les en informer ni leur permettre de l'effacer.",
  "L'instance indique avoir demandé à l'entreprise de ramener cette durée de conservation à douze mois et d'ouvrir un formulaire grâce auquel chaque utilisateur pourra exercer ses droits d'accès et de rectification.",
  'Un délai de soixante jours a été accordé à la plateforme pour se conformer à ces demandes, faute de quoi le dossier pourrait être transmis au parquet compétent.',
  "La CNDP rappelle que toute entreprise opérant au Maroc doit déclarer ses traitements avant leur mise en service et que chacun peut déposer une plainte sur le portail en ligne de l'institution.",
  'Ce contrôle fait partie d’une campagne plus large consacrée aux services de livraison et de transport à la demande, engagée depuis le début de l’année.',
];

const REPRINT_INTRO = [
  'Nouvelle convocation pour un acteur du numérique: le gendarme marocain des données personnelles frappe à la porte des applications de livraison.',
  ...WIRE,
  'Lire aussi: Le Wydad s’impose à domicile | Fortes pluies attendues ce week-end sur le Nord | Partager sur Facebook | Partager sur X',
].join('\n\n');

const REPRINT_EDITED = [
  'Par la rédaction avec MAP — 14h05',
  ...WIRE.slice(0, 3),
  // One sentence rewritten by the desk, one dropped.
  'La société dispose de deux mois pour se mettre en conformité, sans quoi le parquet pourrait être saisi.',
  WIRE[4],
  'Tags : CNDP, livraison, applications, vie privée',
].join('\n\n');

const REPRINT_EXACT = WIRE.join('\n\n').toUpperCase().replace(/,/g, ' ,  ');

const SAME_COMPANY = [
  'Atlas Livraison annonce une levée de fonds de cinquante millions de dirhams auprès de deux investisseurs régionaux, afin de s’étendre à Tanger, Agadir et Oujda dès cet été.',
  'Son fondateur explique que la plateforme compte désormais trois mille restaurants partenaires et vise le double avant la fin de l’an prochain.',
  "Interrogé sur l'audition récente devant la CNDP, il assure que la durée de conservation des adresses a déjà été réduite et que le nouveau formulaire de suppression sera en ligne le mois prochain.",
  'L’entreprise prévoit aussi de recruter cent vingt livreurs salariés, une première dans un secteur dominé par les indépendants.',
].join('\n\n');

const SAME_REGULATOR_TEMPLATE = [
  "Réunie mardi, la CNDP (Commission nationale de contrôle de la protection des données personnelles) a tenu une séance d'audition avec les représentants de Clinique Andalous, un établissement de santé privé de Fès.",
  "Des patients s'étaient plaints de voir leurs résultats d'analyses transmis par messagerie à des numéros erronés; l'établissement a reconnu une erreur de paramétrage de son logiciel de rendez-vous.",
  'La Commission a exigé un audit complet du logiciel, la notification de chaque patient concerné et la désignation d’un référent chargé de la protection des données.',
  "La CNDP rappelle que toute entreprise opérant au Maroc doit déclarer ses traitements avant leur mise en service et que chacun peut déposer une plainte sur le portail en ligne de l'institution.",
].join('\n\n');

const WIRE_AR = [
  'عقدت اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي يوم الخميس جلسة استماع مع ممثلي شركة أطلس للتوصيل، وهي منصة لطلب الوجبات عبر الإنترنت.',
  'وأوضح البلاغ الصادر عقب الاجتماع أن مراقبي اللجنة لاحظوا احتفاظ التطبيق بسجل كامل لعناوين الزبناء لعدة سنوات دون إخبارهم أو تمكينهم من حذفه.',
  'وطالبت اللجنة الشركة بتقليص مدة الاحتفاظ إلى اثني عشر شهرا وإتاحة استمارة تمكن كل مستعمل من ممارسة حقه في الولوج والتصحيح، ومنحتها أجلا مدته ستون يوما.',
];
const REPRINT_AR = ['الرباط - متابعة', ...WIRE_AR, 'اقرأ أيضا: توقعات بتساقطات مطرية مهمة نهاية الأسبوع'].join('\n\n');

function candidate(
  id: string,
  text: string,
  publishedAt: string | null,
  sourceKind: DuplicateCandidate['sourceKind'] = 'press',
): DuplicateCandidate {
  return { id, contentHash: contentHash(text), signature: minhashSignature(text), publishedAt, sourceKind };
}

const wireText = WIRE.join('\n\n');

describe('contentHash', () => {
  it('is equal for copies that differ only in case, spacing and punctuation', () => {
    expect(contentHash(REPRINT_EXACT)).toBe(contentHash(wireText));
    expect(contentHash(wireText)).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash(REPRINT_INTRO)).not.toBe(contentHash(wireText));
  });
});

describe('minhashSignature and lshKeys', () => {
  it('is deterministic and sized 128 / 32 bands', () => {
    const a = minhashSignature(wireText);
    const b = minhashSignature(wireText);
    expect(a).toHaveLength(MINHASH_PERMUTATIONS);
    expect([...a]).toEqual([...b]);
    const keys = lshKeys(a);
    expect(keys).toHaveLength(LSH_BANDS);
    expect(new Set(keys.map((k) => k.slice(0, 2))).size).toBe(LSH_BANDS);
    expect(estimateJaccard(a, b)).toBe(1);
  });

  it('gives nothing to compare for an empty text', () => {
    const empty = minhashSignature('  — ! ');
    expect(lshKeys(empty)).toEqual([]);
    expect(estimateJaccard(empty, empty)).toBe(0);
  });

  it('handles texts shorter than one shingle', () => {
    expect(estimateJaccard(minhashSignature('CNDP communiqué'), minhashSignature('cndp, COMMUNIQUÉ'))).toBe(1);
    expect(estimateJaccard(minhashSignature('CNDP communiqué'), minhashSignature('CNDP délibération'))).toBeLessThan(
      0.1,
    );
  });
});

describe('near-duplicates: reprints cluster, different stories do not', () => {
  const wire = minhashSignature(wireText);
  const shared = (a: Uint32Array, b: Uint32Array) => lshKeys(a).filter((k) => lshKeys(b).includes(k)).length;

  it('scores reprints with other intros and chrome above the threshold and finds them by LSH', () => {
    for (const reprint of [REPRINT_INTRO, REPRINT_EDITED]) {
      const sig = minhashSignature(reprint);
      expect(estimateJaccard(wire, sig)).toBeGreaterThanOrEqual(DEFAULT_DUPLICATE_THRESHOLD);
      expect(shared(wire, sig)).toBeGreaterThan(0);
    }
    const ar = estimateJaccard(minhashSignature(WIRE_AR.join('\n\n')), minhashSignature(REPRINT_AR));
    expect(ar).toBeGreaterThanOrEqual(DEFAULT_DUPLICATE_THRESHOLD);
  });

  it('keeps different stories about the same company or from the same template apart', () => {
    for (const other of [SAME_COMPANY, SAME_REGULATOR_TEMPLATE]) {
      const sig = minhashSignature(other);
      // Template sentences are shared (about 0.2): still far below the threshold.
      expect(estimateJaccard(wire, sig)).toBeLessThan(0.3);
    }
    // The Arabic and French versions of a story are linked by the case linker, not here.
    expect(estimateJaccard(wire, minhashSignature(WIRE_AR.join('\n\n')))).toBe(0);
  });
});

describe('chooseDuplicate', () => {
  const original = candidate('doc_wire', wireText, '2024-03-07T11:00:00+01:00');
  const intro = candidate('doc_intro', REPRINT_INTRO, '2024-03-07T13:30:00+01:00');
  const edited = candidate('doc_edited', REPRINT_EDITED, '2024-03-07T14:05:00+01:00');
  const company = candidate('doc_company', SAME_COMPANY, '2024-03-01');
  const template = candidate('doc_template', SAME_REGULATOR_TEMPLATE, '2024-02-20');

  it('points a reprint at the earliest-published member of its cluster', () => {
    const d = chooseDuplicate(edited, [intro, original, company, template]);
    expect(d.duplicateOf).toBe('doc_wire');
    expect(d.similarity).toBeGreaterThanOrEqual(DEFAULT_DUPLICATE_THRESHOLD);
  });

  it('puts the regulator’s own text first even when a reprint is dated earlier', () => {
    const communique = { ...original, id: 'doc_cndp', sourceKind: 'regulator' as const, publishedAt: '2024-03-08' };
    expect(chooseDuplicate(intro, [communique, edited]).duplicateOf).toBe('doc_cndp');
  });

  it('returns null when the document itself is the canonical one', () => {
    expect(chooseDuplicate(original, [intro, edited]).duplicateOf).toBeNull();
  });

  it('treats an exact copy as similarity 1 and ignores the document itself among candidates', () => {
    const copy = candidate('doc_copy', REPRINT_EXACT, '2024-03-09');
    const d = chooseDuplicate(copy, [copy, original]);
    expect(d).toEqual({ duplicateOf: 'doc_wire', similarity: 1 });
  });

  it('does not cluster a different story that shares company and boilerplate', () => {
    const d = chooseDuplicate(company, [original, template]);
    expect(d.duplicateOf).toBeNull();
    expect(d.similarity).toBeLessThan(0.3);
  });

  it('puts undated documents after dated ones and breaks ties by id', () => {
    const undated = { ...intro, id: 'doc_a', publishedAt: null };
    const sameTimeB = { ...intro, id: 'doc_b', publishedAt: '2024-03-07T14:05:00+01:00' };
    // The same instant written in UTC.
    const sameTimeC = { ...intro, id: 'doc_c', publishedAt: '2024-03-07T13:05:00Z' };
    expect(chooseDuplicate(undated, [sameTimeC, sameTimeB]).duplicateOf).toBe('doc_b');
  });
});

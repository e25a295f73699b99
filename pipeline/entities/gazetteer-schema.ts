// The shape of one gazetteer entry, checked when the module loads (gazetteer.ts): a name in the wrong
// script, a role outside the list or a parent that does not exist is a build error, not a silent gap.
import { z } from 'zod';

/** What an organization is (shown to users; the API and the index read it). */
export const ORG_KINDS = [
  'regulator',
  'company',
  'platform',
  'ministry',
  'agency',
  'association',
  'court',
  'media',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/**
 * The part an organization usually plays in a data-protection story, for linking, relevance and
 * titles: `regulator` is a data-protection authority (Morocco's CNDP or a foreign one; sector
 * regulators such as the ANRT are `agency`); `controller` and `platform` are the usual subjects of a
 * matter; `outlet`, `court`, `prosecutor`, `police` and `legislature` are procedure or coverage;
 * `advocacy` are consumer and rights groups; `international` are bodies above states and networks of
 * authorities.
 */
export const ORG_ROLES = [
  'regulator',
  'controller',
  'platform',
  'ministry',
  'agency',
  'legislature',
  'outlet',
  'court',
  'prosecutor',
  'police',
  'advocacy',
  'association',
  'academic',
  'international',
] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

const ARABIC = /[\u0600-\u06ff]/u;
const LATIN = /[A-Za-zÀ-ÿ]/u;

const name = z.string().trim().min(1).max(160);
const latinName = name.refine((s) => !ARABIC.test(s) && LATIN.test(s), 'a French or English name is in Latin script');
// "(ومع)" is the one Arabic name that is mostly punctuation; every Arabic name has Arabic letters.
const arabicName = name.refine((s) => ARABIC.test(s), 'an Arabic name is in Arabic script');

export const gazetteerEntrySchema = z
  .object({
    id: z.string().regex(/^org:[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids look like org:some-name'),
    kind: z.enum(ORG_KINDS),
    role: z.enum(ORG_ROLES),
    /** ISO 3166 alpha-2 of the jurisdiction; absent for multinationals and international bodies. */
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
    /** The company that owns this product ("org:meta" for Instagram). */
    parent: z.string().optional(),
    names: z.object({ fr: z.array(latinName), ar: z.array(arabicName), en: z.array(latinName) }).strict(),
    /**
     * Names that are also common words or generic phrases ("Orange", "Meta", "Commission nationale"):
     * `capitalized` ones only count when written with a capital; `anchored` ones only when a full name
     * of the same entry appears in the document; `generic` ones are the press's short descriptions
     * ("لجنة حماية المعطيات") that go to another authority the document names specifically; `listed`
     * ones (a bare "X") only count inside an enumeration of other known organizations.
     */
    capitalized: z.array(name).optional(),
    anchored: z.array(name).optional(),
    generic: z.array(name).optional(),
    listed: z.array(name).optional(),
  })
  .strict()
  .superRefine((entry, ctx) => {
    const all = new Set([...entry.names.fr, ...entry.names.ar, ...entry.names.en]);
    if (all.size === 0) ctx.addIssue({ code: 'custom', message: `${entry.id}: no name` });
    for (const key of ['capitalized', 'anchored', 'generic', 'listed'] as const) {
      for (const n of entry[key] ?? []) {
        if (!all.has(n))
          ctx.addIssue({ code: 'custom', message: `${entry.id}: ${key} name "${n}" is not one of its names` });
      }
    }
  });

export type GazetteerEntry = z.infer<typeof gazetteerEntrySchema>;

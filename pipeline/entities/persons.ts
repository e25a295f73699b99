// Persons named in a matter: known officials by name, anyone introduced by a civility or a role
// ("M.", "Mme", "le ministre", "السيد", "الوزير"). A lone surname ("M. Seghrouchni") joins the full
// name found in the same document.
import { normalizeForMatch } from '../normalize.ts';
import type { PersonEntity, Span } from '../types.ts';
import { type DocContext, escapeRegExp, origIndex, slugOf, spanOf } from './context.ts';
import { PERSONS } from './gazetteer.ts';

const KNOWN = (() => {
  const byName = new Map<string, string>();
  const bySurname = new Map<string, string>();
  for (const p of PERSONS) {
    for (const n of p.names) byName.set(normalizeForMatch(n), p.id);
    for (const s of p.surnames) bySurname.set(normalizeForMatch(s), p.id);
  }
  const alternation = [...byName.keys()]
    .sort((a, b) => b.length - a.length)
    .map((n) =>
      n
        .split(/[\s-]+/)
        .map(escapeRegExp)
        .join('[\\s\\-]+'),
    )
    .join('|');
  const re = new RegExp(`(?<![\\p{L}\\p{N}])[وف]?[بل]?(${alternation})(?![\\p{L}\\p{N}])`, 'gu');
  return { byName, bySurname, re };
})();

// Civilities and roles, on normalized text. Roles require a full name after them.
const FR_CIVILITY = /(?<![\p{L}])(?:m\.|mme\.?|mlle\.?|monsieur|madame|maitre|dr\.?|pr\.?|mr\.?|mrs\.?|ms\.?)(?=\s)/gu;
const FR_ROLE = new RegExp(
  String.raw`(?<![\p{L}])(?:ministre|ministre delegue|ministre deleguee|president|presidente|depute|deputee|directeur general|directrice generale|secretaire general|secretaire generale|porte-parole|procureur|wali|gouverneur|avocat|avocate|minister|lawmaker|deputy|spokesperson|` +
    // Roles of a proceeding or an institution, and an appointment ("a désigné Claire X pour présider").
    'juge|rapporteur|rapporteure|batonnier|doyen|doyenne|recteur|rectrice|professeur|maire|commissaire|' +
    String.raw`judge|lawyer|attorney|dean|rector|professor|mayor|prosecutor|a designe|a nomme|appointed)(?![\p{L}])`,
  'gu',
);
const AR_TITLE =
  /(?<![\p{L}])[و]?(?:السيد|السيده|الوزير|الوزيره|النائب|النائبه|البرلماني|البرلمانيه|الدكتور|الدكتوره|الاستاذ|الاستاذه|رئيس اللجنه الوطنيه|رئيس اللجنه)(?=\s)/gu;

// A Latin full name: capitalized tokens, with the particles Maghrebi names carry.
const LATIN_PERSON =
  /\s*((?:\p{Lu}[\p{Ll}'’-]+|El|Ben|Al|Ait|Aït|Ou|Bel|Abdel)(?:[ \t]+(?:\p{Lu}[\p{Ll}'’-]+|El|Ben|Al|Ait|Aït|Bel|el|ben)){0,3})/uy;

// "Karim Tazi, président de l'association": the press often names first, then gives the role.
const NAME_THEN_ROLE =
  /(?<![\p{L}])(\p{Lu}[\p{Ll}'’-]+(?:[ \t]+(?:\p{Lu}[\p{Ll}'’-]+|El|Ben|Al|Ait)){1,3}),\s+(?:le |la |l'|l’|the )?(?:pr[ée]sidente?|ministre|directeur|directrice|secr[ée]taire g[ée]n[ée]rale?|porte-parole|d[ée]put[ée]e?|avocate?|fondat(?:eur|rice)|coordinat(?:eur|rice)|responsable|chef|PDG|CEO|president|minister|director|spokesperson|head)(?![\p{L}])/gu;
const NOT_FIRST_NAMES = new Set([
  'Le',
  'La',
  'Les',
  'Un',
  'Une',
  'Selon',
  'Pour',
  'Dans',
  'En',
  'Au',
  'Aux',
  'Par',
  'De',
  'Du',
  'Des',
  'Et',
  'The',
  'In',
  'For',
  'According',
  'Monsieur',
  'Madame',
]);

const AR_STOP = new Set([
  'رئيس',
  'وزير',
  'في',
  'من',
  'عن',
  'علي',
  'الي',
  'الي',
  'ان',
  'الذي',
  'التي',
  'قد',
  'خلال',
  'مع',
  'بعد',
  'قبل',
  'حول',
  'بان',
  'انه',
  'امام',
  'لدي',
  'عبر',
  'كما',
  'اليوم',
  'امس',
  'المكلف',
  'المنتدب',
  'المنتدبه',
  'المكلفه',
]);

function arabicNameAt(text: string, pos: number): { name: string; start: number; end: number } | null {
  const re = /\s*((?:[\u0621-\u064a]+)(?:\s+[\u0621-\u064a]+){0,3})/y;
  re.lastIndex = pos;
  const m = re.exec(text);
  if (!m?.[1]) return null;
  const words = m[1].split(/\s+/);
  const taken: string[] = [];
  for (const w of words) {
    const n = normalizeForMatch(w);
    if (AR_STOP.has(n) || (taken.length === 0 && n.startsWith('ال'))) break;
    // Beyond the first two words only a compound part ("عبد الوافي لفتيت") continues the name.
    if (taken.length >= 2 && !taken.some((t) => /^(?:عبد|ابو|بن|ابن)$/.test(normalizeForMatch(t)))) break;
    taken.push(w);
    if (taken.length === 4) break;
  }
  if (taken.length < 2) return null;
  const name = taken.join(' ');
  const start = m.index + m[0].indexOf(m[1]);
  return { name, start, end: start + name.length };
}

export function findPersons(ctx: DocContext): PersonEntity[] {
  const found: Array<{ id: string | null; name: string; span: Span; surnameOnly: boolean }> = [];
  const taken: Array<[number, number]> = [];
  const add = (
    id: string | null,
    name: string,
    start: number,
    end: number,
    confidence: number,
    surnameOnly = false,
  ) => {
    if (taken.some(([a, b]) => start < b && end > a)) return;
    taken.push([start, end]);
    found.push({ id, name, span: spanOf(ctx, start, end, confidence), surnameOnly });
  };

  const text = ctx.norm.text;
  KNOWN.re.lastIndex = 0;
  for (let m = KNOWN.re.exec(text); m !== null; m = KNOWN.re.exec(text)) {
    const n = m[1] ?? '';
    const nStart = m.index + m[0].length - n.length;
    const id = KNOWN.byName.get(n.replace(/[\s-]+/g, ' ')) ?? null;
    add(
      id,
      ctx.text.slice(origIndex(ctx, nStart), origIndex(ctx, nStart + n.length)),
      origIndex(ctx, nStart),
      origIndex(ctx, nStart + n.length),
      0.95,
    );
  }

  for (const [re, isRole] of [
    [FR_CIVILITY, false],
    [FR_ROLE, true],
  ] as const) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const oPos = origIndex(ctx, m.index + m[0].length);
      // Roles often put their complement first: "le président de la CNDP, Omar Seghrouchni".
      const starts = [oPos];
      if (isRole) {
        const comma = ctx.text.slice(oPos, oPos + 90).search(/[,\n.;]/);
        if (comma >= 0 && ctx.text[oPos + comma] === ',') starts.push(oPos + comma + 1);
      }
      for (const at of starts) {
        LATIN_PERSON.lastIndex = at;
        const pm = LATIN_PERSON.exec(ctx.text);
        if (!pm?.[1]) continue;
        const name = pm[1].trim();
        const tokens = name.split(/\s+/);
        if (isRole && tokens.length < 2) continue;
        const start = pm.index + pm[0].indexOf(pm[1]);
        add(null, name, start, start + name.length, isRole ? 0.6 : 0.75, tokens.length === 1);
        break;
      }
    }
  }

  NAME_THEN_ROLE.lastIndex = 0;
  for (let m = NAME_THEN_ROLE.exec(ctx.text); m !== null; m = NAME_THEN_ROLE.exec(ctx.text)) {
    const name = m[1] ?? '';
    if (NOT_FIRST_NAMES.has(name.split(/\s+/)[0] ?? '')) continue;
    add(null, name, m.index, m.index + name.length, 0.6);
  }

  AR_TITLE.lastIndex = 0;
  for (let m = AR_TITLE.exec(text); m !== null; m = AR_TITLE.exec(text)) {
    const oPos = origIndex(ctx, m.index + m[0].length);
    const found = arabicNameAt(ctx.text, oPos);
    if (found) add(null, found.name, found.start, found.end, 0.7);
  }

  // Resolve ids: known names, then surnames against full names in the document, then slugs.
  found.sort((a, b) => a.span.start - b.span.start);
  const fullNames = found.filter((f) => !f.surnameOnly);
  const byId = new Map<string, PersonEntity>();
  for (const f of found) {
    let id = f.id;
    const n = normalizeForMatch(f.name);
    if (!id) id = KNOWN.byName.get(n) ?? null;
    if (!id && f.surnameOnly) {
      const full = fullNames.find((g) => normalizeForMatch(g.name).endsWith(` ${n}`));
      id = full ? (full.id ?? `person:${slugOf(full.name)}`) : (KNOWN.bySurname.get(n) ?? null);
    }
    if (!id) {
      // A full name whose last word is a known surname ("Omar Seghrouchni" spelled otherwise) stays its own person.
      id = `person:${slugOf(f.name)}`;
    }
    const existing = byId.get(id);
    if (existing) existing.mentions.push(f.span);
    else byId.set(id, { id, name: f.name, mentions: [f.span] });
  }
  return [...byId.values()];
}

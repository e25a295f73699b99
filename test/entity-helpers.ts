// Small factories for the entity tests: run the whole extractor on one short text.

import { extractEntities } from '../pipeline/entities/index.ts';
import type { Entities, Lang } from '../pipeline/types.ts';

export function entitiesOf(
  text: string,
  language: Lang = 'fr',
  publishedAt: string | null = '2023-01-10',
  title: string | null = null,
): Entities {
  return extractEntities({ text, title, language, publishedAt });
}

export function idsOf(list: Array<{ id: string }>): string[] {
  return list.map((e) => e.id).sort();
}

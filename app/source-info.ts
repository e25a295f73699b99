// What the pipeline needs to know about a document's source: its kind and outlet, and the facts an
// importer supplied beside the text. Crawled sources come from the registry; imported ones from the
// config recorded in `sources` when they were imported.
import { SOURCES } from '../crawlers/sources/index.ts';
import type { SourceKind, UnderstandInput } from '../pipeline/run.ts';
import type { Lang } from '../pipeline/types.ts';
import type { Db } from '../store/db.ts';
import type { Snapshot } from '../store/pages.ts';
import { getSourceConfig } from '../store/sources.ts';

/** Headers an importer records on its snapshots: the supplied metadata, kept with the text it describes. */
export const IMPORT_HEADERS = {
  title: 'x-raqib-title',
  publishedAt: 'x-raqib-published-at',
  language: 'x-raqib-language',
} as const;

export interface SourceInfo {
  kind: SourceKind;
  outlet: string | null;
  hintsFor(page: Snapshot): UnderstandInput['hints'];
}

const LANGS = new Set<Lang>(['fr', 'ar', 'en', 'und']);

export function sourceInfo(db: Db, sourceId: string): SourceInfo {
  const registered = SOURCES.find((s) => s.id === sourceId);
  const stored = registered ? null : (getSourceConfig(db, sourceId) as { kind?: string; outlet?: string } | null);
  const kind = registered?.kind ?? stored?.kind;
  return {
    kind: kind === 'regulator' || kind === 'aggregator' ? kind : 'press',
    outlet: registered?.outlet ?? stored?.outlet ?? null,
    hintsFor(page) {
      const language = page.headers[IMPORT_HEADERS.language] as Lang | undefined;
      return {
        title: page.headers[IMPORT_HEADERS.title] ?? null,
        publishedAt: page.headers[IMPORT_HEADERS.publishedAt] ?? null,
        language: language && LANGS.has(language) ? language : null,
      };
    },
  };
}

import { Meilisearch } from 'meilisearch';
import { resolveMeilisearch } from '../index/server.ts';
import { documentSettings, buildSynonyms } from '../index/settings.ts';
import { GAZETTEER, tempDir, SILENT_LOG } from '../index/test-fixtures.ts';
const srv = await resolveMeilisearch({ config: {}, dataDir: tempDir('exp'), log: SILENT_LOG });
const c = new Meilisearch({ host: srv.url, apiKey: srv.apiKey });
const full = documentSettings(buildSynonyms(GAZETTEER));
const variants: Record<string, object> = {
  none: {},
  full,
  noLocalized: { ...full, localizedAttributes: [] },
  noSynonyms: { ...full, synonyms: {} },
  fewAttrs: { ...full, searchableAttributes: ['title_fr', 'text_fr', 'text_ar'] },
};
for (const [name, settings] of Object.entries(variants)) {
  await c.createIndex(name, { primaryKey: 'uid' }).waitTask();
  await c.index(name).updateSettings(settings).waitTask();
  for (let i = 0; i < 3; i++) {
    const t0 = Date.now();
    const task = await c.index(name).addDocuments([{ uid: `d${i}`, title_fr: 'bonjour le monde', text_fr: 'un texte court ' + i, text_ar: 'نص قصير', publishedAt: 1, tie: i, relevant: true, isDuplicate: false, language: 'fr' }]).waitTask({ interval: 10 });
    console.log(name, i, Date.now() - t0, task.duration);
  }
}
await srv.stop();

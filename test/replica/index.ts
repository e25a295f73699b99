// The replica web: the real sites' paths served on 127.0.0.1, with content of our own writing and
// the gold metadata a perfect pipeline should reach.
export type { ArticleFixture, Gold, PdfFixture, StoryId } from './content/index.ts';
export { ARTICLES, DEAD_LINKS, GOLD, goldByUrl, outletName, PDFS, STORY_IDS } from './content/index.ts';
export type { Replica, ReplicaOptions, ReplicaRequest } from './server.ts';
export { startReplica } from './server.ts';

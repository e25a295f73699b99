// The analysts' web page (search, cases, documents, entities, sources) served under /ui.
export { registerWebPages } from './routes.ts';

// Second blind evaluation set: 24 documents written without reading the extraction code, kept for
// the final measurement only, in the same JSON format as eval/corpus/docs (load with loadEvalCorpus(BLIND_DIR)).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BLIND_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'docs');

// Blind held-out evaluation set: 30 documents written without reading the extraction code,
// in the same JSON format as eval/corpus/docs (load with loadEvalCorpus(HELDOUT_DIR)).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HELDOUT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'docs');

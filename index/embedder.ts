// Optional sentence embeddings for hybrid search. When `RAQIB_EMBEDDING_MODEL` names a local folder
// holding a multilingual sentence-embedding model in ONNX form (transformers.js layout: config.json,
// tokenizer.json, tokenizer_config.json, onnx/model.onnx), documents and queries get vectors and
// Meilisearch mixes vector similarity into the ranking through a `userProvided` embedder
// (https://www.meilisearch.com/docs/learn/ai_powered_search/search_with_user_provided_embeddings).
//
// @huggingface/transformers (the maintained successor of @xenova/transformers) is imported only
// here and only when a model is configured: without one, nothing of it loads. Remote models are
// switched off — the model is read from disk, never downloaded.
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../pipeline/errors.ts';

export interface Embedder {
  /** The folder the model was loaded from. */
  readonly model: string;
  readonly dimensions: number;
  /** One unit-length vector per text (mean pooling over tokens, then L2 normalization). */
  embed(texts: readonly string[]): Promise<number[][]>;
}

/** The Meilisearch embedder name documents and queries use. */
export const EMBEDDER_NAME = 'raqib';

/** What a document is embedded from: the title and the opening of the text, where news puts the matter. */
export function embeddingText(title: string | null, text: string, maxChars = 1500): string {
  return `${title ?? ''}\n${text}`.trim().slice(0, maxChars);
}

export async function loadEmbedder(modelDir: string): Promise<Embedder> {
  const dir = resolve(modelDir);
  for (const f of ['config.json', 'tokenizer.json', join('onnx', 'model.onnx')]) {
    if (!existsSync(join(dir, f)))
      throw new AppError(
        'CONFIG_INVALID',
        `RAQIB_EMBEDDING_MODEL: ${join(dir, f)} is missing (expected a transformers.js ONNX model folder)`,
      );
  }
  let transformers: typeof import('@huggingface/transformers');
  try {
    transformers = await import('@huggingface/transformers');
  } catch (cause) {
    throw new AppError(
      'CONFIG_INVALID',
      'RAQIB_EMBEDDING_MODEL is set but @huggingface/transformers is not installed',
      {
        cause,
      },
    );
  }
  const { env, pipeline } = transformers;
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${dirname(dir)}/`;
  let extractor: Awaited<ReturnType<typeof pipeline<'feature-extraction'>>>;
  try {
    extractor = await pipeline('feature-extraction', basename(dir), { local_files_only: true, dtype: 'fp32' });
  } catch (cause) {
    throw new AppError(
      'CONFIG_INVALID',
      `RAQIB_EMBEDDING_MODEL: cannot load the model in ${dir}: ${(cause as Error).message}`,
      {
        cause,
      },
    );
  }
  const embed = async (texts: readonly string[]): Promise<number[][]> => {
    if (texts.length === 0) return [];
    const out = await extractor([...texts], { pooling: 'mean', normalize: true });
    return out.tolist() as number[][];
  };
  const [probe] = await embed(['probe']);
  return { model: dir, dimensions: probe?.length ?? 0, embed };
}

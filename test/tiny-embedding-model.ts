// A tiny sentence-embedding model the tests build themselves (nothing downloads): a word-level
// vocabulary, and an ONNX graph that looks each token up in an embedding table (Gather) and returns
// it as `last_hidden_state`; transformers.js then mean-pools and normalizes as it does for a real
// model. Words that mean the same thing in French, Arabic and English share a row, so the model is
// cross-lingual by construction. Not part of the public API.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';

// A CommonJS module whose namespace Node cannot list statically: take it from the default export.
const { onnx } = onnxProto;

/** Each group of words gets its own axis; words of one group are one meaning. */
export const TINY_MODEL_MEANINGS: readonly (readonly string[])[] = [
  ['reconnaissance', 'faciale', 'visage', 'التعرف', 'الوجه', 'facial', 'recognition', 'face'],
  ['fuite', 'fuites', 'تسريب', 'تسربت', 'leak', 'leaked'],
  ['stade', 'supporters', 'ملعب', 'الجماهير', 'stadium', 'fans'],
  ['caméras', 'surveillance', 'كاميرات', 'المراقبة', 'cameras', 'cctv'],
];

export function writeTinyEmbeddingModel(dir: string): { dimensions: number } {
  const dims = TINY_MODEL_MEANINGS.length + 1;
  // Ids 0-1 are [PAD] and [UNK]; [UNK] points along the last axis, so unknown text is not a zero vector.
  const vocab: Record<string, number> = { '[PAD]': 0, '[UNK]': 1 };
  const rows: number[][] = [new Array(dims).fill(0), [...new Array(dims - 1).fill(0), 1]];
  TINY_MODEL_MEANINGS.forEach((words, axis) => {
    for (const w of words) {
      vocab[w] = rows.length;
      const row = new Array(dims).fill(0);
      row[axis] = 1;
      rows.push(row);
    }
  });

  const tensor = onnx.TensorProto.create({
    name: 'embeddings',
    dims: [rows.length, dims],
    dataType: onnx.TensorProto.DataType.FLOAT,
    floatData: rows.flat(),
  });
  const io = (name: string, elemType: number, shape: (string | number)[]) =>
    onnx.ValueInfoProto.create({
      name,
      type: {
        tensorType: {
          elemType,
          shape: { dim: shape.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
        },
      },
    });
  const graph = onnx.GraphProto.create({
    name: 'tiny-embedder',
    node: [
      onnx.NodeProto.create({ opType: 'Gather', input: ['embeddings', 'input_ids'], output: ['last_hidden_state'] }),
      // attention_mask is an input real encoders have; an Identity keeps it part of the graph.
      onnx.NodeProto.create({ opType: 'Identity', input: ['attention_mask'], output: ['mask_out'] }),
    ],
    initializer: [tensor],
    input: [
      io('input_ids', onnx.TensorProto.DataType.INT64, ['batch', 'sequence']),
      io('attention_mask', onnx.TensorProto.DataType.INT64, ['batch', 'sequence']),
    ],
    output: [
      io('last_hidden_state', onnx.TensorProto.DataType.FLOAT, ['batch', 'sequence', dims]),
      io('mask_out', onnx.TensorProto.DataType.INT64, ['batch', 'sequence']),
    ],
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'raqib-tests',
    opsetImport: [{ domain: '', version: 13 }],
    graph,
  });
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'onnx', 'model.onnx'), onnx.ModelProto.encode(model).finish());
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({ model_type: 'bert', hidden_size: dims, architectures: ['BertModel'] }),
  );
  writeFileSync(
    join(dir, 'tokenizer_config.json'),
    JSON.stringify({
      tokenizer_class: 'BertTokenizer',
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      model_max_length: 128,
      do_lower_case: true,
    }),
  );
  writeFileSync(
    join(dir, 'tokenizer.json'),
    JSON.stringify({
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: [
        { id: 0, content: '[PAD]', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true },
        { id: 1, content: '[UNK]', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true },
      ],
      normalizer: { type: 'Lowercase' },
      pre_tokenizer: { type: 'Whitespace' },
      post_processor: null,
      decoder: null,
      // Whole words only: WordPiece with no continuation pieces in its vocabulary is a word lookup.
      model: {
        type: 'WordPiece',
        unk_token: '[UNK]',
        continuing_subword_prefix: '##',
        max_input_chars_per_word: 100,
        vocab,
      },
    }),
  );
  return { dimensions: dims };
}

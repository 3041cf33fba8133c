/**
 * Weight precisions a model folder may ship (transformers.js names and file suffixes). Doppel uses fp32
 * only until the benchmarks show a smaller one keeps duplicate detection intact; the loaders take the
 * setting already so it can be offered without touching them.
 */
export type ModelPrecision = 'fp32' | 'fp16' | 'q8' | 'int8' | 'uint8';

const fileSuffix: Record<ModelPrecision, string> = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  int8: '_int8',
  uint8: '_uint8',
};

export const DEFAULT_PRECISION: ModelPrecision = 'fp32';

export function onnxFile(tower: 'vision_model' | 'text_model', precision: ModelPrecision): string {
  return `onnx/${tower}${fileSuffix[precision]}.onnx`;
}

/** Vectors of one model at two precisions differ slightly, so they must never be compared. */
export function precisionModelId(id: string, precision: ModelPrecision): string {
  return precision === DEFAULT_PRECISION ? id : `${id}#${precision}`;
}

export function visionFiles(precision: ModelPrecision): string[] {
  return ['config.json', 'preprocessor_config.json', onnxFile('vision_model', precision)];
}

export function textFiles(precision: ModelPrecision): string[] {
  return ['config.json', 'tokenizer.json', 'tokenizer_config.json', onnxFile('text_model', precision)];
}

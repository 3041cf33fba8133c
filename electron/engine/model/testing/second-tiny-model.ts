import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { onnx } from 'onnx-proto';

/**
 * A copy of the tiny test model whose vision projection is reversed: a different, equally valid model
 * (different vectors for the same photo), so tests can change models without the network.
 */
export function makeSecondTinyModel(fromDir: string, toDir: string): string {
  cpSync(fromDir, toDir, { recursive: true });
  const path = join(toDir, 'onnx', 'vision_model.onnx');
  const model = onnx.ModelProto.decode(readFileSync(path));
  const projection = model.graph!.initializer!.find((tensor) => tensor.name === 'projection')!;
  const raw = projection.rawData!;
  const floats = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  floats.reverse();
  projection.rawData = new Uint8Array(floats.buffer);
  writeFileSync(path, onnx.ModelProto.encode(model).finish());
  return toDir;
}

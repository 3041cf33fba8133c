/**
 * A minimal ONNX ModelProto writer for the few small graphs the engine builds at run time (the onnx
 * protobuf package is a build-time tool only). Field numbers are from onnx.proto3; only what those graphs
 * need is encoded: nodes with int attributes, and float/int64/bool graph inputs and outputs.
 */
export interface OnnxNode {
  opType: string;
  inputs: string[];
  outputs: string[];
  /** Integer attributes (e.g. Gemm's transB). */
  ints?: Record<string, number>;
}

export interface OnnxValue {
  name: string;
  /** onnx.TensorProto.DataType: 1 float, 2 uint8, 3 int8, 6 int32, 7 int64, 9 bool. */
  elemType: 1 | 2 | 3 | 6 | 7 | 9;
  /** A number is a fixed size, a string a symbolic one. */
  dims: (number | string)[];
}

export interface OnnxGraph {
  nodes: OnnxNode[];
  inputs: OnnxValue[];
  outputs: OnnxValue[];
  opset: number;
}

class ProtoWriter {
  private readonly bytes: number[] = [];

  varint(value: number): this {
    let v = value;
    while (v > 127) {
      this.bytes.push((v % 128) | 128);
      v = Math.floor(v / 128);
    }
    this.bytes.push(v);
    return this;
  }

  /** Varint field (wire type 0). */
  int(field: number, value: number): this {
    return this.varint(field * 8).varint(value);
  }

  /** Length-delimited field (wire type 2): strings and nested messages. */
  bytesField(field: number, content: Uint8Array): this {
    this.varint(field * 8 + 2).varint(content.length);
    for (const byte of content) this.bytes.push(byte);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytesField(field, new TextEncoder().encode(value));
  }

  message(field: number, build: (writer: ProtoWriter) => void): this {
    const nested = new ProtoWriter();
    build(nested);
    return this.bytesField(field, nested.finish());
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

const ATTRIBUTE_TYPE_INT = 2;

function writeValue(writer: ProtoWriter, value: OnnxValue): void {
  writer.string(1, value.name);
  writer.message(2, (type) =>
    type.message(1, (tensor) => {
      tensor.int(1, value.elemType);
      tensor.message(2, (shape) => {
        for (const dim of value.dims)
          shape.message(1, (d) => (typeof dim === 'number' ? d.int(1, dim) : d.string(2, dim)));
      });
    }),
  );
}

export function encodeOnnxModel(graph: OnnxGraph): Uint8Array {
  return new ProtoWriter()
    .int(1, 8) // ir_version
    .string(2, 'doppel')
    .message(7, (g) => {
      graph.nodes.forEach((node, index) =>
        g.message(1, (n) => {
          for (const input of node.inputs) n.string(1, input);
          for (const output of node.outputs) n.string(2, output);
          n.string(3, `${node.opType.toLowerCase()}_${index}`);
          n.string(4, node.opType);
          for (const [name, value] of Object.entries(node.ints ?? {}))
            n.message(5, (a) => a.string(1, name).int(3, value).int(20, ATTRIBUTE_TYPE_INT));
        }),
      );
      g.string(2, 'doppel_graph');
      for (const input of graph.inputs) g.message(11, (v) => writeValue(v, input));
      for (const output of graph.outputs) g.message(12, (v) => writeValue(v, output));
    })
    .message(8, (opset) => opset.string(1, '').int(2, graph.opset))
    .finish();
}

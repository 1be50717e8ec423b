// The ONNX messages the U-Net export needs, encoded with the field numbers of onnx.proto
// (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto). Only what we write is modelled.
import { ProtoWriter } from './protobuf-writer';

/** IR version 8 and opset 17 were released together (ONNX 1.12). */
export const ONNX_IR_VERSION = 8;
export const ONNX_OPSET = 17;

/** TensorProto.DataType values. */
export const DATA_TYPE = { FLOAT: 1, INT64: 7 } as const;

/** AttributeProto.AttributeType values. */
const ATTRIBUTE_TYPE = { FLOAT: 1, INT: 2, INTS: 7 } as const;

export type AttributeValue =
  | { kind: 'int'; value: number }
  | { kind: 'ints'; value: readonly number[] }
  | { kind: 'float'; value: number };

export interface OnnxNode {
  opType: string;
  name: string;
  inputs: string[];
  outputs: string[];
  attributes?: Record<string, AttributeValue>;
}

/** A weight: float32 (written as raw little-endian bytes) or int64 (Slice bounds). */
export type OnnxInitializer =
  | { name: string; dims: number[]; type: 'float'; data: Float32Array }
  | { name: string; dims: number[]; type: 'int64'; data: number[] };

/** A dimension: a fixed size, or a name for a size known only at run time. */
export type OnnxDim = number | string;

export interface OnnxValueInfo {
  name: string;
  dims: OnnxDim[];
}

export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
  initializers: OnnxInitializer[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
}

export interface OnnxModel {
  graph: OnnxGraph;
  producerName: string;
  producerVersion?: string;
  docString?: string;
  metadata: Record<string, string>;
}

function attribute(name: string, value: AttributeValue): ProtoWriter {
  // AttributeProto: name = 1, f = 2, i = 3, ints = 8, type = 20.
  const out = new ProtoWriter().string(1, name);
  if (value.kind === 'float') out.float(2, value.value).varint(20, ATTRIBUTE_TYPE.FLOAT);
  else if (value.kind === 'int') out.varint(3, value.value).varint(20, ATTRIBUTE_TYPE.INT);
  else out.packedVarints(8, value.value).varint(20, ATTRIBUTE_TYPE.INTS);
  return out;
}

function node({ opType, name, inputs, outputs, attributes = {} }: OnnxNode): ProtoWriter {
  // NodeProto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5.
  const out = new ProtoWriter();
  for (const input of inputs) out.string(1, input);
  for (const output of outputs) out.string(2, output);
  out.string(3, name).string(4, opType);
  for (const [key, value] of Object.entries(attributes)) out.message(5, attribute(key, value));
  return out;
}

function tensor(initializer: OnnxInitializer): ProtoWriter {
  // TensorProto: dims = 1, data_type = 2, name = 8, raw_data = 9 (little-endian, as ONNX wants).
  const out = new ProtoWriter().packedVarints(1, initializer.dims);
  if (initializer.type === 'float') {
    const raw = new Uint8Array(initializer.data.length * 4);
    const view = new DataView(raw.buffer);
    initializer.data.forEach((value, i) => view.setFloat32(i * 4, value, true));
    out.varint(2, DATA_TYPE.FLOAT).string(8, initializer.name).bytes(9, raw);
  } else {
    const raw = new Uint8Array(initializer.data.length * 8);
    const view = new DataView(raw.buffer);
    initializer.data.forEach((value, i) => view.setBigInt64(i * 8, BigInt(value), true));
    out.varint(2, DATA_TYPE.INT64).string(8, initializer.name).bytes(9, raw);
  }
  return out;
}

function valueInfo({ name, dims }: OnnxValueInfo): ProtoWriter {
  // TensorShapeProto.Dimension: dim_value = 1, dim_param = 2.
  const shape = new ProtoWriter();
  for (const dim of dims) {
    const dimension =
      typeof dim === 'number' ? new ProtoWriter().varint(1, dim) : new ProtoWriter().string(2, dim);
    shape.message(1, dimension); // TensorShapeProto: dim = 1
  }
  // TypeProto.Tensor: elem_type = 1, shape = 2; TypeProto: tensor_type = 1.
  const tensorType = new ProtoWriter().varint(1, DATA_TYPE.FLOAT).message(2, shape);
  const type = new ProtoWriter().message(1, tensorType);
  // ValueInfoProto: name = 1, type = 2.
  return new ProtoWriter().string(1, name).message(2, type);
}

function graph(g: OnnxGraph): ProtoWriter {
  // GraphProto: node = 1, name = 2, initializer = 5, input = 11, output = 12.
  const out = new ProtoWriter();
  for (const n of g.nodes) out.message(1, node(n));
  out.string(2, g.name);
  for (const initializer of g.initializers) out.message(5, tensor(initializer));
  for (const input of g.inputs) out.message(11, valueInfo(input));
  for (const output of g.outputs) out.message(12, valueInfo(output));
  return out;
}

/** The bytes of a .onnx file. */
export function encodeModel(model: OnnxModel): Uint8Array {
  // ModelProto: ir_version = 1, producer_name = 2, producer_version = 3, doc_string = 6,
  // graph = 7, opset_import = 8, metadata_props = 14.
  const out = new ProtoWriter().varint(1, ONNX_IR_VERSION).string(2, model.producerName);
  if (model.producerVersion !== undefined) out.string(3, model.producerVersion);
  if (model.docString !== undefined) out.string(6, model.docString);
  out.message(7, graph(model.graph));
  // OperatorSetIdProto: domain = 1 ('' is the default ai.onnx domain), version = 2.
  out.message(8, new ProtoWriter().string(1, '').varint(2, ONNX_OPSET));
  for (const [key, value] of Object.entries(model.metadata)) {
    // StringStringEntryProto: key = 1, value = 2.
    out.message(14, new ProtoWriter().string(1, key).string(2, value));
  }
  return out.finish();
}

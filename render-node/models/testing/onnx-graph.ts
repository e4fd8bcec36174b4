import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/**
 * Writes small ONNX models from JavaScript, for tests and benchmarks: a graph
 * with exactly the input and output names and element types of a real
 * pipeline's graph (SD-Turbo's text encoder, UNet and VAE decoder, a Piper
 * voice), built from standard operators, so onnxruntime-node runs it like
 * the real one. No weights, no network.
 */

export type ElementType = 'float32' | 'float16' | 'int64' | 'int32';

const ELEMENT_TYPES: Record<ElementType, number> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  float16: onnx.TensorProto.DataType.FLOAT16,
  int64: onnx.TensorProto.DataType.INT64,
  int32: onnx.TensorProto.DataType.INT32,
};

/** A dimension: a fixed size or a symbolic name ('batch', 'sequence'). */
export type Dim = number | string;

export interface ValueSpec {
  name: string;
  type: ElementType;
  shape: Dim[];
}

export interface NodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  attributes?: Record<string, number | number[] | string>;
  /** Operators outside the default domain (e.g. 'com.microsoft'). */
  domain?: string;
}

export interface InitializerSpec {
  name: string;
  type: 'float32' | 'int64';
  dims: number[];
  values: number[];
}

export interface GraphSpec {
  name: string;
  inputs: ValueSpec[];
  outputs: ValueSpec[];
  nodes: NodeSpec[];
  initializers?: InitializerSpec[];
  /** Model metadata (`metadata_props`), read by pipelines that check it. */
  metadata?: Record<string, string>;
  opset?: number;
}

function valueInfo(spec: ValueSpec) {
  return onnx.ValueInfoProto.create({
    name: spec.name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType: ELEMENT_TYPES[spec.type],
        shape: onnx.TensorShapeProto.create({
          dim: spec.shape.map((d) =>
            onnx.TensorShapeProto.Dimension.create(
              typeof d === 'number' ? { dimValue: d } : { dimParam: d },
            ),
          ),
        }),
      }),
    }),
  });
}

function attribute(name: string, value: number | number[] | string) {
  const { AttributeType } = onnx.AttributeProto;
  if (typeof value === 'string') {
    return onnx.AttributeProto.create({
      name,
      type: AttributeType.STRING,
      s: new TextEncoder().encode(value),
    });
  }
  if (Array.isArray(value)) {
    return onnx.AttributeProto.create({ name, type: AttributeType.INTS, ints: value });
  }
  return Number.isInteger(value)
    ? onnx.AttributeProto.create({ name, type: AttributeType.INT, i: value })
    : onnx.AttributeProto.create({ name, type: AttributeType.FLOAT, f: value });
}

function initializer(spec: InitializerSpec) {
  return spec.type === 'float32'
    ? onnx.TensorProto.create({
        name: spec.name,
        dims: spec.dims,
        dataType: onnx.TensorProto.DataType.FLOAT,
        floatData: spec.values,
      })
    : onnx.TensorProto.create({
        name: spec.name,
        dims: spec.dims,
        dataType: onnx.TensorProto.DataType.INT64,
        int64Data: spec.values,
      });
}

/** The serialised model (an `.onnx` file's bytes). */
export function buildOnnxModel(spec: GraphSpec): Uint8Array {
  const domains = new Set(spec.nodes.map((n) => n.domain ?? ''));
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'montage-tests',
    opsetImport: [...domains].map((domain) =>
      onnx.OperatorSetIdProto.create({ domain, version: domain === '' ? (spec.opset ?? 17) : 1 }),
    ),
    metadataProps: Object.entries(spec.metadata ?? {}).map(([key, value]) =>
      onnx.StringStringEntryProto.create({ key, value }),
    ),
    graph: onnx.GraphProto.create({
      name: spec.name,
      input: spec.inputs.map(valueInfo),
      output: spec.outputs.map(valueInfo),
      initializer: (spec.initializers ?? []).map(initializer),
      node: spec.nodes.map((n, index) =>
        onnx.NodeProto.create({
          name: `${n.op}_${index}`,
          opType: n.op,
          domain: n.domain ?? '',
          input: n.inputs,
          output: n.outputs,
          attribute: Object.entries(n.attributes ?? {}).map(([k, v]) => attribute(k, v)),
        }),
      ),
    }),
  });
  return onnx.ModelProto.encode(model).finish();
}

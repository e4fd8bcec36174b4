import type { TensorType } from '../../shared/models/pipelines.ts';

/**
 * Reads an ONNX graph's inputs and outputs (names, element types, ranks) by
 * loading it with onnxruntime-node on CPU, without optimisation, then
 * releasing it. onnxruntime-node is imported on first use only, so a module
 * that merely imports the registry (the CLI's `list`, tests) does not load
 * the native runtime until a graph is checked.
 */

export interface GraphValue {
  name: string;
  /** The element type as onnxruntime names it ('float32', 'int64', …), or 'non-tensor'. */
  type: TensorType | string;
  /** Rank, when the graph declares a shape. */
  rank?: number;
}

export interface GraphSignature {
  inputs: GraphValue[];
  outputs: GraphValue[];
}

export type ReadGraphSignature = (path: string) => Promise<GraphSignature>;

export const readOnnxSignature: ReadGraphSignature = async (path) => {
  const ort = await import('onnxruntime-node');
  const session = await ort.InferenceSession.create(path, {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'disabled',
    enableCpuMemArena: false,
  });
  try {
    const values = (metadata: typeof session.inputMetadata): GraphValue[] =>
      metadata.map((value) =>
        value.isTensor
          ? { name: value.name, type: value.type, rank: value.shape.length || undefined }
          : { name: value.name, type: 'non-tensor' },
      );
    return { inputs: values(session.inputMetadata), outputs: values(session.outputMetadata) };
  } finally {
    await session.release();
  }
};

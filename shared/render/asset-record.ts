/**
 * How a generated asset was made (issue 14): stored beside the asset in the
 * media store (`<hash>.record.json`) when it is made, served by
 * `GET /api/v1/assets/:hash`, listed with variants. Enough to make it again:
 * same engine, model files, prompt, seed, size and steps give the same bytes
 * on the same execution provider.
 */
export interface GeneratedAssetRecord {
  /** The asset's content key (the media store hash). */
  hash: string;
  kind: 'picture' | 'narration';
  /** Engine id and version ('procedural', 'onnx'; 'espeak-ng', 'piper'). */
  engine: { id: string; version: string };
  /** The ONNX model, when one made it: its id and installed files' hash. */
  model?: { id: string; hash: string };
  prompt?: string;
  negativePrompt?: string;
  seed?: number;
  steps?: number;
  guidance?: number;
  width?: number;
  height?: number;
  /** Narration: the text spoken and the voice. */
  text?: string;
  voice?: string;
  /** Where it ran: execution provider and device name. */
  provider: 'cuda' | 'cpu' | 'none';
  device: string;
  nodeId: string;
  /** Wall time it took, in milliseconds. */
  durationMs: number;
  createdAt: string;
  /** When the chosen engine could not run and another made it (fallback), what was asked for. */
  fallbackFrom?: { engine: string; model?: string; reason: string };
}

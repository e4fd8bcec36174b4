import type { Depiction } from '../../../shared/render/depiction.ts';
import type { GeneratedAssetRecord } from '../../../shared/render/asset-record.ts';
import type { ScenePictureRequest } from '../../../shared/render/image-job.ts';

/**
 * An image engine paints a scene's picture: the moving layer of the frame
 * (typography is a separate, still layer: lettering.ts). Engines:
 * `procedural` (default, designed SVG, no model weights) and `onnx`
 * (a Stable-Diffusion-Turbo-class model through the inference host: onnx/). The request is
 * everything an engine may use; its canonical JSON, with the engine's id and
 * version, is the picture's cache key.
 */

/** What an engine is asked to paint: one shape for renders and image-only jobs (shared/render/image-job.ts). */
export type PictureRequest = ScenePictureRequest;

export interface ImageEngine {
  id: string;
  version: string;
  /**
   * Writes a PNG of exactly `width` × `height` to `outputPath`; rejects with
   * the signal's reason on abort. Resolves with how it was made, which the
   * image stage stores beside the picture (issue 14); engines that do not say
   * resolve with nothing.
   */
  generate(
    request: PictureRequest,
    outputPath: string,
    signal: AbortSignal,
  ): Promise<GenerationDetails | void>;
  /** What the picture of `request` shows, for engines that know (pure, same request → same record). */
  depict?(request: PictureRequest): Depiction;
}

/** What an engine reports of one generation: the record without what the stage adds (hash, kind, node, time). */
export type GenerationDetails = Omit<
  GeneratedAssetRecord,
  'hash' | 'kind' | 'nodeId' | 'createdAt'
>;

import type { GenerationDetails } from '../image/engine.ts';

/**
 * A voice engine turns narration text into a WAV file. Engines: `espeak-ng`
 * (default, no model weights) and `piper` (VITS voices in ONNX, planned).
 * An engine's `version` is part of every narration's cache key, so a voice
 * upgrade re-makes narration instead of mixing two voices in one video.
 */

export interface VoiceRequest {
  text: string;
  /** Engine-specific voice id, e.g. 'en', 'fr', 'en-us'. */
  voice: string;
  /** Speed multiplier, 0.5..2 (1 = the engine's normal speed). */
  rate: number;
  /** Pitch multiplier, 0.5..2. */
  pitch: number;
}

export interface VoiceEngine {
  id: string;
  version: string;
  /**
   * Writes a WAV file (PCM) to `outputPath`; rejects with the signal's reason
   * on abort. May resolve with how it was made (stored as the narration's record).
   */
  synthesize(
    request: VoiceRequest,
    outputPath: string,
    signal: AbortSignal,
  ): Promise<GenerationDetails | void>;
}

/**
 * Which voice names each engine accepts. A voice id ends up on the voice
 * engine's command line, so it is checked against the engine's naming pattern
 * at commit (the timeline schema), in the settings dialog, and again by the
 * render node: no leading '-', no spaces, no path characters.
 */
export const VOICE_ID_PATTERNS = {
  /** eSpeak NG voices and variants: "en", "fr", "en-us", "en-gb-x-rp", "en+f3", "mb-en1". */
  'espeak-ng': /^[a-z]{2,3}(-[a-z0-9]+)*(\+[a-z0-9]+)?$/i,
  /** Piper voice names: "en_US-lessac-medium", "fr_FR-siwis-low". */
  piper: /^[a-z]{2,3}(_[a-z]{2})?(-[a-z0-9_]+)*$/i,
} as const;

export type VoiceEngineId = keyof typeof VOICE_ID_PATTERNS;

const EXAMPLES: Record<VoiceEngineId, string> = {
  'espeak-ng': 'an eSpeak NG voice such as "en", "fr" or "en-us"',
  piper: 'a Piper voice such as "en_US-lessac-medium"',
};

/** Why a voice id is not valid for an engine, or null when it is (pure). */
export function voiceIdIssue(engine: string, voice: string): string | null {
  const pattern = VOICE_ID_PATTERNS[engine as VoiceEngineId];
  if (!pattern) return `Unknown voice engine`;
  if (voice.length > 64 || !pattern.test(voice)) {
    return `Voice name must be ${EXAMPLES[engine as VoiceEngineId]}`;
  }
  return null;
}

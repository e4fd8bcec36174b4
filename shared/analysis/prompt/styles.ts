import type { StylePreset } from '../../timeline.ts';
import type { MoodLabel, ShotType, TimeOfDay } from '../types.ts';

/** Descriptors per style preset: what to ask for, and what the style must avoid. */
export const STYLE_DESCRIPTORS: Record<StylePreset, { positive: string; negative: string }> = {
  cinematic: {
    positive:
      'cinematic film still, anamorphic lens, shallow depth of field, subtle film grain, professional color grading',
    negative: 'cartoon, anime, flat illustration, oversaturated',
  },
  photorealistic: {
    positive:
      'photorealistic photograph, natural light behaviour, fine detail, 35mm lens, sharp focus',
    negative: 'cartoon, illustration, painting, drawing, anime, 3d render, cgi, plastic skin',
  },
  anime: {
    positive:
      'anime style illustration, cel shading, clean line art, vibrant colors, detailed painted background',
    negative: 'photorealistic, photograph, 3d render, realistic skin texture',
  },
  '3d-render': {
    positive:
      'stylized 3d render, CGI animation film look, soft global illumination, subsurface scattering, clean materials',
    negative: 'photograph, flat 2d illustration, sketch, watercolor, film grain',
  },
  watercolor: {
    positive:
      'watercolor painting, soft translucent washes, visible paper texture, loose brushstrokes, gentle palette',
    negative: 'photorealistic, photograph, 3d render, hard digital edges, harsh contrast',
  },
  'line-art': {
    positive:
      'clean black ink line art on white, minimal hatching, crisp outlines, storyboard sketch',
    negative: 'photorealistic, photograph, color, gradients, 3d render, painterly texture',
  },
};

export const COMMON_NEGATIVE =
  'blurry, low quality, lowres, jpeg artifacts, watermark, signature, text, caption, logo, deformed hands, extra fingers, extra limbs, distorted face';

export const SHOT_WORDS: Record<ShotType, string> = {
  wide: 'wide establishing shot',
  medium: 'medium shot',
  'close-up': 'close-up shot',
};

export const LIGHTING: Record<TimeOfDay, { exterior: string; interior: string }> = {
  dawn: {
    exterior: 'at dawn, soft pale pre-dawn light, cool blue tones',
    interior: 'at dawn, faint cool light through the windows',
  },
  sunrise: {
    exterior: 'at sunrise, low golden sun, long shadows, warm rim light',
    interior: 'at sunrise, warm golden light streaming through the windows',
  },
  morning: {
    exterior: 'in the morning, fresh soft daylight',
    interior: 'in the morning, soft daylight through the windows',
  },
  day: {
    exterior: 'in daylight, bright natural light',
    interior: 'by day, bright natural window light',
  },
  afternoon: {
    exterior: 'in the afternoon, warm angled sunlight',
    interior: 'in the afternoon, warm sunlight through the windows',
  },
  sunset: {
    exterior: 'at sunset, golden hour, warm orange glow',
    interior: 'at sunset, warm orange light through the windows',
  },
  dusk: {
    exterior: 'at dusk, blue hour twilight, fading light',
    interior: 'at dusk, dim twilight and the first lamps lit',
  },
  evening: {
    exterior: 'in the evening, warm street lights under a deep blue sky',
    interior: 'in the evening, warm lamplight',
  },
  night: {
    exterior: 'at night, moonlight and practical lights, deep shadows',
    interior: 'at night, warm practical lighting, deep shadows',
  },
};

export const MOOD_LIGHT: Record<MoodLabel, string> = {
  tense: 'dramatic high-contrast lighting, tense atmosphere',
  somber: 'muted desaturated palette, melancholic atmosphere',
  joyful: 'vibrant warm colors, joyful atmosphere',
  calm: 'soft diffuse light, peaceful atmosphere',
  mysterious: 'moody atmospheric haze, mysterious atmosphere',
  hopeful: 'warm glowing light, hopeful atmosphere',
  neutral: '',
};

import type { Language } from '../timeline.ts';
import { SAMPLES, SAMPLE_IDS, type SampleId } from './samples.ts';
import { TEMPLATE_IDS, templateContent, type TemplateId } from './templates.ts';
import type { StarterContent } from './types.ts';

export { buildStarterDoc } from './build-doc.ts';
export { SAMPLES, SAMPLE_IDS, type SampleId } from './samples.ts';
export { PLACEHOLDER_MARK, TEMPLATE_IDS, templateContent, type TemplateId } from './templates.ts';
export type { StarterCastMember, StarterContent, StarterScene } from './types.ts';

/** Where a new project starts from: a sample (its own language) or a template. */
export type StarterSource = { sample: string } | { template: string };

export const isSampleId = (id: string): id is SampleId => (SAMPLE_IDS as string[]).includes(id);
export const isTemplateId = (id: string): id is TemplateId =>
  (TEMPLATE_IDS as string[]).includes(id);

/** The content a known starter builds; null for an unknown id. Templates take `language`. */
export function starterContent(from: StarterSource, language: Language): StarterContent | null {
  if ('sample' in from) return isSampleId(from.sample) ? SAMPLES[from.sample] : null;
  return isTemplateId(from.template) ? templateContent(from.template, language) : null;
}

import type { RenderFailure } from '../../../shared/render/render-events.ts';
import { isRenderFailureCode } from '../../../shared/render/render-failure.ts';
import type { I18n } from '../../i18n/index.ts';

/**
 * The cause of a failure without the "stage (scene id): " prefix the render
 * node puts on it: the panel names the stage and the scene itself.
 */
export function failureCause(failure: { stage: string; sceneId: string | null; message: string }) {
  const prefix = `${failure.stage}${failure.sceneId ? ` (scene ${failure.sceneId})` : ''}: `;
  const cause = failure.message.startsWith(prefix)
    ? failure.message.slice(prefix.length)
    : failure.message;
  return cause.trim() || failure.message;
}

/**
 * The failure's cause in the user's language: worded from its code when the
 * node or the server recognised it, else the node's sentence as it came.
 */
export function renderFailureText(i18n: I18n, failure: RenderFailure): string {
  return failure.code && isRenderFailureCode(failure.code)
    ? i18n.t(`render.failure.${failure.code}`)
    : failureCause(failure);
}

/**
 * What the "technical detail" disclosure holds: the node's own sentence when
 * the cause was worded from a code, then the tool's last stderr lines.
 */
export function failureTechnicalDetail(failure: RenderFailure): string {
  const sentence = failure.code && isRenderFailureCode(failure.code) ? failureCause(failure) : '';
  return [sentence, failure.detail ?? ''].filter(Boolean).join('\n\n');
}

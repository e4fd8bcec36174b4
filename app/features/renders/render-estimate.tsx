import { formatDuration } from '../../lib/format.ts';
import { useState } from 'react';
import type * as Y from 'yjs';
import { listScenes } from '../../../shared/project-doc.ts';
import type { RenderEstimate } from '../../../shared/render/estimate.ts';
import type { RenderPresetId } from '../../../shared/render/render-presets.ts';
import type { CollabSession } from '../../collab/collab-session.ts';
import { useI18n } from '../../i18n/index.ts';
import { apiCall } from '../../lib/api.ts';
import { failureText } from '../../lib/api-messages.ts';

/** How long an estimate waits for this browser's edits to reach the server. */
const SAVE_WAIT_MS = 10_000;

type EstimateState =
  | { step: 'idle' }
  | { step: 'loading' }
  | { step: 'failed'; error: string }
  | { step: 'done'; estimate: RenderEstimate };

/**
 * "Estimate" in the Commit & render dialog (issue 14, ADR 0041): commits the
 * live document as a revision (the one Commit & render then renders: a
 * commit of unchanged scenes is the same revision) and shows, per scene,
 * "cached" or the seconds the render would take, and the total, before the
 * user confirms. `preset` changing clears it (the dialog keys it by preset).
 */
export function RenderEstimatePanel(props: {
  session: CollabSession;
  projectId: string;
  message: string;
  preset: RenderPresetId;
  disabled: boolean;
}) {
  const { session, projectId } = props;
  const i18n = useI18n();
  const { t } = i18n;
  const [state, setState] = useState<EstimateState>({ step: 'idle' });

  const run = async () => {
    setState({ step: 'loading' });
    const saved = await session.whenSaved(SAVE_WAIT_MS, new AbortController().signal);
    if (!saved) {
      setState({ step: 'failed', error: t('render.waitingForSync') });
      return;
    }
    const committed = await apiCall<{ revision: { id: string } }>(
      'POST',
      `/projects/${encodeURIComponent(projectId)}/revisions`,
      { message: props.message },
    );
    if (!committed.ok) {
      setState({
        step: 'failed',
        error: failureText(i18n, committed.error, t('render.commitFailed')),
      });
      return;
    }
    const estimated = await apiCall<{ estimate: RenderEstimate }>(
      'POST',
      `/projects/${encodeURIComponent(projectId)}/renders/estimate`,
      { revisionId: committed.data.revision.id, preset: props.preset },
    );
    if (!estimated.ok) {
      const reason = failureText(i18n, estimated.error, '');
      setState({ step: 'failed', error: t('estimate.failed', { reason }) });
      return;
    }
    setState({ step: 'done', estimate: estimated.data.estimate });
  };

  return (
    <div className="form-notice commit-estimate" data-testid="commit-estimate" aria-live="polite">
      <button
        type="button"
        className="btn btn-small"
        data-testid="commit-estimate-run"
        disabled={props.disabled || state.step === 'loading'}
        aria-busy={state.step === 'loading' || undefined}
        title={t('estimate.checkHint')}
        onClick={() => void run()}
      >
        {state.step === 'loading' ? t('estimate.loading') : t('estimate.check')}
      </button>
      {state.step === 'failed' ? (
        <p className="form-error" role="alert" data-testid="commit-estimate-error">
          {state.error}
        </p>
      ) : null}
      {state.step === 'done' ? <EstimateList doc={session.doc} estimate={state.estimate} /> : null}
    </div>
  );
}

function EstimateList({ doc, estimate }: { doc: Y.Doc; estimate: RenderEstimate }) {
  const { t, locale } = useI18n();
  // "2,3 s" in French, "2.3 s" in English; minutes past a minute.
  const duration = (sec: number) => formatDuration(sec, locale);
  const titles = new Map(
    listScenes(doc).map((scene, index) => {
      const title = scene.map.get('title');
      return [
        scene.id,
        typeof title === 'string' && title ? title : t('estimate.sceneN', { n: index + 1 }),
      ];
    }),
  );
  const { totals } = estimate;
  return (
    <>
      <p>{t('estimate.title')}</p>
      <ul data-testid="commit-estimate-scenes">
        {estimate.scenes.map((scene, index) => (
          <li key={scene.sceneId} data-testid="commit-estimate-scene" data-cached={scene.cached}>
            {t('estimate.sceneLine', {
              scene: titles.get(scene.sceneId) ?? t('estimate.sceneN', { n: index + 1 }),
              cost: scene.cached
                ? t('estimate.cached')
                : t('estimate.seconds', { duration: duration(scene.totalSeconds) }),
            })}
            {scene.gpuSeconds > 0
              ? ` · ${t('estimate.gpu', { duration: duration(scene.gpuSeconds) })}`
              : ''}
          </li>
        ))}
      </ul>
      <p data-testid="commit-estimate-total">
        {totals.gpuSeconds > 0
          ? t('estimate.totalGpu', {
              duration: duration(totals.seconds),
              gpu: duration(totals.gpuSeconds),
              cached: totals.cachedScenes,
              scenes: totals.scenes,
            })
          : t('estimate.total', {
              duration: duration(totals.seconds),
              cached: totals.cachedScenes,
              scenes: totals.scenes,
            })}
      </p>
      {estimate.measured ? null : <p className="field-hint">{t('estimate.defaults')}</p>}
    </>
  );
}

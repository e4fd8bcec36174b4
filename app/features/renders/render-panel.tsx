import { useEffect, useRef, useState, type ReactNode } from 'react';
import { RENDER_STAGES, type RenderStage } from '../../../shared/render/render-events.ts';
import { isTerminalState, type RenderJobState } from '../../../shared/render/render-job-machine.ts';
import { isRenderPresetId } from '../../../shared/render/render-presets.ts';
import { useI18n, type I18n } from '../../i18n/index.ts';
import { NotifyButton } from './render-notices.tsx';
import { failureTechnicalDetail, renderFailureText } from './render-failure-text.ts';
import { apiCall } from '../../lib/api.ts';
import { renderQueueFailureText } from '../../lib/api-messages.ts';
import type { RenderRecord } from '../../../shared/api/renders.ts';
import type { RenderFeed } from '../../lib/render-feed.ts';
import type { MoreRenders } from './use-renders.ts';
import { formatDuration } from '../import/import-dialog.tsx';

const isStage = (value: string | null | undefined): value is RenderStage =>
  (RENDER_STAGES as readonly string[]).includes(value ?? '');

export function presetName(i18n: I18n, preset: string): string {
  return isRenderPresetId(preset) ? i18n.t(`render.preset.${preset}`) : preset;
}

/** "Revision 3" (or "Revision" while its number is unknown). */
export function revisionName(i18n: I18n, render: RenderRecord): string {
  return render.revisionNumber === null
    ? i18n.t('render.revisionUnknown')
    : i18n.t('render.revision', { n: render.revisionNumber });
}

/** Names used in labels: `{ n, preset }`. */
const labelVars = (i18n: I18n, render: RenderRecord) => ({
  n: render.revisionNumber ?? '?',
  preset: presetName(i18n, render.preset),
});

/** The current time, ticking every second while `active` (elapsed times of live renders). */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/** A determinate progress bar, 0..1, announced as a percentage. */
export function ProgressBar(props: {
  value: number;
  label: string;
  testId?: string;
  tone?: 'live' | 'done' | 'failed' | 'idle';
  small?: boolean;
}) {
  const percent = Math.round(Math.min(1, Math.max(0, props.value)) * 100);
  return (
    <div
      className={[
        'progress',
        props.small ? 'progress-small' : null,
        `progress-${props.tone ?? 'live'}`,
      ]
        .filter(Boolean)
        .join(' ')}
      role="progressbar"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={`${percent}%`}
      data-testid={props.testId}
    >
      <span style={{ width: `${percent}%` }} />
    </div>
  );
}

const TONES: Partial<Record<RenderJobState, 'done' | 'failed' | 'idle'>> = {
  done: 'done',
  failed: 'failed',
  cancelled: 'idle',
  queued: 'idle',
};

function StatusBadge({ status }: { status: RenderJobState }) {
  const { t } = useI18n();
  return (
    <span
      className={`badge render-status render-status-${status}`}
      data-testid="render-status"
      data-status={status}
    >
      {isTerminalState(status) || status === 'queued' ? null : (
        <span className="render-pulse" aria-hidden />
      )}
      {t(`render.status.${status}`)}
    </span>
  );
}

/**
 * The project's renders, newest first, for every collaborator: who queued
 * which revision, live progress (overall, per stage, per scene), failures
 * with their cause, and the actions the role allows (viewers: preview and
 * download only). Status changes to done, failed or cancelled are announced.
 */
export function RenderPanel(props: {
  renders: readonly RenderRecord[];
  readOnly: boolean;
  feed: RenderFeed;
  /** Older renders, a page at a time. */
  more?: MoreRenders;
  selectedId: string | null;
  onPreview(render: RenderRecord): void;
  /** The preview of the selected render, above the list. */
  player?: ReactNode;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { renders } = props;
  const now = useNow(renders.some((r) => !isTerminalState(r.status)));
  const announcement = useStatusAnnouncement(renders);
  return (
    <section className="renders" aria-labelledby="renders-heading" data-testid="renders">
      <div className="section-header">
        <h2 id="renders-heading">{t('render.heading')}</h2>
        {/* Notifications are for renders you queued: viewers queue none. */}
        {props.readOnly ? null : <NotifyButton />}
      </div>
      <p className="visually-hidden" role="status" data-testid="render-announcement">
        {announcement}
      </p>
      {props.player}
      {renders.length === 0 ? (
        <p className="empty" data-testid="renders-empty">
          {props.readOnly ? t('render.empty') : t('render.emptyEditor')}
        </p>
      ) : (
        <ol className="render-list" data-testid="render-list">
          {renders.map((render) => (
            <RenderRow
              key={render.id}
              render={render}
              now={now}
              readOnly={props.readOnly}
              feed={props.feed}
              selected={props.selectedId === render.id}
              onPreview={props.onPreview}
            />
          ))}
        </ol>
      )}
      {props.more?.hasMore ? (
        <div className="render-more">
          <button
            type="button"
            className="btn btn-small"
            data-testid="renders-load-more"
            disabled={props.more.loading}
            onClick={props.more.load}
          >
            {props.more.loading ? t('render.loadingMore') : t('render.loadMore')}
          </button>
          {props.more.failed ? (
            <p className="form-error" role="alert">
              {t('render.loadMoreFailed')}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/** "The render of revision 3 is done." once, when a render seen live reaches an end. */
function useStatusAnnouncement(renders: readonly RenderRecord[]): string {
  const i18n = useI18n();
  const seen = useRef(new Map<string, RenderJobState>());
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    for (const render of renders) {
      const before = seen.current.get(render.id);
      seen.current.set(render.id, render.status);
      if (!before || before === render.status || !isTerminalState(render.status)) continue;
      const key =
        render.status === 'done'
          ? 'render.announce.done'
          : render.status === 'failed'
            ? 'render.announce.failed'
            : 'render.announce.cancelled';
      setAnnouncement(i18n.t(key, { n: render.revisionNumber ?? '?' }));
    }
  }, [renders, i18n]);
  return announcement;
}

function RenderRow(props: {
  render: RenderRecord;
  now: number;
  readOnly: boolean;
  feed: RenderFeed;
  selected: boolean;
  onPreview(render: RenderRecord): void;
}) {
  const { render, now } = props;
  const i18n = useI18n();
  const { t } = i18n;
  const [busy, setBusy] = useState<'cancel' | 'retry' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const vars = labelVars(i18n, render);
  const live = !isTerminalState(render.status);
  const fraction = render.status === 'done' ? 1 : render.fraction;
  const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  const started = render.startedAt ? Date.parse(render.startedAt) : null;
  const ended = render.finishedAt ? Date.parse(render.finishedAt) : null;
  const elapsedSec = started === null ? null : Math.max(0, ((ended ?? now) - started) / 1000);
  const sceneTitle = (sceneId: string | null) => {
    const index = render.scenes.findIndex((s) => s.id === sceneId);
    if (index < 0) return null;
    return render.scenes[index]!.title.trim() || t('render.sceneN', { n: index + 1 });
  };

  const act = async (action: 'cancel' | 'retry') => {
    setBusy(action);
    setError(null);
    const mark = props.feed.mark();
    const res = await apiCall<{ render: RenderRecord }>(
      action === 'cancel' ? 'DELETE' : 'POST',
      `/renders/${encodeURIComponent(render.id)}${action === 'retry' ? '/retry' : ''}`,
    );
    setBusy(null);
    if (res.ok) props.feed.answer(res.data.render, mark);
    // A retry over a live-render limit is worded with its numbers.
    else setError(renderQueueFailureText(i18n, res.error, t('render.actionFailed')));
  };

  const stages = RENDER_STAGES.filter((stage) => stage in render.stages);
  // Scenes whose picture fell back to storyboard frames, by the image model no node had.
  const fallbackScenes = new Map<string, string[]>();
  for (const record of render.output?.engines ?? []) {
    const model = record.picture?.fallbackFrom?.model;
    if (model === undefined) continue;
    const title = sceneTitle(record.sceneId) ?? record.sceneId;
    fallbackScenes.set(model, [...(fallbackScenes.get(model) ?? []), title]);
  }
  const fallbacks = [...fallbackScenes].map(([model, titles]) => ({
    model,
    scenes: titles.join(', '),
  }));
  const failure = render.status === 'failed' ? render.failure : null;
  const failureStage = failure && isStage(failure.stage) ? t(`render.stage.${failure.stage}`) : '';
  const technical = failure ? failureTechnicalDetail(failure) : '';
  const failureScene = failure ? sceneTitle(failure.sceneId) : null;

  return (
    <li
      className={props.selected ? 'render-row is-selected' : 'render-row'}
      data-testid="render-row"
      data-render-id={render.id}
      data-status={render.status}
    >
      <div className="render-head">
        <div className="render-title">
          <strong>{revisionName(i18n, render)}</strong>
          <span className="render-preset" data-testid="render-preset">
            {presetName(i18n, render.preset)}
          </span>
          <StatusBadge status={render.status} />
        </div>
        <p className="render-meta" data-testid="render-meta">
          {render.createdBy
            ? t('render.queuedBy', {
                name: render.createdBy.name,
                date: i18n.date(render.createdAt),
              })
            : t('render.queuedByUnknown', { date: i18n.date(render.createdAt) })}
          {render.attempts > 1 ? ` · ${t('render.attempt', { n: render.attempts })}` : null}
        </p>
      </div>

      <div className="render-progress-line">
        <ProgressBar
          value={fraction}
          label={t('render.progressLabel', vars)}
          testId="render-progress"
          tone={TONES[render.status] ?? 'live'}
        />
        <span className="render-numbers" data-testid="render-numbers">
          <span className="render-percent">{t('render.percent', { percent })}</span>
          {live && render.etaSec !== null && render.status !== 'queued' ? (
            <span data-testid="render-eta">
              {t('render.eta', { duration: formatDuration(render.etaSec) })}
            </span>
          ) : null}
          {render.status === 'queued' ? (
            <span>{t('render.waiting')}</span>
          ) : elapsedSec !== null ? (
            <span data-testid="render-elapsed">
              {t(live ? 'render.elapsed' : 'render.took', {
                duration: formatDuration(elapsedSec),
              })}
            </span>
          ) : null}
        </span>
      </div>

      {failure ? (
        <div className="render-failure" data-testid="render-failure">
          <p>
            <strong>
              {failureScene
                ? t('render.failedAtScene', { stage: failureStage, scene: failureScene })
                : t('render.failedAt', { stage: failureStage })}
            </strong>{' '}
            <span data-testid="render-failure-message" data-code={failure.code}>
              {renderFailureText(i18n, failure)}
            </span>
          </p>
          {technical ? (
            <details className="render-failure-detail">
              <summary>{t('render.failureDetail')}</summary>
              <pre>{technical}</pre>
            </details>
          ) : null}
        </div>
      ) : null}

      {stages.length || render.scenes.length ? (
        <details className="render-detail" data-testid="render-detail">
          <summary>{t('render.details')}</summary>
          {fallbacks.map(({ model, scenes }) => (
            <p key={model} className="render-fallback" data-testid="render-fallback">
              {t('render.fallback', { model, scenes })}
            </p>
          ))}
          <div className="render-detail-grid">
            {stages.length ? (
              <div>
                <h4 className="render-subhead">{t('render.stages')}</h4>
                <ul className="render-bars">
                  {stages.map((stage) => (
                    <li key={stage} data-testid="render-stage" data-stage={stage}>
                      <span className="render-bar-label">{t(`render.stage.${stage}`)}</span>
                      <ProgressBar
                        small
                        value={render.stages[stage] ?? 0}
                        label={t(`render.stage.${stage}`)}
                        tone={render.stages[stage] === 1 ? 'done' : 'live'}
                      />
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {render.scenes.length ? (
              <div>
                <h4 className="render-subhead">{t('render.scenes')}</h4>
                <ul className="render-bars">
                  {render.scenes.map((scene, index) => {
                    const title = scene.title.trim() || t('render.sceneN', { n: index + 1 });
                    return (
                      <li key={scene.id} data-testid="render-scene" data-scene-id={scene.id}>
                        <span className="render-bar-label">{title}</span>
                        <ProgressBar
                          small
                          value={scene.fraction}
                          label={title}
                          tone={scene.fraction === 1 ? 'done' : 'live'}
                        />
                      </li>
                    );
                  })}
                </ul>
              </div>
            ) : null}
          </div>
        </details>
      ) : null}

      <div className="render-actions">
        {render.status === 'done' && render.output ? (
          <>
            <button
              type="button"
              className="btn btn-small btn-primary"
              data-testid="render-preview"
              aria-label={t('render.previewLabel', vars)}
              aria-pressed={props.selected}
              onClick={() => props.onPreview(render)}
            >
              ▶ {t('render.preview')}
            </button>
            <a
              className="btn btn-small"
              data-testid="render-download"
              href={`${render.output.videoUrl}?download`}
              download
              aria-label={t('render.downloadLabel', vars)}
            >
              {t('render.download')}
            </a>
          </>
        ) : null}
        {!props.readOnly && live ? (
          <button
            type="button"
            className="btn btn-small"
            data-testid="render-cancel"
            aria-label={t('render.cancelLabel', vars)}
            disabled={busy !== null}
            onClick={() => void act('cancel')}
          >
            {t('render.cancel')}
          </button>
        ) : null}
        {!props.readOnly && (render.status === 'failed' || render.status === 'cancelled') ? (
          <button
            type="button"
            className="btn btn-small"
            data-testid="render-retry"
            aria-label={t('render.retryLabel', vars)}
            disabled={busy !== null}
            onClick={() => void act('retry')}
          >
            {t('render.retry')}
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="form-error" role="alert" data-testid="render-action-error">
          {error}
        </p>
      ) : null}
    </li>
  );
}

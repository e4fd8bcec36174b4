import type { RenderRecord } from '../../../shared/api/renders.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { ProgressBar } from '../renders/render-panel.tsx';
import { PANEL_KEYS, type FoldablePanel } from './layout-prefs.ts';
import { rendersRailSummary } from './rail-summary.ts';

const FOLD_LABELS: Record<FoldablePanel, { hide: MessageKey; show: MessageKey }> = {
  side: { hide: 'layout.hideSide', show: 'layout.showSide' },
  preview: { hide: 'layout.hidePreview', show: 'layout.showPreview' },
  timeline: { hide: 'layout.hideTimeline', show: 'layout.showTimeline' },
};

const FOLD_ICONS: Record<FoldablePanel, { hide: string; show: string }> = {
  side: { hide: '«', show: '»' },
  preview: { hide: '»', show: '«' },
  timeline: { hide: '▾', show: '▴' },
};

/** The button that folds a panel away or brings it back (its key in the tooltip and for assistive tech). */
export function FoldButton(props: {
  panel: FoldablePanel;
  collapsed: boolean;
  controls: string;
  onToggle(): void;
}) {
  const { t } = useI18n();
  const { panel, collapsed } = props;
  const label = t(FOLD_LABELS[panel][collapsed ? 'show' : 'hide']);
  const key = PANEL_KEYS[panel];
  return (
    <button
      type="button"
      className="btn btn-icon fold-button"
      data-testid={`${collapsed ? 'unfold' : 'fold'}-${panel}`}
      data-fold-panel={panel}
      aria-label={label}
      aria-expanded={!collapsed}
      aria-controls={props.controls}
      aria-keyshortcuts={key}
      title={t('layout.withKey', { label, key })}
      onClick={props.onToggle}
    >
      <span aria-hidden>{FOLD_ICONS[panel][collapsed ? 'show' : 'hide']}</span>
    </button>
  );
}

export type SideTab = 'script' | 'cast' | 'history' | 'comments';
const SIDE_TABS: { value: SideTab; label: MessageKey }[] = [
  { value: 'script', label: 'editor.tab.script' },
  { value: 'cast', label: 'editor.tab.cast' },
  { value: 'history', label: 'editor.tab.history' },
  { value: 'comments', label: 'comments.tab' },
];

/** The folded left panel: a thin rail that unfolds it, or unfolds it on one of its tabs. */
export function SideRail(props: { controls: string; onOpen(tab: SideTab | null): void }) {
  const { t } = useI18n();
  return (
    <nav
      className="panel-rail side-rail"
      data-testid="side-rail"
      aria-label={t('editor.sidePanels')}
    >
      <FoldButton
        panel="side"
        collapsed
        controls={props.controls}
        onToggle={() => props.onOpen(null)}
      />
      {SIDE_TABS.map((tab) => (
        <button
          key={tab.value}
          type="button"
          className="rail-tab"
          data-testid={`rail-tab-${tab.value}`}
          onClick={() => props.onOpen(tab.value)}
        >
          {t(tab.label)}
        </button>
      ))}
    </nav>
  );
}

/**
 * The folded renders column: a rail that unfolds it, with how many renders
 * there are and, while one runs, its progress.
 */
export function PreviewRail(props: {
  controls: string;
  renders: readonly RenderRecord[];
  onOpen(): void;
}) {
  const { t, plural } = useI18n();
  const { count, live } = rendersRailSummary(props.renders);
  return (
    <aside
      className="panel-rail preview-rail"
      data-testid="preview-rail"
      aria-label={t('editor.preview')}
    >
      <FoldButton panel="preview" collapsed controls={props.controls} onToggle={props.onOpen} />
      <button type="button" className="rail-tab" data-testid="rail-renders" onClick={props.onOpen}>
        {t('render.heading')}
      </button>
      <span className="rail-count" data-testid="rail-render-count" data-count={count}>
        <span aria-hidden>{count}</span>
        <span className="visually-hidden">{plural('layout.renderCount', count)}</span>
      </span>
      {live ? (
        <div className="rail-live" data-testid="rail-live" data-status={live.status}>
          <span className="render-pulse" aria-hidden />
          <ProgressBar
            value={live.percent / 100}
            small
            label={t('layout.liveRender')}
            testId="rail-live-progress"
          />
          <span className="rail-percent" aria-hidden>
            {live.percent}%
          </span>
        </div>
      ) : null}
    </aside>
  );
}

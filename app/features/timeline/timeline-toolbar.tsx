import * as Slider from '@radix-ui/react-slider';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/index.ts';
import { ZOOM_SLIDER_MAX, ppsToSlider, sliderToPps, zoomStep } from './timeline-math.ts';

/** The timeline's heading, playhead readout, keyboard hint, "reset to auto" and zoom controls. */
export function TimelineToolbar(props: {
  readOnly: boolean;
  /** "0:12 / 3:40" */
  readout: string;
  /** Some selected scene could go back to its automatic duration. */
  canResetAuto: boolean;
  onResetAuto(): void;
  pps: number;
  onZoom(pps: number): void;
  /** Folds the timeline to this bar (the editor's layout). */
  foldButton?: ReactNode;
}) {
  const { readOnly, readout, canResetAuto, onResetAuto, pps, onZoom } = props;
  const { t } = useI18n();
  return (
    <div className="tl-toolbar">
      <div className="tl-toolbar-start">
        <h2 id="timeline-heading" className="tl-heading">
          {t('timeline.title')}
        </h2>
        <span className="tl-readout" data-testid="timeline-readout">
          {readout}
        </span>
        <p className="tl-hint">
          {t(readOnly ? 'timeline.keyboardHintReadOnly' : 'timeline.keyboardHint')}
        </p>
      </div>
      <div className="tl-toolbar-end">
        {readOnly ? null : (
          <button
            type="button"
            className="btn btn-small btn-quiet"
            data-testid="timeline-reset-auto"
            title={t('timeline.resetAutoHint')}
            disabled={!canResetAuto}
            onClick={onResetAuto}
          >
            {t('timeline.resetAuto')}
          </button>
        )}
        <div className="tl-zoom" role="group" aria-label={t('timeline.zoom')}>
          <button
            type="button"
            className="btn btn-icon tl-zoom-button"
            data-testid="timeline-zoom-out"
            aria-label={t('timeline.zoomOut')}
            title={t('timeline.zoomOut')}
            onClick={() => onZoom(zoomStep(pps, -1))}
          >
            <span aria-hidden>−</span>
          </button>
          <Slider.Root
            className="tl-zoom-slider"
            min={0}
            max={ZOOM_SLIDER_MAX}
            step={1}
            value={[ppsToSlider(pps)]}
            onValueChange={([value]) => {
              if (value !== undefined) onZoom(sliderToPps(value));
            }}
          >
            <Slider.Track className="tl-zoom-track">
              <Slider.Range className="tl-zoom-range" />
            </Slider.Track>
            <Slider.Thumb
              className="tl-zoom-thumb"
              data-testid="timeline-zoom-slider"
              aria-label={t('timeline.zoom')}
              aria-valuetext={t('timeline.zoomValue', { n: Math.round(pps) })}
            />
          </Slider.Root>
          <button
            type="button"
            className="btn btn-icon tl-zoom-button"
            data-testid="timeline-zoom-in"
            aria-label={t('timeline.zoomIn')}
            title={t('timeline.zoomIn')}
            onClick={() => onZoom(zoomStep(pps, 1))}
          >
            <span aria-hidden>+</span>
          </button>
        </div>
        {props.foldButton}
      </div>
    </div>
  );
}

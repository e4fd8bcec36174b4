import * as Slider from '@radix-ui/react-slider';
import { useId, useState } from 'react';
import { VOICE_RATE_MAX, VOICE_RATE_MIN } from '../../../shared/project-doc.ts';

const RATE_STEP = 0.05;

/**
 * A 0.5–2 slider (Radix) by default, or over the range given. Dragging shows the value locally; the document is
 * written once when the thumb is released or a key is pressed, so a drag is
 * one change (and one undo step), not hundreds.
 */
export function VoiceSlider(props: {
  label: string;
  testId: string;
  value: number;
  disabled: boolean;
  hint?: string;
  /** The range and step; a voice rate's (0.5–2 by 0.05) when left out. */
  range?: { min: number; max: number; step: number };
  format(value: number): string;
  onCommit(value: number): void;
}) {
  const ids = useId();
  const [draft, setDraft] = useState<number | null>(null);
  const shown = draft ?? props.value;
  return (
    <div className="field slider-field">
      <div className="slider-head">
        <span id={`${ids}-label`} className="field-label">
          {props.label}
        </span>
        <output className="slider-value" aria-hidden>
          {props.format(shown)}
        </output>
      </div>
      <Slider.Root
        className="slider"
        min={props.range?.min ?? VOICE_RATE_MIN}
        max={props.range?.max ?? VOICE_RATE_MAX}
        step={props.range?.step ?? RATE_STEP}
        value={[shown]}
        disabled={props.disabled}
        onValueChange={([value]) => {
          if (value !== undefined) setDraft(value);
        }}
        onValueCommit={([value]) => {
          setDraft(null);
          if (value !== undefined && value !== props.value) props.onCommit(value);
        }}
      >
        <Slider.Track className="slider-track">
          <Slider.Range className="slider-range" />
        </Slider.Track>
        <Slider.Thumb
          className="slider-thumb"
          data-testid={props.testId}
          aria-labelledby={`${ids}-label`}
          aria-valuetext={props.format(shown)}
          aria-describedby={props.hint ? `${ids}-hint` : undefined}
        />
      </Slider.Root>
      {props.hint ? (
        <p id={`${ids}-hint`} className="field-hint">
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

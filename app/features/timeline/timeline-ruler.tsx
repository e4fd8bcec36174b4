import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { playheadAfterKey } from './timeline-keys.ts';
import { formatTime, timeToX, xToTime, type Tick, type TimelineLayout } from './timeline-math.ts';

/** The time ruler, which is also the playhead's slider (click, drag or arrow keys). */
export function Ruler(props: {
  layout: TimelineLayout;
  ticks: Tick[];
  playhead: number;
  label: string;
  valueText: string;
  onSeek(sec: number, fromKeyboard: boolean): void;
}) {
  const { layout, playhead, onSeek } = props;
  const pointer = useRef<number | null>(null);
  const secAt = (event: PointerEvent<HTMLDivElement>) =>
    xToTime(layout, event.clientX - event.currentTarget.getBoundingClientRect().left);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = playheadAfterKey(event.key, event.shiftKey, playhead, layout.totalSec);
    if (next === null) return;
    event.preventDefault();
    onSeek(next, true);
  };

  return (
    <div
      className="tl-ruler"
      role="slider"
      tabIndex={0}
      aria-label={props.label}
      aria-orientation="horizontal"
      aria-valuemin={0}
      aria-valuemax={Math.round(layout.totalSec * 10) / 10}
      aria-valuenow={Math.round(playhead * 10) / 10}
      aria-valuetext={props.valueText}
      data-testid="timeline-ruler"
      onKeyDown={onKeyDown}
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        pointer.current = event.pointerId;
        event.currentTarget.setPointerCapture(event.pointerId);
        onSeek(secAt(event), false);
      }}
      onPointerMove={(event) => {
        if (pointer.current === event.pointerId) onSeek(secAt(event), false);
      }}
      onPointerUp={() => {
        pointer.current = null;
      }}
      onPointerCancel={() => {
        pointer.current = null;
      }}
    >
      {props.ticks.map((tick) => (
        <span
          key={tick.sec}
          className={tick.major ? 'tl-tick tl-tick-major' : 'tl-tick'}
          style={{ transform: `translateX(${timeToX(layout, tick.sec)}px)` }}
          aria-hidden
        >
          {tick.major ? <span className="tl-tick-label">{formatTime(tick.sec)}</span> : null}
        </span>
      ))}
      <span
        className="tl-playhead-knob"
        aria-hidden
        style={{ transform: `translateX(${timeToX(layout, playhead)}px)` }}
      />
    </div>
  );
}

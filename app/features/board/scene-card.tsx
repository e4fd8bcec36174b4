import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { SceneCommentsButton } from '../comments/comment-counts.tsx';
import { PinnedPicture, SceneImages } from './scene-images.tsx';
import type { EditorView } from '@codemirror/view';
import {
  memo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
} from 'react';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  mergeWithNext,
  setSceneField,
  setSceneTitle,
  SCENE_TEXT_FIELDS,
  splitScene,
  type SceneInput,
  type SceneTextField,
} from '../../../shared/project-doc.ts';
import type { Depiction } from '../../../shared/render/depiction.ts';
import {
  durationMismatch,
  narrationLength,
  sceneDuration,
  type MeasuredNarration,
} from '../../../shared/scene-duration.ts';
import { useIsSelected, type SceneSelection } from '../../collab/scene-selection.ts';
import {
  MAX_SCENE_DURATION_SEC,
  MOTIONS,
  TRANSITIONS,
  type Language,
} from '../../../shared/timeline.ts';
import { setFocusedScene } from '../../collab/use-presence.ts';
import { useSceneMap, useYMapField, useYText } from '../../collab/use-y.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { CollabText } from '../../components/editor/collab-text.tsx';
import { CastPicker } from '../cast/cast-panel.tsx';
import { fitToNarration, mismatchMessages } from '../timeline/duration-fit.ts';
import { DepictionTip } from './depiction-tip.tsx';
import { SceneEngineItem } from '../models/scene-engine-item.tsx';
import { PeopleOnScene } from './people-on-scene.tsx';
import { moodForDisplay, moodFromInput } from '../../lib/mood-label.ts';
import { useIsPlaying } from '../theatre/playback.ts';

/** What a card asks of the board (order-dependent actions live there). */
export interface BoardActions {
  ids(): readonly string[];
  move(id: string, delta: -1 | 1): void;
  /** A press on the card's handle: may become a drag of the card (or the selection it is in). */
  grab(id: string, event: PointerEvent<HTMLElement>): void;
  remove(id: string): void;
  duplicate(id: string): void;
}

interface SceneCardProps {
  doc: Y.Doc;
  id: string;
  index: number;
  last: boolean;
  undo: Y.UndoManager;
  awareness: Awareness | null;
  readOnly: boolean;
  selection: SceneSelection;
  thumbnail: string | null;
  /** What the thumbnail's picture depicts (latest finished render), when recorded. */
  depiction: Depiction | null;
  aspect: string;
  language: Language;
  actions: BoardActions;
  /** The latest render's measurement of the narration (primitives: memo-friendly). */
  measuredSec?: number;
  measuredFingerprint?: string;
}

const TEXT_FIELD_LABELS: Record<SceneTextField, { label: MessageKey; placeholder: MessageKey }> = {
  narration: { label: 'board.narration', placeholder: 'board.narrationPlaceholder' },
  prompt: { label: 'board.prompt', placeholder: 'board.promptPlaceholder' },
};

/** One scene: each field follows its own part of the document, so typing here re-renders this card only. */
export const SceneCard = memo(function SceneCard(props: SceneCardProps) {
  const { doc, id, index, readOnly, actions, awareness } = props;
  const { t } = useI18n();
  const map = useSceneMap(doc, id);
  const selected = useIsSelected(props.selection, id);
  const playing = useIsPlaying(id);
  const caret = useRef<{ field: SceneTextField; view: EditorView | null }>({
    field: 'narration',
    view: null,
  });
  const narrationView = useRef<EditorView | null>(null);
  const promptView = useRef<EditorView | null>(null);
  const views: Record<SceneTextField, typeof narrationView> = {
    narration: narrationView,
    prompt: promptView,
  };
  const pinnedValue = useYMapField(map, 'image');
  const pinned = typeof pinnedValue === 'string' ? pinnedValue : null;
  if (!map) return null;
  const n = index + 1;

  const split = () => {
    const view = views[caret.current.field].current;
    const offset = view?.state.selection.main.head ?? 0;
    let created: string | null = null;
    doc.transact(() => {
      created = splitScene(doc, id, caret.current.field, offset);
    });
    return created !== null;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    if (readOnly || !event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      event.preventDefault();
      actions.move(id, event.key === 'ArrowUp' ? -1 : 1);
    }
  };

  const textKeys = (field: SceneTextField) => [
    { key: 'Alt-ArrowUp', run: () => (readOnly ? false : (actions.move(id, -1), true)) },
    { key: 'Alt-ArrowDown', run: () => (readOnly ? false : (actions.move(id, 1), true)) },
    {
      key: 'Alt-Enter',
      run: () => {
        if (readOnly) return false;
        caret.current.field = field;
        return split();
      },
    },
  ];

  return (
    <li
      className="scene-card"
      data-testid="scene-item"
      data-scene-id={id}
      data-selected={selected}
      data-playing={playing || undefined}
      tabIndex={-1}
      aria-label={t('board.cardLabel', { n })}
      onKeyDown={onKeyDown}
      onFocus={() => setFocusedScene(awareness, id)}
    >
      <div
        className="card-head"
        onClick={(event) => {
          if ((event.target as HTMLElement).closest('input, button, select, [role="menuitem"]'))
            return;
          props.selection.click(id, event, actions.ids());
        }}
      >
        <span
          className="drag-handle"
          // Pointer events drive the drag (mouse, touch, pen): no native drag-and-drop.
          draggable={false}
          aria-hidden
          data-testid="drag-handle"
          data-grabbable={!readOnly}
          title={t('board.dragHint')}
          onPointerDown={(event) => actions.grab(id, event)}
        >
          ⋮⋮
        </span>
        <input
          type="checkbox"
          className="card-select"
          checked={selected}
          aria-label={t('board.select', { n })}
          data-testid="scene-select"
          onChange={() => props.selection.toggle(id)}
        />
        <span className="scene-number" aria-hidden>
          {n}
        </span>
        <SceneTitle map={map} doc={doc} id={id} n={n} readOnly={readOnly} />
        <PeopleOnScene awareness={awareness} sceneId={id} />
        <SceneCommentsButton sceneId={id} n={n} />
        <CardMenu
          n={n}
          readOnly={readOnly}
          first={index === 0}
          last={props.last}
          onMove={(delta) => actions.move(id, delta)}
          onDuplicate={() => actions.duplicate(id)}
          onSplit={split}
          onMerge={() => doc.transact(() => mergeWithNext(doc, id))}
          onDelete={() => actions.remove(id)}
        >
          <SceneEngineItem doc={doc} id={id} map={map} undo={props.undo} />
        </CardMenu>
      </div>
      <div className="card-body">
        <div className="card-thumb" data-aspect={props.aspect}>
          {pinned ? (
            <PinnedPicture hash={pinned} n={n} />
          ) : props.thumbnail ? (
            <DepictionTip depiction={props.depiction}>
              <img
                src={props.thumbnail}
                alt={t('render.thumbnailAlt', { n })}
                loading="lazy"
                data-testid="scene-thumbnail"
              />
            </DepictionTip>
          ) : (
            <span className="thumb-placeholder">{t('board.noImage')}</span>
          )}
        </div>
        <div className="card-texts">
          {SCENE_TEXT_FIELDS.map((field) => {
            const text = map.get(field);
            if (!(text instanceof Y.Text)) return null;
            return (
              <CollabText
                key={field}
                text={text}
                awareness={awareness}
                undo={props.undo}
                readOnly={readOnly}
                lazy
                label={t(TEXT_FIELD_LABELS[field].label, { n })}
                placeholder={t(TEXT_FIELD_LABELS[field].placeholder)}
                testId={`scene-${field}`}
                className={`field-${field}`}
                viewRef={views[field]}
                keys={textKeys(field)}
                onFocus={() => (caret.current.field = field)}
              />
            );
          })}
        </div>
      </div>
      <SceneFields
        doc={doc}
        map={map}
        id={id}
        n={n}
        readOnly={readOnly}
        language={props.language}
        measured={
          props.measuredSec !== undefined && props.measuredFingerprint !== undefined
            ? { sec: props.measuredSec, fingerprint: props.measuredFingerprint }
            : null
        }
      />
      <CastPicker doc={doc} sceneId={id} readOnly={readOnly} />
      <SceneImages doc={doc} map={map} sceneId={id} n={n} readOnly={readOnly} />
    </li>
  );
});

function SceneTitle(props: {
  doc: Y.Doc;
  map: Y.Map<unknown>;
  id: string;
  n: number;
  readOnly: boolean;
}) {
  const { t } = useI18n();
  const title = useYMapField(props.map, 'title');
  return (
    <input
      className="input scene-title"
      data-testid="scene-title"
      aria-label={t('project.sceneLabel', { n: props.n })}
      placeholder={t('project.scenePlaceholder')}
      value={typeof title === 'string' ? title : ''}
      maxLength={500}
      disabled={props.readOnly}
      onChange={(event) =>
        props.doc.transact(() => setSceneTitle(props.doc, props.id, event.target.value))
      }
    />
  );
}

const TRANSITION_LABELS: Record<(typeof TRANSITIONS)[number], MessageKey> = {
  crossfade: 'board.transition.crossfade',
  'fade-black': 'board.transition.fadeBlack',
  cut: 'board.transition.cut',
};
const MOTION_LABELS: Record<(typeof MOTIONS)[number], MessageKey> = {
  'zoom-in': 'board.motion.zoomIn',
  'zoom-out': 'board.motion.zoomOut',
  'pan-left': 'board.motion.panLeft',
  'pan-right': 'board.motion.panRight',
  static: 'board.motion.static',
};

/** Duration, transition, motion, mood, location and act of one scene. */
function SceneFields(props: {
  doc: Y.Doc;
  map: Y.Map<unknown>;
  id: string;
  n: number;
  readOnly: boolean;
  language: Language;
  measured: MeasuredNarration | null;
}) {
  const { doc, map, id, n, readOnly } = props;
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div className="card-fields">
      <DurationField
        doc={doc}
        map={map}
        id={id}
        n={n}
        readOnly={readOnly}
        language={props.language}
        measured={props.measured}
      />
      <ChoiceAttribute
        doc={doc}
        map={map}
        id={id}
        field="transition"
        label={t('board.transition')}
        aria={t('board.transitionOf', { n })}
        options={TRANSITIONS.map((value) => ({ value, label: t(TRANSITION_LABELS[value]) }))}
        readOnly={readOnly}
      />
      <ChoiceAttribute
        doc={doc}
        map={map}
        id={id}
        field="motion"
        label={t('board.motion')}
        aria={t('board.motionOf', { n })}
        options={MOTIONS.map((value) => ({ value, label: t(MOTION_LABELS[value]) }))}
        readOnly={readOnly}
      />
      <ChoiceAttribute
        doc={doc}
        map={map}
        id={id}
        field="act"
        label={t('board.actField')}
        aria={t('board.actOf', { n })}
        options={ACTS.map((value) => ({ value, label: String(value) }))}
        readOnly={readOnly}
      />
      <TextAttribute
        doc={doc}
        map={map}
        id={id}
        field="mood"
        label={t('board.mood')}
        aria={t('board.moodOf', { n })}
        max={100}
        readOnly={readOnly}
        display={(stored) => moodForDisplay(stored, i18n)}
        store={(typed) => moodFromInput(typed, i18n)}
      />
      <TextAttribute
        doc={doc}
        map={map}
        id={id}
        field="location"
        label={t('board.location')}
        aria={t('board.locationOf', { n })}
        max={500}
        readOnly={readOnly}
      />
    </div>
  );
}

const ACTS = Array.from({ length: 10 }, (_, i) => i + 1);

type ChoiceField = 'transition' | 'motion' | 'act';

/** A scene field chosen from a list; the document keeps the option's own value (a number for the act). */
function ChoiceAttribute<F extends ChoiceField>(props: {
  doc: Y.Doc;
  map: Y.Map<unknown>;
  id: string;
  field: F;
  label: string;
  aria: string;
  options: { value: NonNullable<SceneInput[F]>; label: string }[];
  readOnly: boolean;
}) {
  const value = useYMapField(props.map, props.field);
  return (
    <label className="mini-field">
      <span>{props.label}</span>
      <select
        value={String(value)}
        disabled={props.readOnly}
        data-testid={`scene-${props.field}`}
        aria-label={props.aria}
        onChange={(e) => {
          const chosen = props.options.find((option) => String(option.value) === e.target.value);
          if (!chosen) return;
          props.doc.transact(() => setSceneField(props.doc, props.id, props.field, chosen.value));
        }}
      >
        {props.options.map((option) => (
          <option key={String(option.value)} value={String(option.value)}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Shows the stored text (`display`) and stores what is typed (`store`); both as-is by default. */
function TextAttribute(props: {
  doc: Y.Doc;
  map: Y.Map<unknown>;
  id: string;
  field: 'mood' | 'location';
  label: string;
  aria: string;
  max: number;
  readOnly: boolean;
  display?: (stored: string) => string;
  store?: (typed: string) => string;
}) {
  const value = useYMapField(props.map, props.field);
  const stored = typeof value === 'string' ? value : '';
  const store = props.store ?? ((typed: string) => typed);
  return (
    <label className="mini-field mini-field-text">
      <span>{props.label}</span>
      <input
        className="input"
        value={props.display ? props.display(stored) : stored}
        maxLength={props.max}
        disabled={props.readOnly}
        aria-label={props.aria}
        data-testid={`scene-${props.field}`}
        onChange={(e) =>
          props.doc.transact(() =>
            setSceneField(props.doc, props.id, props.field, store(e.target.value)),
          )
        }
      />
    </label>
  );
}

/**
 * The scene's duration: set (seconds) or automatic from the narration. The
 * typed value is written on Enter or when leaving the field; an invalid one
 * is refused with a message and changes nothing.
 */
function DurationField(props: {
  doc: Y.Doc;
  map: Y.Map<unknown>;
  id: string;
  n: number;
  readOnly: boolean;
  language: Language;
  measured: MeasuredNarration | null;
}) {
  const { doc, map, id, n, readOnly, measured } = props;
  const i18n = useI18n();
  const { t } = i18n;
  const set = useYMapField(map, 'durationSec');
  const narration = useYText(map.get('narration') as Y.Text | undefined);
  const { language } = props;
  const manual = typeof set === 'number' ? set : null;
  const effective = sceneDuration(narration, language, manual, measured);
  const mismatch = durationMismatch(manual, narrationLength(narration, language, measured));
  const mismatchText = mismatch ? mismatchMessages(mismatch) : null;
  const toAuto = () => {
    fitToNarration(doc, [id]);
    setDraft(null);
    setError(null);
  };
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const errorId = `duration-error-${id}`;

  const commit = () => {
    if (draft === null) return;
    const text = draft.trim().replace(',', '.');
    if (text === '') {
      doc.transact(() => setSceneField(doc, id, 'durationSec', null));
    } else {
      const sec = Number(text);
      if (!Number.isFinite(sec) || sec <= 0 || sec > MAX_SCENE_DURATION_SEC) {
        setError(t('board.durationInvalid'));
        return;
      }
      doc.transact(() => setSceneField(doc, id, 'durationSec', Math.round(sec * 10) / 10));
    }
    setError(null);
    setDraft(null);
  };

  return (
    <div className="mini-field duration-field" data-auto={effective.auto}>
      <label htmlFor={`duration-${id}`}>{t('board.duration')}</label>
      <div className="duration-input">
        <input
          id={`duration-${id}`}
          className="input"
          inputMode="decimal"
          data-testid="scene-duration"
          aria-label={t('board.durationOf', { n })}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          disabled={readOnly}
          placeholder={t('board.durationAuto', { duration: i18n.duration(effective.sec) })}
          value={
            draft ??
            (effective.auto ? '' : String(set).replace('.', i18n.locale === 'fr' ? ',' : '.'))
          }
          onChange={(e) => {
            setDraft(e.target.value);
            setError(null);
          }}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') {
              setDraft(null);
              setError(null);
            }
          }}
        />
        <span className="unit" aria-hidden>
          s
        </span>
        {effective.auto || readOnly ? null : (
          <button
            type="button"
            className="btn btn-quiet btn-small"
            data-testid="scene-duration-auto"
            aria-label={t('board.durationToAutoHint', { n })}
            title={t('board.durationToAutoHint', { n })}
            onClick={toAuto}
          >
            {t('board.durationToAuto')}
          </button>
        )}
      </div>
      <span className="duration-readout" data-testid="scene-duration-readout">
        {effective.auto
          ? t('board.autoDuration', { duration: i18n.duration(effective.sec) })
          : i18n.duration(effective.sec)}
      </span>
      {mismatch && mismatchText ? (
        <span
          className="duration-mismatch"
          data-testid="scene-duration-mismatch"
          data-kind={mismatch.kind}
        >
          <span title={t(mismatchText.source, { fit: i18n.duration(mismatch.fitSec) })}>
            {t(mismatchText.sentence, { off: i18n.duration(mismatchText.offSec) })}
          </span>
          {readOnly ? null : (
            <button
              type="button"
              className="btn btn-quiet btn-small"
              data-testid="scene-duration-fit"
              onClick={toAuto}
            >
              {t('timeline.fit')}
            </button>
          )}
        </span>
      ) : null}
      {error ? (
        <span className="field-error" id={errorId} role="alert" data-testid="duration-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}

function CardMenu(props: {
  n: number;
  readOnly: boolean;
  first: boolean;
  last: boolean;
  onMove(delta: -1 | 1): void;
  onDuplicate(): void;
  onSplit(): boolean;
  onMerge(): void;
  onDelete(): void;
  /** Items of other features (the scene's picture engine), before Delete. */
  children?: ReactNode;
}) {
  const { t } = useI18n();
  if (props.readOnly) return null;
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <button
          type="button"
          className="btn btn-icon"
          aria-label={t('board.actions', { n: props.n })}
          data-testid="scene-menu"
        >
          <span aria-hidden>⋯</span>
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="end" sideOffset={4}>
          <DropdownMenu.Item
            className="menu-item"
            disabled={props.first}
            onSelect={() => props.onMove(-1)}
            data-testid="move-up"
          >
            {t('board.moveUp')} <kbd>Alt+↑</kbd>
          </DropdownMenu.Item>
          <DropdownMenu.Item
            className="menu-item"
            disabled={props.last}
            onSelect={() => props.onMove(1)}
            data-testid="move-down"
          >
            {t('board.moveDown')} <kbd>Alt+↓</kbd>
          </DropdownMenu.Item>
          <DropdownMenu.Item
            className="menu-item"
            onSelect={props.onDuplicate}
            data-testid="duplicate-scene"
          >
            {t('board.duplicate')}
          </DropdownMenu.Item>
          <DropdownMenu.Item
            className="menu-item"
            onSelect={() => void props.onSplit()}
            data-testid="split-scene"
          >
            {t('board.split')} <kbd>Alt+Enter</kbd>
          </DropdownMenu.Item>
          <DropdownMenu.Item
            className="menu-item"
            disabled={props.last}
            onSelect={props.onMerge}
            data-testid="merge-scene"
          >
            {t('board.merge')}
          </DropdownMenu.Item>
          {props.children}
          <DropdownMenu.Separator className="menu-separator" />
          <DropdownMenu.Item
            className="menu-item menu-item-danger"
            onSelect={props.onDelete}
            data-testid="delete-scene"
          >
            {t('board.delete')}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

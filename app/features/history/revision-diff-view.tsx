import { useMemo, type ReactNode } from 'react';
import {
  diffTimelines,
  isEmptyDiff,
  type FieldChange,
  type SceneRefInfo,
  type TextPart,
  type TimelineDiff,
} from '../../../shared/revision-diff.ts';
import {
  MOTIONS,
  STYLE_PRESETS,
  TRANSITIONS,
  type Motion,
  type StylePreset,
  type Timeline,
  type Transition,
} from '../../../shared/timeline.ts';
import { useI18n, type I18n } from '../../i18n/index.ts';
import { bedName, parseMusic } from '../timeline/music-bed.ts';

/** Unchanged text longer than this is shortened around the changes. */
const KEEP_SAME = 160;
const CONTEXT = 60;
const MAX_VALUE = 80;

const NATIVE_NAMES: Record<string, string> = { en: 'English', fr: 'Français' };

interface Context {
  i18n: I18n;
  /** Cast id → name, from both sides. */
  castNames: ReadonlyMap<string, string>;
  number: Intl.NumberFormat;
}

/**
 * What changed from `before` (a revision) to `after` (usually the live
 * document): settings, cast, and scenes added, removed, moved or changed,
 * with a word-level diff of the texts. Changes are marked with words, signs
 * and underline/strike-through, never by colour alone. `after` may be an
 * invalid draft: a comparison that fails says so instead of breaking.
 */
export function RevisionDiffView({ before, after }: { before: Timeline; after: Timeline }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const diff = useMemo((): TimelineDiff | null => {
    try {
      return diffTimelines(before, after);
    } catch {
      return null;
    }
  }, [before, after]);
  const context = useMemo((): Context => {
    const castNames = new Map<string, string>();
    for (const side of [before, after]) {
      const cast: unknown = side?.cast;
      if (!Array.isArray(cast)) continue;
      for (const member of cast as { id?: unknown; name?: unknown }[]) {
        if (typeof member?.id === 'string' && typeof member.name === 'string') {
          castNames.set(member.id, member.name.trim() || t('cast.unnamed'));
        }
      }
    }
    const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    return { i18n, castNames, number };
  }, [before, after, i18n, t, locale]);

  if (!diff) {
    return (
      <div className="revision-diff" data-testid="revision-diff" data-state="failed">
        <p className="diff-failed">{t('history.diff.failed')}</p>
      </div>
    );
  }
  if (isEmptyDiff(diff)) {
    return (
      <div className="revision-diff" data-testid="revision-diff" data-state="empty">
        <p className="diff-none" data-testid="diff-none">
          {t('history.diff.none')}
        </p>
      </div>
    );
  }

  const { cast, scenes } = diff;
  const hasCast = cast.added.length + cast.removed.length + cast.changed.length > 0;
  const hasScenes =
    scenes.added.length + scenes.removed.length + scenes.moved.length + scenes.changed.length > 0;
  const byIndex = <T extends { index: number }>(list: readonly T[]) =>
    [...list].sort((a, b) => a.index - b.index);

  return (
    <div className="revision-diff" data-testid="revision-diff" data-state="changes">
      {diff.settings.length ? (
        <DiffSection title={t('history.diff.settings')}>
          <li className="diff-item diff-changed" data-testid="diff-settings">
            <FieldList fields={diff.settings} context={context} />
          </li>
        </DiffSection>
      ) : null}

      {hasCast ? (
        <DiffSection title={t('history.diff.cast')}>
          {cast.added.map((member) => (
            <DiffLine key={`a-${member.id}`} kind="added" testId="diff-cast-added">
              {t('history.diff.castAdded', { name: castName(context, member) })}
            </DiffLine>
          ))}
          {cast.removed.map((member) => (
            <DiffLine key={`r-${member.id}`} kind="removed" testId="diff-cast-removed">
              {t('history.diff.castRemoved', { name: castName(context, member) })}
            </DiffLine>
          ))}
          {cast.changed.map((member) => (
            <DiffLine
              key={`c-${member.id}`}
              kind="changed"
              testId="diff-cast-changed"
              details={<FieldList fields={member.fields} context={context} />}
            >
              {t('history.diff.castChanged', { name: castName(context, member) })}
            </DiffLine>
          ))}
        </DiffSection>
      ) : null}

      {hasScenes ? (
        <DiffSection title={t('history.diff.scenes')}>
          {byIndex(scenes.added).map((scene) => (
            <DiffLine key={`a-${scene.id}`} kind="added" testId="diff-scene-added" id={scene.id}>
              {t('history.diff.sceneAdded', { scene: sceneName(i18n, scene) })}
            </DiffLine>
          ))}
          {byIndex(scenes.removed).map((scene) => (
            <DiffLine
              key={`r-${scene.id}`}
              kind="removed"
              testId="diff-scene-removed"
              id={scene.id}
            >
              {t('history.diff.sceneRemoved', { scene: sceneName(i18n, scene) })}
            </DiffLine>
          ))}
          {byIndex(scenes.moved).map((scene) => (
            <DiffLine key={`m-${scene.id}`} kind="moved" testId="diff-scene-moved" id={scene.id}>
              {t('history.diff.sceneMoved', {
                scene: sceneName(i18n, scene),
                from: scene.from + 1,
                to: scene.index + 1,
              })}
            </DiffLine>
          ))}
          {byIndex(scenes.changed).map((scene) => (
            <DiffLine
              key={`c-${scene.id}`}
              kind="changed"
              testId="diff-scene-changed"
              id={scene.id}
              details={<FieldList fields={scene.fields} context={context} />}
            >
              {t('history.diff.sceneChanged', { scene: sceneName(i18n, scene) })}
            </DiffLine>
          ))}
        </DiffSection>
      ) : null}
    </div>
  );
}

const MARKERS = { added: '+', removed: '−', moved: '↕', changed: '✎' } as const;

function DiffSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="diff-section">
      <h4 className="diff-heading">{title}</h4>
      <ul className="diff-list">{children}</ul>
    </section>
  );
}

function DiffLine(props: {
  kind: keyof typeof MARKERS;
  testId: string;
  id?: string;
  details?: ReactNode;
  children: ReactNode;
}) {
  return (
    <li className={`diff-item diff-${props.kind}`} data-testid={props.testId} data-id={props.id}>
      <p className="diff-line">
        <span className="diff-marker" aria-hidden>
          {MARKERS[props.kind]}
        </span>
        <span>{props.children}</span>
      </p>
      {props.details}
    </li>
  );
}

function FieldList({ fields, context }: { fields: readonly FieldChange[]; context: Context }) {
  const { t } = context.i18n;
  return (
    <dl className="diff-fields">
      {fields.map((change) => (
        <div key={change.field} className="diff-field" data-field={change.field}>
          <dt>{fieldLabel(context.i18n, change.field)}</dt>
          <dd>
            {change.text ? (
              <TextDiff parts={change.text} />
            ) : (
              <span className="diff-change">
                <del>
                  <span className="visually-hidden">{t('history.diff.removedText')} </span>
                  {formatValue(context, change.field, change.before)}
                </del>
                <span aria-hidden> → </span>
                <ins>
                  <span className="visually-hidden"> {t('history.diff.addedText')} </span>
                  {formatValue(context, change.field, change.after)}
                </ins>
              </span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A word-level text diff; long unchanged stretches are shortened around the changes. */
function TextDiff({ parts }: { parts: readonly TextPart[] }) {
  const { t } = useI18n();
  if (!parts.length) return <span className="diff-text muted">{t('history.diff.empty')}</span>;
  const last = parts.length - 1;
  return (
    <span className="diff-text">
      {parts.map((part, index) => {
        if (part.kind === 'same') {
          return <span key={index}>{elide(part.text, index === 0, index === last)}</span>;
        }
        if (part.kind === 'removed') {
          return (
            <del key={index}>
              <span className="visually-hidden">{t('history.diff.removedText')} </span>
              {part.text}
            </del>
          );
        }
        return (
          <ins key={index}>
            <span className="visually-hidden">{t('history.diff.addedText')} </span>
            {part.text}
          </ins>
        );
      })}
    </span>
  );
}

/** Keeps the words next to a change: the end of a leading stretch, the start of a trailing one. */
function elide(text: string, first: boolean, last: boolean): string {
  if (text.length <= KEEP_SAME || (first && last)) return text;
  const head = () => {
    const cut = text.slice(0, CONTEXT);
    const space = cut.lastIndexOf(' ');
    return `${space > CONTEXT / 2 ? cut.slice(0, space) : cut} … `;
  };
  const tail = () => {
    const cut = text.slice(-CONTEXT);
    const space = cut.indexOf(' ');
    return ` … ${space >= 0 && space < CONTEXT / 2 ? cut.slice(space + 1) : cut}`;
  };
  if (first) return tail().trimStart();
  if (last) return head().trimEnd();
  return `${head().trimEnd()}${tail()}`;
}

function sceneName(i18n: I18n, scene: SceneRefInfo): string {
  const n = scene.index + 1;
  const title = typeof scene.title === 'string' ? scene.title.trim() : '';
  return title
    ? i18n.t('history.diff.sceneTitled', { n, title: shorten(title, 48) })
    : i18n.t('history.diff.scene', { n });
}

function castName(context: Context, member: { id: string; name: string }): string {
  const name = typeof member.name === 'string' ? member.name.trim() : '';
  return name || context.castNames.get(member.id) || context.i18n.t('cast.unnamed');
}

/** A field's name in the UI language (the raw name when unknown). */
export function fieldLabel(i18n: I18n, field: string): string {
  const key = `history.field.${field}`;
  return i18n.has(key) ? i18n.t(key) : field;
}

const shorten = (text: string, max = MAX_VALUE) =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

function formatValue(context: Context, field: string, value: unknown): string {
  const { i18n, number } = context;
  const { t } = i18n;
  if (value === null || value === undefined) {
    if (field === 'durationSec') return t('history.diff.automatic');
    // Only a character's voice can be absent: it then follows its default.
    if (field === 'voice') return t('history.diff.voiceDefault');
    if (field === 'imageEngine') return t('history.diff.imageEngineUnset');
    return t('history.diff.none-value');
  }
  switch (field) {
    case 'language':
      return typeof value === 'string' ? (NATIVE_NAMES[value] ?? value) : String(value);
    case 'fps':
      if (typeof value === 'number') return t('settings.fpsOption', { fps: value });
      break;
    case 'stylePreset':
      if ((STYLE_PRESETS as readonly unknown[]).includes(value)) {
        return t(`import.style.${value as StylePreset}`);
      }
      break;
    case 'transition':
      if ((TRANSITIONS as readonly unknown[]).includes(value)) {
        return t(`history.transition.${value as Transition}`);
      }
      break;
    case 'motion':
      if ((MOTIONS as readonly unknown[]).includes(value)) {
        return t(`history.motion.${value as Motion}`);
      }
      break;
    case 'durationSec':
      return typeof value === 'number' ? i18n.duration(value) : String(value);
    case 'act':
      return t('history.diff.act', { n: String(value) });
    case 'image':
      return t('history.diff.image');
    case 'imageEngine':
      // A scene's own engine is a name; the project's is {engine, model?, fallback}.
      if (value === 'procedural') return t('settings.imageEngine.procedural');
      if (typeof value === 'object') {
        const setting = value as { engine?: unknown; model?: unknown; fallback?: unknown };
        if (setting.engine === 'procedural') return t('settings.imageEngine.procedural');
        return t(
          setting.fallback === true
            ? 'history.diff.imageEngineModelFallback'
            : 'history.diff.imageEngineModel',
          { model: String(setting.model) },
        );
      }
      break;
    case 'cast':
      if (Array.isArray(value)) {
        return value.length
          ? value.map((id) => context.castNames.get(String(id)) ?? t('cast.missing')).join(', ')
          : t('history.diff.nobody');
      }
      break;
    case 'voice':
      if (typeof value === 'object') {
        const voice = value as Record<string, unknown>;
        const engine = String(voice.engine);
        return t('history.diff.voice', {
          engine:
            engine === 'espeak-ng' || engine === 'piper' ? t(`settings.engine.${engine}`) : engine,
          voice: String(voice.voice),
          rate: typeof voice.rate === 'number' ? `${number.format(voice.rate)}×` : '?',
          pitch: typeof voice.pitch === 'number' ? `${number.format(voice.pitch)}×` : '?',
        });
      }
      break;
    case 'music':
      if (typeof value === 'object') {
        const bed = parseMusic(value);
        if (!bed) break;
        // Name and ducking too: a change of either alone must not read as no change.
        return t(bed.duck ? 'music.diff' : 'music.diffNotDucked', {
          name: bedName(bed, t),
          volume: Math.round(bed.volume * 100),
        });
      }
      break;
  }
  if (typeof value === 'string') {
    return value ? t('history.diff.quoted', { text: shorten(value) }) : t('history.diff.empty');
  }
  if (typeof value === 'number') return number.format(value);
  if (typeof value === 'boolean') return String(value);
  try {
    return shorten(JSON.stringify(value));
  } catch {
    return '?';
  }
}

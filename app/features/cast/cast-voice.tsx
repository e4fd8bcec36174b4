import { useId, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import {
  castMap,
  castVoicesOf,
  projectMap,
  projectSettingsOf,
  readCastVoice,
  setCastVoice,
  type ProjectSettings,
} from '../../../shared/project-doc.ts';
import type { Voice } from '../../../shared/timeline.ts';
import { espeakVoiceChoices } from '../../../shared/voices/cast-voice.ts';
import type { VoiceSampleRequest } from '../../../shared/voices/voice-sample.ts';
import { useYMapField, useYValue } from '../../collab/use-y.ts';
import { useI18n } from '../../i18n/index.ts';
import { apiCall } from '../../lib/api.ts';
import { Select, type SelectOption } from '../../components/ui/select.tsx';
import { VoiceSlider } from '../../components/ui/voice-slider.tsx';
import { languageName, piperVoiceGroups, type VoiceGroup } from '../models/engine-choices.ts';
import { answerOf, useRenderNodes } from '../models/use-render-nodes.ts';

/** The value of the voice list meaning "no voice of its own: the default". */
const AUTO = 'auto';
/** Piper voices' values in the list (eSpeak NG voices are their own names). */
const PIPER = 'piper:';

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

type SampleState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ready'; url: string }
  | { kind: 'error'; message: string };

/**
 * A character's voice: which voice (its default until one is chosen),
 * pitch and rate, each change one undo step written to the live document so
 * collaborators hear the same; and Listen, which asks a render node to say
 * "Hello, I am …" in that voice (ADR 0026) and plays it.
 */
export function CastVoice(props: {
  doc: Y.Doc;
  id: string;
  map: Y.Map<unknown>;
  name: string;
  /** Dialogue turns this character speaks in the narrations. */
  turns: number;
  projectId: string;
  readOnly: boolean;
  undo?: Y.UndoManager | undefined;
}) {
  const { doc, id, map, name, projectId, readOnly, undo } = props;
  const { t, plural, locale } = useI18n();
  const ids = useId();
  const project = projectMap(doc);
  const settings = useYValue(project, () => projectSettingsOf(project), { same: sameJson });
  const own = useYValue(map, () => readCastVoice(map), { same: sameJson });
  const cast = castMap(doc);
  const effective = useYValue(cast, () => castVoicesOf(doc).get(id) ?? null, {
    deep: true,
    same: sameJson,
  });
  useYMapField(map, 'description');
  // Installed Piper voices of the live render nodes, polled while this panel is shown.
  const nodes = answerOf(useRenderNodes(!readOnly));
  const piperGroups = piperVoiceGroups(nodes?.voices ?? [], settings.language);
  const [sample, setSample] = useState<SampleState>({ kind: 'idle' });
  const audio = useRef<HTMLAudioElement>(null);
  const number = useMemo(
    () => new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    [locale],
  );
  const multiplier = (value: number) => t('settings.sliderValue', { value: number.format(value) });

  if (!effective) return null;
  const options = voiceOptions(settings, own, effective, t, piperGroups, locale);

  const write = (voice: Voice | null) => {
    undo?.stopCapturing();
    setCastVoice(doc, id, voice);
    undo?.stopCapturing();
    setSample({ kind: 'idle' });
  };

  const listen = async () => {
    setSample({ kind: 'loading' });
    const body: VoiceSampleRequest = {
      voice: effective,
      name: name.trim() || t('cast.unnamed'),
      language: settings.language,
    };
    const answer = await apiCall<{ sample: { url: string } }>(
      'POST',
      `/projects/${encodeURIComponent(projectId)}/voice-samples`,
      body,
    );
    if (!answer.ok) {
      const key =
        answer.error.code === 'RATE_LIMITED'
          ? 'cast.voice.error.rateLimited'
          : answer.error.code === 'UNAVAILABLE'
            ? 'cast.voice.error.unavailable'
            : 'cast.voice.error.failed';
      setSample({ kind: 'error', message: t(key) });
      return;
    }
    setSample({ kind: 'ready', url: answer.data.sample.url });
    const player = audio.current;
    if (player) {
      player.src = answer.data.sample.url;
      // A browser may refuse to play without a fresh click: the controls are there then.
      player.play().catch(() => undefined);
    }
  };

  return (
    <fieldset className="cast-voice" data-testid="cast-voice">
      <legend className="field-label">{t('cast.voice.heading')}</legend>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-voice`}>
          {t('cast.voice.voice')}
        </label>
        <Select
          id={`${ids}-voice`}
          testId="cast-voice-select"
          value={own ? (own.engine === 'piper' ? PIPER + own.voice : own.voice) : AUTO}
          disabled={readOnly}
          options={options}
          onValueChange={(value) =>
            write(
              value === AUTO
                ? null
                : value.startsWith(PIPER)
                  ? { ...effective, engine: 'piper', voice: value.slice(PIPER.length) }
                  : { ...effective, engine: 'espeak-ng', voice: value },
            )
          }
        />
        <p className="field-hint">
          {t('cast.voice.hint', { name: name.trim() || t('cast.unnamed') })}{' '}
          <span data-testid="cast-voice-turns">
            {props.turns ? plural('cast.voice.turns', props.turns) : t('cast.voice.noTurns')}
          </span>
        </p>
      </div>
      <VoiceSlider
        label={t('settings.fieldPitch')}
        testId="cast-voice-pitch"
        value={effective.pitch}
        disabled={readOnly}
        format={multiplier}
        onCommit={(pitch) => write({ ...effective, pitch })}
      />
      <VoiceSlider
        label={t('settings.fieldRate')}
        testId="cast-voice-rate"
        value={effective.rate}
        disabled={readOnly}
        format={multiplier}
        onCommit={(rate) => write({ ...effective, rate })}
      />
      <div className="cast-voice-listen">
        <button
          type="button"
          className="btn btn-small"
          data-testid="cast-voice-listen"
          aria-describedby={`${ids}-sample-status`}
          disabled={sample.kind === 'loading'}
          onClick={() => void listen()}
        >
          <span aria-hidden>▶</span> {t('cast.voice.listen')}
        </button>
        <span id={`${ids}-sample-status`} role="status" aria-live="polite" className="field-hint">
          {sample.kind === 'loading' ? t('cast.voice.loading') : ''}
        </span>
        {/* The sample's player; its src is set by Listen. */}
        <audio
          ref={audio}
          data-testid="cast-voice-audio"
          controls={sample.kind === 'ready'}
          hidden={sample.kind !== 'ready'}
          preload="auto"
        />
      </div>
      {sample.kind === 'error' ? (
        <p className="field-error" role="alert" data-testid="cast-voice-error">
          {sample.message}
        </p>
      ) : null}
    </fieldset>
  );
}

type Translate = ReturnType<typeof useI18n>['t'];

/** The voice list: "default" (naming the voice it picks), each variant, and an unusual set voice. */
function voiceOptions(
  settings: ProjectSettings,
  own: Voice | null,
  effective: Voice,
  t: Translate,
  piperGroups: VoiceGroup[],
  locale: string,
): SelectOption[] {
  const choices = espeakVoiceChoices(settings.voice, settings.language);
  const labelOf = (voice: string) => {
    const choice = choices.find((c) => c.voice === voice);
    return choice
      ? t(choice.gender === 'female' ? 'cast.voice.female' : 'cast.voice.male', {
          number: choice.number,
        })
      : voice;
  };
  const options = [
    {
      value: AUTO,
      label: own
        ? t('cast.voice.auto')
        : t('cast.voice.autoNamed', { voice: labelOf(effective.voice) }),
    },
    ...choices.map((c) => ({ value: c.voice, label: labelOf(c.voice) })),
  ];
  // Installed Piper voices under their language, the project's first (ADR 0040).
  const piper = piperGroups.flatMap((group) =>
    group.voices.map((voice) => ({
      value: PIPER + voice.id,
      label: t('cast.voice.piper', { name: voice.name }),
      group: languageName(group.language, locale),
    })),
  );
  const listed = (voice: Voice) =>
    voice.engine === 'piper'
      ? piper.some((option) => option.value === PIPER + voice.voice)
      : choices.some((c) => c.voice === voice.voice);
  // A set voice that is not listed (a Piper voice no live node has, an unusual name) stays shown.
  const unlisted =
    own && !listed(own)
      ? [{ value: own.engine === 'piper' ? PIPER + own.voice : own.voice, label: own.voice }]
      : [];
  return [...options, ...unlisted, ...piper];
}

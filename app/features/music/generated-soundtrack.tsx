import * as Checkbox from '@radix-ui/react-checkbox';
import { useEffect, useId, useRef, useState } from 'react';
import type * as Y from 'yjs';
import {
  keepGeneratedSoundtrack,
  listScenes,
  projectMap,
  readScene,
} from '../../../shared/project-doc.ts';
import type { SoundtrackRecord } from '../../../shared/music/soundtrack.ts';
import {
  keptSoundtrack,
  previewDurationSec,
  soundtrackProjectOf,
} from '../../../shared/music/soundtrack-job.ts';
import {
  MAX_TEMPO,
  MIN_TEMPO,
  SOUNDTRACK_GENRES,
  SOUNDTRACK_INSTRUMENTS,
  SOUNDTRACK_MOODS,
  type SoundtrackGenre,
  type SoundtrackInstrument,
  type SoundtrackMood,
  type SoundtrackRequest,
} from '../../../shared/music/soundtrack-request.ts';
import { DEFAULT_MUSIC_VOLUME } from '../../../shared/timeline.ts';
import { Select } from '../../components/ui/select.tsx';
import { useI18n, type I18n } from '../../i18n/index.ts';
import { apiCall } from '../../lib/api.ts';
import { failureText } from '../../lib/api-messages.ts';
import { ProgressBar } from '../renders/render-panel.tsx';
import { keyName, parseTempo, soundtrackName } from './soundtrack-name.ts';

/** At most this many instruments per request (the request schema's bound). */
const MAX_INSTRUMENTS = 6;
/** How often the dialog reads a generation's progress while it is open. */
const POLL_MS = 1000;
const AUTO_KEY = 'auto';
const TONICS = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];
const KEYS = TONICS.flatMap((tonic) => [`${tonic} major`, `${tonic} minor`]);

type Status = 'queued' | 'running' | 'done' | 'failed';
interface GenerationView {
  id: string;
  status: Status;
  progress: number;
  asset?: SoundtrackRecord & { url: string };
  error?: 'SOUNDTRACK_FAILED';
}

const capitalised = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/**
 * "Generated soundtrack" in the music picker (issue 18, ADR 0036): a request
 * (mood, genre, optional tempo, key and instruments, follow the story) goes
 * to the API; the dialog reads the generation's progress every second while
 * it is open, then plays the preview as soon as it is ready. "Try another"
 * asks again with a new seed; "Keep" writes the bed into the live document
 * as one undo step.
 */
export function GeneratedSoundtrack(props: {
  doc: Y.Doc;
  projectId: string;
  step(write: () => void): void;
  onKept(name: string): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const ids = useId();
  const [mood, setMood] = useState<SoundtrackMood>('calm');
  const [genre, setGenre] = useState<SoundtrackGenre>('ambient');
  const [tempoText, setTempoText] = useState('');
  const [tempoError, setTempoError] = useState(false);
  const [key, setKey] = useState(AUTO_KEY);
  const [instruments, setInstruments] = useState<SoundtrackInstrument[]>([]);
  const [followStory, setFollowStory] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState<GenerationView | null>(null);
  const [asked, setAsked] = useState<SoundtrackRequest | null>(null);
  const tempoInput = useRef<HTMLInputElement>(null);

  const polling = generation && (generation.status === 'queued' || generation.status === 'running');
  const generationId = generation?.id;
  useEffect(() => {
    if (!polling || !generationId) return;
    let stopped = false;
    const timer = setInterval(() => {
      void apiCall<GenerationView>('GET', `/music/${generationId}`).then((result) => {
        if (stopped) return;
        if (result.ok) setGeneration(result.data);
        else {
          setError(failureText(i18n, result.error, t('soundtrack.error.lost')));
          setGeneration(null);
        }
      });
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [polling, generationId, i18n, t]);

  const generate = async () => {
    const tempo = parseTempo(tempoText);
    if ('error' in tempo) {
      setTempoError(true);
      tempoInput.current?.focus();
      return;
    }
    setTempoError(false);
    const request: SoundtrackRequest = {
      mood,
      genre,
      followStory,
      ...(tempo.tempo === undefined ? {} : { tempo: tempo.tempo }),
      ...(key === AUTO_KEY ? {} : { key }),
      ...(instruments.length ? { instruments } : {}),
    };
    setBusy(true);
    setError(null);
    // A preview of the project's first 30 s at most: heard within a second or two (the render
    // composes the kept request at its own length).
    const previewSec = previewDurationSec(
      soundtrackProjectOf(
        projectMap(props.doc).get('language'),
        listScenes(props.doc).map(readScene),
      ),
    );
    const result = await apiCall<{ id: string; status: Status }>(
      'POST',
      `/projects/${encodeURIComponent(props.projectId)}/music/generate`,
      previewSec === undefined ? request : { ...request, durationSec: previewSec },
    );
    setBusy(false);
    if (!result.ok) {
      setError(failureText(i18n, result.error, t('soundtrack.error.failed')));
      return;
    }
    setAsked(request);
    setGeneration({ id: result.data.id, status: result.data.status, progress: 0 });
  };

  const keep = () => {
    const record = generation?.asset;
    if (!record || !asked) return;
    const name = soundtrackName(i18n, record);
    props.step(() =>
      keepGeneratedSoundtrack(
        props.doc,
        { asset: record.hash, name, generated: keptSoundtrack({ ...asked, seed: record.seed }) },
        DEFAULT_MUSIC_VOLUME,
      ),
    );
    props.onKept(name);
  };

  const toggleInstrument = (instrument: SoundtrackInstrument, on: boolean) =>
    setInstruments((current) =>
      on
        ? SOUNDTRACK_INSTRUMENTS.filter((i) => i === instrument || current.includes(i))
        : current.filter((i) => i !== instrument),
    );

  const running = busy || polling;
  return (
    <div className="soundtrack" data-testid="soundtrack">
      <p className="field-hint">{t('soundtrack.intro')}</p>
      <div className="soundtrack-grid">
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-mood`}>
            {t('soundtrack.moodLabel')}
          </label>
          <Select
            id={`${ids}-mood`}
            testId="soundtrack-mood"
            value={mood}
            options={SOUNDTRACK_MOODS.map((value) => ({
              value,
              label: capitalised(t(`soundtrack.mood.${value}`)),
            }))}
            onValueChange={(value) => setMood(value as SoundtrackMood)}
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-genre`}>
            {t('soundtrack.genreLabel')}
          </label>
          <Select
            id={`${ids}-genre`}
            testId="soundtrack-genre"
            value={genre}
            options={SOUNDTRACK_GENRES.map((value) => ({
              value,
              label: capitalised(t(`soundtrack.genre.${value}`)),
            }))}
            onValueChange={(value) => setGenre(value as SoundtrackGenre)}
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-tempo`}>
            {t('soundtrack.tempoLabel')}
          </label>
          <input
            ref={tempoInput}
            id={`${ids}-tempo`}
            className="input"
            inputMode="numeric"
            placeholder={t('soundtrack.tempoPlaceholder')}
            value={tempoText}
            aria-invalid={tempoError}
            aria-describedby={tempoError ? `${ids}-tempo-error` : undefined}
            data-testid="soundtrack-tempo"
            onChange={(event) => {
              setTempoText(event.currentTarget.value);
              if (tempoError) setTempoError('error' in parseTempo(event.currentTarget.value));
            }}
            onBlur={() => setTempoError('error' in parseTempo(tempoText))}
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-key`}>
            {t('soundtrack.keyLabel')}
          </label>
          <Select
            id={`${ids}-key`}
            testId="soundtrack-key"
            value={key}
            options={[
              { value: AUTO_KEY, label: t('soundtrack.keyAuto') },
              ...KEYS.map((value) => ({ value, label: keyName(i18n, value) })),
            ]}
            onValueChange={setKey}
          />
        </div>
      </div>
      {tempoError ? (
        <p
          className="form-error"
          id={`${ids}-tempo-error`}
          role="alert"
          data-testid="soundtrack-tempo-error"
        >
          {t('soundtrack.tempoError', { min: MIN_TEMPO, max: MAX_TEMPO })}
        </p>
      ) : null}
      <fieldset className="soundtrack-instruments" data-testid="soundtrack-instruments">
        <legend className="field-label">{t('soundtrack.instrumentsLabel')}</legend>
        {SOUNDTRACK_INSTRUMENTS.map((instrument) => {
          const checked = instruments.includes(instrument);
          return (
            <div className="soundtrack-instrument" key={instrument}>
              <Checkbox.Root
                id={`${ids}-i-${instrument}`}
                className="checkbox"
                checked={checked}
                disabled={!checked && instruments.length >= MAX_INSTRUMENTS}
                data-testid={`soundtrack-instrument-${instrument}`}
                onCheckedChange={(on) => toggleInstrument(instrument, on === true)}
              >
                <Checkbox.Indicator className="checkbox-indicator" aria-hidden>
                  ✓
                </Checkbox.Indicator>
              </Checkbox.Root>
              <label htmlFor={`${ids}-i-${instrument}`}>
                {t(`soundtrack.instrument.${instrument}`)}
              </label>
            </div>
          );
        })}
      </fieldset>
      <div className="soundtrack-follow">
        <button
          type="button"
          role="switch"
          id={`${ids}-follow`}
          className="switch"
          aria-checked={followStory}
          aria-describedby={`${ids}-follow-hint`}
          data-testid="soundtrack-follow"
          onClick={() => setFollowStory((on) => !on)}
        >
          <span className="switch-thumb" aria-hidden />
        </button>
        <div>
          <label htmlFor={`${ids}-follow`} className="field-label">
            {t('soundtrack.follow')}
          </label>
          <p id={`${ids}-follow-hint`} className="field-hint">
            {t('soundtrack.followHint')}
          </p>
        </div>
      </div>
      <div className="soundtrack-actions">
        <button
          type="button"
          className="btn btn-primary"
          data-testid="soundtrack-generate"
          disabled={!!running}
          onClick={() => void generate()}
        >
          {generation?.asset ? t('soundtrack.tryAnother') : t('soundtrack.generate')}
        </button>
        {generation?.asset ? (
          <button type="button" className="btn" data-testid="soundtrack-keep" onClick={keep}>
            {t('soundtrack.keep')}
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="form-error" role="alert" data-testid="soundtrack-error">
          {error}
        </p>
      ) : null}
      {generation ? <GenerationState generation={generation} i18n={i18n} /> : null}
    </div>
  );
}

function GenerationState({ generation, i18n }: { generation: GenerationView; i18n: I18n }) {
  const { t } = i18n;
  if (generation.status === 'failed') {
    return (
      <p className="form-error" role="alert" data-testid="soundtrack-failed">
        {t(`soundtrack.error.${generation.error ?? 'SOUNDTRACK_FAILED'}`)}
      </p>
    );
  }
  const asset = generation.asset;
  if (generation.status !== 'done' || !asset) {
    return (
      <div className="music-progress" data-testid="soundtrack-progress">
        <p className="music-progress-text" role="status">
          {generation.status === 'queued'
            ? t('soundtrack.queued')
            : t('soundtrack.running', { percent: Math.round(generation.progress) })}
        </p>
        <ProgressBar
          value={generation.progress / 100}
          label={t('soundtrack.progress')}
          testId="soundtrack-progress-bar"
        />
      </div>
    );
  }
  const name = soundtrackName(i18n, asset);
  return (
    <section
      className="soundtrack-preview"
      aria-label={t('soundtrack.preview', { name })}
      data-testid="soundtrack-preview"
    >
      <p className="music-name" data-testid="soundtrack-name">
        {name}
      </p>
      <p className="music-length">
        {t('soundtrack.details', {
          duration: i18n.duration(asset.durationSec),
          start: i18n.duration(asset.loopPoints.start),
          end: i18n.duration(asset.loopPoints.end),
          seed: asset.seed,
        })}
      </p>
      {/* The preview starts as soon as it is ready: the person asked for it. */}
      <audio src={asset.url} controls autoPlay preload="auto" data-testid="soundtrack-audio" />
    </section>
  );
}

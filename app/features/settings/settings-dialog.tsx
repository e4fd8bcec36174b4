import * as Label from '@radix-ui/react-label';
import { useId, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import {
  oneOf,
  projectMap,
  projectSettingsOf,
  readImageEngine,
  setImageEngine,
  setProjectSetting,
  type ProjectSettingKey,
  type ProjectSettings,
} from '../../../shared/project-doc.ts';
import {
  ASPECTS,
  FPS_VALUES,
  LANGUAGES,
  STYLE_PRESETS,
  VOICE_ENGINES,
  type Language,
  type Voice,
} from '../../../shared/timeline.ts';
import { voiceIdIssue } from '../../../shared/voice-id.ts';
import { useYValue } from '../../collab/use-y.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { Dialog, DialogClose } from '../../components/ui/dialog.tsx';
import { TextField } from '../../components/ui/field.tsx';
import { Select } from '../../components/ui/select.tsx';
import { VoiceSlider } from '../../components/ui/voice-slider.tsx';
import {
  hasPiperVoice,
  imageEngineChoices,
  imageEngineOf,
  languageName,
  piperVoiceGroups,
} from '../models/engine-choices.ts';
import { answerOf, useRenderNodes } from '../models/use-render-nodes.ts';

/** The timeline schema's limits (shared/timeline.ts). */
const MAX_TITLE = 200;
const MAX_VOICE = 64;

/** Each language in its own language: a French speaker looks for "Français". */
const NATIVE_NAMES: Record<Language, string> = { en: 'English', fr: 'Français' };

const sameSettings = (a: ProjectSettings, b: ProjectSettings) =>
  JSON.stringify(a) === JSON.stringify(b);
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A new choice of model falls back to storyboard frames until someone says otherwise. */
const FALLBACK_DEFAULT = true;

/**
 * "Project settings": a button and the dialog it opens. Every control writes
 * to the live document at once (others see it), each change its own undo
 * step; a value the timeline would refuse (an empty or too long title, say)
 * gets an error naming the field and changes nothing. Viewers see the values
 * but cannot change them.
 */
export function SettingsDialog({
  doc,
  readOnly,
  undo,
}: {
  doc: Y.Doc;
  readOnly: boolean;
  /** The session's undo manager: a choice in a list is then never merged with the edit before it. */
  undo?: Y.UndoManager;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={button}
        type="button"
        className="btn"
        data-testid="settings-open"
        title={t('settings.open')}
        onClick={() => setOpen(true)}
      >
        <span aria-hidden>⚙</span> <span className="bar-label">{t('settings.open')}</span>
      </button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={t('settings.title')}
        description={t(readOnly ? 'settings.viewOnly' : 'settings.description')}
        testId="settings-dialog"
        className="dialog-settings"
        returnFocusTo={button}
      >
        <SettingsForm doc={doc} readOnly={readOnly} undo={undo} />
        <div className="dialog-actions">
          <DialogClose className="btn btn-primary" data-testid="settings-close">
            {t('settings.close')}
          </DialogClose>
        </div>
      </Dialog>
    </>
  );
}

function SettingsForm({
  doc,
  readOnly,
  undo,
}: {
  doc: Y.Doc;
  readOnly: boolean;
  undo: Y.UndoManager | undefined;
}) {
  const { t, locale } = useI18n();
  const ids = useId();
  const project = projectMap(doc);
  const settings = useYValue(project, () => projectSettingsOf(project), { same: sameSettings });
  const imageEngine = useYValue(project, () => readImageEngine(project), { same: sameJson });
  // The live nodes' models and voices, polled while the dialog is open (ADR 0040).
  const nodes = answerOf(useRenderNodes(true));
  const engines = imageEngineChoices(nodes?.imageModels ?? [], imageEngine);
  const fallback = imageEngine?.fallback ?? FALLBACK_DEFAULT;
  const piperGroups = piperVoiceGroups(nodes?.voices ?? [], settings.language);
  const [titleDraft, setTitleDraft] = useState<string | null>(null);
  const [titleError, setTitleError] = useState<string | null>(null);
  const [voiceDraft, setVoiceDraft] = useState<string | null>(null);
  const [voiceError, setVoiceError] = useState<string | null>(null);
  const number = useMemo(
    () => new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    [locale],
  );

  /** One discrete change = one undo step, never merged with what came just before or after. */
  const step = (write: () => void) => {
    undo?.stopCapturing();
    doc.transact(write);
    undo?.stopCapturing();
  };

  /** Writes a setting; false (and nothing changed) when the timeline refuses the value. */
  const trySet = (key: ProjectSettingKey, value: unknown): boolean => {
    try {
      setProjectSetting(doc, key, value);
      return true;
    } catch (err) {
      if (err instanceof RangeError) return false;
      throw err;
    }
  };

  const changeTitle = (value: string) => {
    const error = !value.trim()
      ? t('settings.error.titleEmpty')
      : value.length > MAX_TITLE
        ? t('settings.error.titleTooLong', { max: MAX_TITLE, count: value.length })
        : null;
    if (!error && trySet('title', value)) {
      setTitleDraft(null);
      setTitleError(null);
      return;
    }
    setTitleDraft(value);
    setTitleError(error ?? t('settings.error.field', { field: t('settings.fieldTitle') }));
  };

  const changeVoiceName = (value: string) => {
    const error = !value.trim()
      ? t('settings.error.voiceEmpty')
      : value.length > MAX_VOICE
        ? t('settings.error.voiceTooLong', { max: MAX_VOICE })
        : voiceIdIssue(settings.voice.engine, value)
          ? t('settings.error.voiceInvalid')
          : null;
    if (!error && trySet('voice', { ...settings.voice, voice: value })) {
      setVoiceDraft(null);
      setVoiceError(null);
      return;
    }
    setVoiceDraft(value);
    setVoiceError(error ?? t('settings.error.field', { field: t('settings.fieldVoice') }));
  };

  const changeLanguage = (value: string) => {
    const language = oneOf(LANGUAGES, value, settings.language);
    if (language === settings.language) return;
    step(() => {
      setProjectSetting(doc, 'language', language);
      // A built-in voice named after the old language follows the new one.
      const { voice } = settings;
      if (voice.engine === 'espeak-ng' && voice.voice === settings.language && !voiceDraft) {
        setProjectSetting(doc, 'voice', { ...voice, voice: language });
      }
    });
  };

  const setVoice = (patch: Partial<Voice>) =>
    step(() => setProjectSetting(doc, 'voice', { ...settings.voice, ...patch }));

  /** Another engine: Piper starts on an installed voice of the project's language, eSpeak NG on the language. */
  const changeVoiceEngine = (value: string) => {
    const engine = oneOf(VOICE_ENGINES, value, settings.voice.engine);
    if (engine === settings.voice.engine) return;
    const firstPiper = piperGroups[0]?.voices[0]?.id;
    setVoiceDraft(null);
    setVoiceError(null);
    setVoice(
      engine === 'piper'
        ? { engine, ...(firstPiper ? { voice: firstPiper } : {}) }
        : { engine, voice: settings.language },
    );
  };

  const changeImageEngine = (value: string) =>
    step(() => setImageEngine(doc, imageEngineOf(value, fallback)));
  const changeFallback = (next: boolean) => {
    if (imageEngine) step(() => setImageEngine(doc, { ...imageEngine, fallback: next }));
  };
  const where = (choice: (typeof engines.choices)[number]) =>
    choice.where === 'gpu'
      ? t('settings.imageEngine.gpu')
      : choice.where === 'cpu'
        ? t('settings.imageEngine.cpu')
        : t('settings.imageEngine.gpuOrCpu');
  const showPiperPicker = settings.voice.engine === 'piper' && piperGroups.length > 0;
  const piperMissing =
    settings.voice.engine === 'piper' &&
    nodes !== null &&
    !hasPiperVoice(piperGroups, settings.voice.voice);

  const multiplier = (value: number) => t('settings.sliderValue', { value: number.format(value) });

  return (
    <div className="form settings-form" data-readonly={readOnly || undefined}>
      <TextField
        label={t('settings.fieldTitle')}
        name="title"
        data-testid="settings-title"
        value={titleDraft ?? settings.title}
        error={titleError ?? undefined}
        disabled={readOnly}
        autoComplete="off"
        onChange={(event) => changeTitle(event.target.value)}
      />

      <div className="settings-row">
        <div className="field">
          <Label.Root className="field-label" htmlFor={`${ids}-language`}>
            {t('settings.fieldLanguage')}
          </Label.Root>
          <Select
            id={`${ids}-language`}
            testId="settings-language"
            value={settings.language}
            disabled={readOnly}
            onValueChange={changeLanguage}
            options={LANGUAGES.map((code) => ({
              value: code,
              label: NATIVE_NAMES[code],
              lang: code,
            }))}
          />
        </div>
        <div className="field">
          <Label.Root className="field-label" htmlFor={`${ids}-fps`}>
            {t('settings.fieldFps')}
          </Label.Root>
          <Select
            id={`${ids}-fps`}
            testId="settings-fps"
            value={String(settings.fps)}
            disabled={readOnly}
            onValueChange={(value) => step(() => setProjectSetting(doc, 'fps', Number(value)))}
            options={FPS_VALUES.map((fps) => ({
              value: String(fps),
              label: t('settings.fpsOption', { fps }),
            }))}
          />
        </div>
      </div>
      <p className="field-hint settings-language-hint">{t('settings.languageHint')}</p>

      <fieldset className="settings-fieldset" data-testid="settings-aspect" disabled={readOnly}>
        <legend className="field-label">{t('settings.fieldAspect')}</legend>
        <div className="aspect-options">
          {ASPECTS.map((aspect) => {
            const [w = 1, h = 1] = aspect.split(':').map(Number);
            const box = 30;
            const width = w >= h ? box : Math.round((box * w) / h);
            const height = h >= w ? box : Math.round((box * h) / w);
            return (
              <label key={aspect} className="aspect-option" data-value={aspect}>
                <input
                  type="radio"
                  className="aspect-input visually-hidden"
                  name={`${ids}-aspect`}
                  value={aspect}
                  checked={settings.aspect === aspect}
                  onChange={() => step(() => setProjectSetting(doc, 'aspect', aspect))}
                />
                <span className="aspect-card">
                  <span className="aspect-frame" aria-hidden>
                    <span className="aspect-shape" style={{ width, height }} />
                  </span>
                  <span className="aspect-ratio">{aspect}</span>
                  <span className="aspect-name">
                    {t(`settings.aspect.${aspect}` as MessageKey)}
                  </span>
                </span>
              </label>
            );
          })}
        </div>
      </fieldset>

      <div className="field">
        <Label.Root className="field-label" htmlFor={`${ids}-style`}>
          {t('settings.fieldStyle')}
        </Label.Root>
        <Select
          id={`${ids}-style`}
          testId="settings-style"
          value={settings.stylePreset}
          disabled={readOnly}
          onValueChange={(value) => step(() => setProjectSetting(doc, 'stylePreset', value))}
          options={STYLE_PRESETS.map((style) => ({
            value: style,
            label: t(`import.style.${style}`),
          }))}
        />
      </div>

      <fieldset
        className="settings-fieldset settings-image-engine"
        data-testid="settings-image-engine"
        disabled={readOnly}
      >
        <legend className="field-label">{t('settings.imageEngine')}</legend>
        <Select
          aria-label={t('settings.imageEngine')}
          testId="settings-image-engine-select"
          value={engines.value}
          disabled={readOnly}
          onValueChange={changeImageEngine}
          options={engines.choices.map((choice) => ({
            value: choice.value,
            label:
              choice.model === null
                ? t('settings.imageEngine.procedural')
                : choice.where === null
                  ? t('settings.imageEngine.absent', { model: choice.name })
                  : t('settings.imageEngine.model', { name: choice.name, where: where(choice) }),
          }))}
        />
        {engines.missing && nodes ? (
          <p className="field-warning" role="status" data-testid="settings-image-engine-missing">
            {t('settings.imageEngine.missing', {
              model: engines.missing,
              outcome: t(
                fallback
                  ? 'settings.imageEngine.outcome.fallback'
                  : 'settings.imageEngine.outcome.fail',
              ),
            })}
          </p>
        ) : null}
        <label className="settings-check">
          <input
            type="checkbox"
            data-testid="settings-image-fallback"
            checked={fallback}
            disabled={readOnly || imageEngine === null}
            onChange={(event) => changeFallback(event.target.checked)}
          />
          <span>{t('settings.imageEngine.fallback')}</span>
        </label>
        <p className="field-hint">{t('settings.imageEngine.hint')}</p>
      </fieldset>

      <fieldset className="settings-fieldset settings-voice" disabled={readOnly}>
        <legend className="field-label">{t('settings.voice')}</legend>
        <div className="settings-row">
          <div className="field">
            <Label.Root className="field-label" htmlFor={`${ids}-engine`}>
              {t('settings.fieldEngine')}
            </Label.Root>
            <Select
              id={`${ids}-engine`}
              testId="settings-voice-engine"
              value={settings.voice.engine}
              disabled={readOnly}
              onValueChange={changeVoiceEngine}
              options={VOICE_ENGINES.map((engine) => ({
                value: engine,
                label: t(`settings.engine.${engine}`),
              }))}
            />
          </div>
          {showPiperPicker ? (
            <div className="field">
              <Label.Root className="field-label" htmlFor={`${ids}-piper`}>
                {t('settings.piperVoice')}
              </Label.Root>
              <Select
                id={`${ids}-piper`}
                testId="settings-piper-voice"
                value={settings.voice.voice}
                disabled={readOnly}
                onValueChange={(voice) => setVoice({ voice })}
                options={[
                  ...piperGroups.flatMap((group) =>
                    group.voices.map((voice) => ({
                      value: voice.id,
                      label: voice.name,
                      group: languageName(group.language, locale),
                    })),
                  ),
                  // A chosen voice no live node has stays chosen (and is named below).
                  ...(piperMissing
                    ? [{ value: settings.voice.voice, label: settings.voice.voice }]
                    : []),
                ]}
              />
            </div>
          ) : (
            <TextField
              label={t('settings.fieldVoice')}
              name="voice"
              data-testid="settings-voice-name"
              value={voiceDraft ?? settings.voice.voice}
              error={voiceError ?? undefined}
              disabled={readOnly}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => changeVoiceName(event.target.value)}
            />
          )}
        </div>
        {piperMissing ? (
          <p className="field-warning" role="status" data-testid="settings-piper-missing">
            {piperGroups.length
              ? t('settings.piperVoice.missing', { voice: settings.voice.voice })
              : t('settings.piperVoice.none')}
          </p>
        ) : null}
        <p className="field-hint">{t('settings.voiceHint')}</p>
        <VoiceSlider
          label={t('settings.fieldRate')}
          testId="settings-voice-rate"
          value={settings.voice.rate}
          disabled={readOnly}
          format={multiplier}
          hint={t('settings.sliderRange')}
          onCommit={(rate) => setVoice({ rate })}
        />
        <VoiceSlider
          label={t('settings.fieldPitch')}
          testId="settings-voice-pitch"
          value={settings.voice.pitch}
          disabled={readOnly}
          format={multiplier}
          onCommit={(pitch) => setVoice({ pitch })}
        />
      </fieldset>
    </div>
  );
}

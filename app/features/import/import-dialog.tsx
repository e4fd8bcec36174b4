import * as Label from '@radix-ui/react-label';
import { useId, useMemo, useRef, useState, type ChangeEvent } from 'react';
import type * as Y from 'yjs';
import { MAX_SCRIPT_BYTES } from '../../../shared/api/limits.ts';
import { applyAnalysis } from '../../../shared/analysis/apply-to-doc.ts';
import type { AnalyzedScene, ScriptAnalysis } from '../../../shared/analysis/types.ts';
import { readProjectSettings, scenesMap } from '../../../shared/project-doc.ts';
import { STYLE_PRESETS, type StylePreset } from '../../../shared/timeline.ts';
import { IMPORT_ORIGIN } from '../../collab/undo.ts';
import { useI18n, type I18n, type MessageKey } from '../../i18n/index.ts';
import { ConfirmCancel, ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { Dialog, DialogClose } from '../../components/ui/dialog.tsx';
import { Select } from '../../components/ui/select.tsx';
import { useAnalysisPreview, type PreviewError } from './use-analysis-preview.ts';
import { analysisWarningText } from './warning-text.ts';

const FILE_EXTENSIONS = ['.txt', '.md', '.fountain'] as const;
/** Scenes listed in the preview; a novel's 2,000 would only slow the dialog down. */
const PREVIEW_SCENES = 100;
const SNIPPET_WORDS = 16;

type Mode = 'replace' | 'append';

const utf8 = new TextEncoder();

/** 38.5 → "0:39", 3725 → "1:02:05". */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

function snippet(text: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  const head = words.slice(0, SNIPPET_WORDS).join(' ');
  return words.length > SNIPPET_WORDS ? `${head}…` : head;
}

/** The sentence to show for a failed preview (null: the error belongs to a field). */
function previewErrorMessage(i18n: I18n, error: PreviewError): string | null {
  const { t } = i18n;
  switch (error.code) {
    case 'PAYLOAD_TOO_LARGE':
      return t('import.textTooLarge');
    case 'UNAUTHENTICATED':
      return t('errors.unauthenticated');
    case 'RATE_LIMITED':
      return t('errors.rateLimited');
    case 'UNAVAILABLE':
      return t('errors.unavailable');
    case 'NETWORK':
      return t('import.networkError');
    case 'VALIDATION_FAILED':
      return error.fields.targetScenes ? null : i18n.sent(error);
    default:
      return t('import.previewFailed');
  }
}

/**
 * "Import script": paste or upload a script, see the proposed breakdown live,
 * then write it into the project as ONE undoable change (IMPORT_ORIGIN, which
 * the session's undo manager tracks); everyone on the project sees it at once.
 * The draft (text and options) lives here, outside the dialog, so closing the
 * dialog or a failed preview never loses what was typed.
 */
export function ImportScript({ doc, undo }: { doc: Y.Doc; undo: Y.UndoManager }) {
  const i18n = useI18n();
  const { t, plural } = i18n;
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [targetScenes, setTargetScenes] = useState('');
  const [stylePreset, setStylePreset] = useState<StylePreset>(
    () => readProjectSettings(doc).stylePreset,
  );
  const [mode, setMode] = useState<Mode>('replace');
  const [confirming, setConfirming] = useState(false);
  const [applyError, setApplyError] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const ids = useId();

  const sizeBytes = useMemo(() => utf8.encode(text).length, [text]);
  const tooLarge = sizeBytes > MAX_SCRIPT_BYTES;
  const empty = text.trim() === '';

  const preview = useAnalysisPreview((latest) => {
    if (empty || tooLarge) return null;
    const fixedScenes = latest?.format === 'screenplay' || latest?.format === 'storyboard';
    const target = targetScenes.trim();
    return {
      text,
      stylePreset,
      ...(target && !fixedScenes
        ? { targetScenes: Number.isFinite(Number(target)) ? Number(target) : target }
        : {}),
    };
  }, open);
  const shown = empty || tooLarge ? null : preview.analysis;
  const scenesFixed = shown?.format === 'screenplay' || shown?.format === 'storyboard';
  const targetError = preview.error?.fields.targetScenes ? t('import.targetScenesInvalid') : null;
  const errorMessage = preview.error ? previewErrorMessage(i18n, preview.error) : null;
  const ready = preview.current !== null && preview.current.scenes.length > 0;

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // choosing the same file again still reads it
    if (!file) return;
    const name = file.name;
    const extension = /\.[^.]+$/.exec(name.toLowerCase())?.[0] ?? '';
    if (!(FILE_EXTENSIONS as readonly string[]).includes(extension)) {
      setFileError(t('import.fileType', { name }));
      return;
    }
    if (file.size > MAX_SCRIPT_BYTES) {
      setFileError(t('import.fileTooLarge', { name }));
      return;
    }
    try {
      const content = await file.text();
      setText(content);
      setFileName(name);
      setFileError(null);
    } catch {
      setFileError(t('import.fileUnreadable', { name }));
    }
  };

  const apply = () => {
    const analysis = preview.current;
    if (!analysis) return;
    try {
      // Its own undo step: not merged with an edit made just before or just after.
      undo.stopCapturing();
      applyAnalysis(doc, analysis, { mode, stylePreset, origin: IMPORT_ORIGIN });
      undo.stopCapturing();
    } catch {
      setConfirming(false);
      setApplyError(t('import.applyFailed'));
      return;
    }
    setConfirming(false);
    setOpen(false);
    setApplyError(null);
    setText('');
    setFileName(null);
    setTargetScenes('');
    preview.reset();
  };

  const onApply = () => {
    if (!ready) return;
    if (mode === 'replace' && scenesMap(doc).size > 0) setConfirming(true);
    else apply();
  };

  const existingScenes = scenesMap(doc).size;
  const styleOptions = STYLE_PRESETS.map((value) => ({
    value,
    label: t(`import.style.${value}`),
  }));

  return (
    <>
      <button
        ref={button}
        type="button"
        className="btn"
        data-testid="import-button"
        onClick={() => setOpen(true)}
      >
        {t('import.open')}
      </button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={t('import.title')}
        description={t('import.description')}
        testId="import-dialog"
        className="dialog-import"
        returnFocusTo={button}
      >
        <div className="import-layout">
          <div className="import-source">
            <div className="import-source-head">
              <Label.Root className="field-label" htmlFor={`${ids}-text`}>
                {t('import.script')}
              </Label.Root>
              <button
                type="button"
                className="btn btn-small"
                data-testid="import-upload"
                onClick={() => fileInput.current?.click()}
              >
                {t('import.upload')}
              </button>
              <input
                ref={fileInput}
                type="file"
                className="visually-hidden"
                tabIndex={-1}
                aria-hidden
                accept={`${FILE_EXTENSIONS.join(',')},text/plain,text/markdown`}
                data-testid="import-file"
                onChange={(event) => void onFile(event)}
              />
            </div>
            <textarea
              id={`${ids}-text`}
              className="input import-text"
              data-testid="import-text"
              value={text}
              rows={10}
              spellCheck={false}
              placeholder={t('import.placeholder')}
              aria-invalid={tooLarge || undefined}
              aria-describedby={`${ids}-text-hint`}
              onChange={(event) => {
                setText(event.target.value);
                setFileName(null);
              }}
            />
            <p id={`${ids}-text-hint`} className="field-hint">
              {fileName ? t('import.loadedFile', { name: fileName }) : t('import.uploadHint')}
            </p>
            {fileError ? (
              <p className="field-error" role="alert" data-testid="import-file-error">
                {fileError}
              </p>
            ) : null}
            {tooLarge ? (
              <p className="field-error" role="alert" data-testid="import-text-error">
                {t('import.textTooLarge')}
              </p>
            ) : null}

            <div className="import-options">
              <div className="field">
                <Label.Root className="field-label" htmlFor={`${ids}-target`}>
                  {t('import.targetScenes')}
                </Label.Root>
                <input
                  id={`${ids}-target`}
                  className="input import-target"
                  data-testid="import-target-scenes"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={500}
                  step={1}
                  placeholder={t('import.targetScenesAuto')}
                  value={scenesFixed ? '' : targetScenes}
                  disabled={scenesFixed}
                  aria-invalid={targetError ? true : undefined}
                  aria-describedby={`${ids}-target-hint${targetError ? ` ${ids}-target-error` : ''}`}
                  onChange={(event) => setTargetScenes(event.target.value)}
                />
                <p id={`${ids}-target-hint`} className="field-hint">
                  {scenesFixed ? t('import.targetScenesFixed') : t('import.targetScenesHint')}
                </p>
                {targetError ? (
                  <p id={`${ids}-target-error`} className="field-error" role="alert">
                    {targetError}
                  </p>
                ) : null}
              </div>
              <div className="field">
                <span className="field-label">{t('import.styleLabel')}</span>
                <Select
                  value={stylePreset}
                  options={styleOptions}
                  aria-label={t('import.styleLabel')}
                  testId="import-style"
                  onValueChange={(value) => setStylePreset(value as StylePreset)}
                />
              </div>
            </div>
            <fieldset className="import-mode">
              <legend className="field-label">{t('import.mode')}</legend>
              {(['replace', 'append'] as const).map((value) => (
                <label key={value} className="radio">
                  <input
                    type="radio"
                    name={`${ids}-mode`}
                    value={value}
                    checked={mode === value}
                    data-testid={`import-mode-${value}`}
                    onChange={() => setMode(value)}
                  />
                  <span>{t(`import.mode.${value}`)}</span>
                </label>
              ))}
            </fieldset>
          </div>

          <ImportPreview
            analysis={shown}
            loading={preview.loading}
            stale={!preview.current}
            failed={preview.error !== null}
            errorMessage={errorMessage}
            onRetry={preview.retry}
          />
        </div>

        {applyError ? (
          <p className="form-error" role="alert" data-testid="import-apply-error">
            {applyError}
          </p>
        ) : null}
        <div className="dialog-actions">
          <DialogClose className="btn">{t('import.cancel')}</DialogClose>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="import-apply"
            disabled={!ready}
            onClick={onApply}
          >
            {ready
              ? plural(`import.applyCount.${mode}`, preview.current!.scenes.length)
              : t('import.apply')}
          </button>
        </div>

        <ConfirmDialog
          open={confirming}
          onOpenChange={setConfirming}
          title={plural('import.replaceTitle', existingScenes)}
          description={t('import.replaceDescription')}
        >
          <div className="dialog-actions">
            <ConfirmCancel className="btn">{t('import.cancel')}</ConfirmCancel>
            <button
              type="button"
              className="btn btn-danger"
              data-testid="import-replace-confirm"
              onClick={apply}
            >
              {t('import.replaceConfirm')}
            </button>
          </div>
        </ConfirmDialog>
      </Dialog>
    </>
  );
}

const ROLE_KEYS: Record<string, MessageKey> = {
  protagonist: 'import.role.protagonist',
  supporting: 'import.role.supporting',
  minor: 'import.role.minor',
};

function ImportPreview(props: {
  analysis: ScriptAnalysis | null;
  loading: boolean;
  /** The breakdown shown is not the one of the current input. */
  stale: boolean;
  /** The current input was refused (errorMessage, or a field error beside its field). */
  failed: boolean;
  errorMessage: string | null;
  onRetry(): void;
}) {
  const i18n = useI18n();
  const { t, plural, locale } = i18n;
  const { analysis, loading, errorMessage } = props;
  const state = loading
    ? 'loading'
    : props.failed
      ? 'error'
      : analysis && !props.stale
        ? 'ready'
        : 'idle';
  const number = (n: number) => n.toLocaleString(locale);
  return (
    <section
      className="import-preview"
      aria-labelledby="import-preview-heading"
      aria-busy={loading}
      data-testid="import-preview"
      data-state={state}
    >
      <div className="import-preview-head">
        <h3 id="import-preview-heading">{t('import.preview')}</h3>
        <span className="import-status" role="status">
          {loading ? t('import.analysing') : ''}
        </span>
      </div>
      {loading ? (
        <div
          className="import-progress"
          role="progressbar"
          aria-label={t('import.analysing')}
          data-testid="import-progress"
        >
          <span />
        </div>
      ) : null}
      {errorMessage ? (
        <div className="form-error import-error" role="alert" data-testid="import-error">
          <span>{errorMessage}</span>
          <button type="button" className="btn btn-small" onClick={props.onRetry}>
            {t('import.retry')}
          </button>
        </div>
      ) : null}
      {!analysis ? (
        loading || errorMessage ? null : (
          <p className="empty import-empty">{t('import.previewEmpty')}</p>
        )
      ) : (
        <div className={props.stale ? 'import-breakdown is-stale' : 'import-breakdown'}>
          <ul className="import-stats" data-testid="import-stats">
            <li data-testid="import-scene-count" data-count={analysis.scenes.length}>
              {plural('import.count.scenes', analysis.scenes.length, {
                n: number(analysis.scenes.length),
              })}
            </li>
            <li data-testid="import-cast-count" data-count={analysis.cast.length}>
              {plural('import.count.cast', analysis.cast.length, {
                n: number(analysis.cast.length),
              })}
            </li>
            <li>
              {plural('import.count.words', analysis.stats.words, {
                n: number(analysis.stats.words),
              })}
            </li>
            <li>
              {t('import.count.duration', { duration: formatDuration(analysis.stats.durationSec) })}
            </li>
            <li data-testid="import-language" data-language={analysis.language}>
              {t(`projects.language.${analysis.language}`)}
            </li>
            <li data-testid="import-format" data-format={analysis.format}>
              {t(`import.format.${analysis.format}`)}
            </li>
          </ul>

          {analysis.warnings.length ? (
            <ul className="import-warnings" data-testid="import-warnings">
              {analysis.warningDetails.map((warning, index) => (
                <li key={`${index}-${warning.code}`} data-code={warning.code}>
                  {analysisWarningText(warning, i18n)}
                </li>
              ))}
            </ul>
          ) : null}

          <h4 className="import-subhead">{t('import.cast')}</h4>
          {analysis.cast.length ? (
            <ul className="import-cast" data-testid="import-cast">
              {analysis.cast.map((member) => (
                <li key={member.id} className="import-cast-member">
                  <span className="import-cast-name">{member.name}</span>
                  <span className="muted">
                    {t(ROLE_KEYS[member.role] ?? 'import.role.minor')}
                    {' · '}
                    {plural('import.count.scenes', member.scenes.length, {
                      n: number(member.scenes.length),
                    })}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="hint">{t('import.castEmpty')}</p>
          )}
          <h4 className="import-subhead">{t('import.scenes')}</h4>
          <ol className="import-scenes" data-testid="import-scenes">
            {analysis.scenes.slice(0, PREVIEW_SCENES).map((scene) => (
              <PreviewScene key={scene.id} scene={scene} />
            ))}
          </ol>
          {analysis.scenes.length > PREVIEW_SCENES ? (
            <p className="hint">
              {t('import.moreScenes', { n: number(analysis.scenes.length - PREVIEW_SCENES) })}
            </p>
          ) : null}
        </div>
      )}
    </section>
  );
}

function PreviewScene({ scene }: { scene: AnalyzedScene }) {
  const { t } = useI18n();
  const place = [
    scene.location?.name,
    scene.timeOfDay ? t(`import.time.${scene.timeOfDay}`) : null,
  ].filter(Boolean);
  return (
    <li className="import-scene" data-testid="import-scene">
      <span className="scene-number" aria-hidden>
        {scene.index + 1}
      </span>
      <div className="import-scene-body">
        <div className="import-scene-head">
          <span className="import-scene-title" data-testid="import-scene-title">
            {scene.title}
          </span>
          <span
            className="import-scene-duration"
            aria-label={t('import.sceneDuration', { duration: formatDuration(scene.durationSec) })}
          >
            {formatDuration(scene.durationSec)}
          </span>
        </div>
        {place.length ? <p className="import-scene-meta">{place.join(' · ')}</p> : null}
        <p className="import-scene-text">{snippet(scene.narration)}</p>
      </div>
    </li>
  );
}

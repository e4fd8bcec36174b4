import * as Checkbox from '@radix-ui/react-checkbox';
import * as Tabs from '@radix-ui/react-tabs';
import {
  useEffect,
  useId,
  useRef,
  useState,
  type DragEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import type * as Y from 'yjs';
import { musicUploadName } from '../../../shared/music-name.ts';
import { projectMap, setMusicMix } from '../../../shared/project-doc.ts';
import { findUnsafeCharacter, unsafeCharacterMessage } from '../../../shared/text-safety.ts';
import { useYMapField } from '../../collab/use-y.ts';
import { ConfirmCancel, ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { Dialog, DialogClose } from '../../components/ui/dialog.tsx';
import { VoiceSlider } from '../../components/ui/voice-slider.tsx';
import { useI18n, type I18n } from '../../i18n/index.ts';
import { apiCall, type ApiFailure } from '../../lib/api.ts';
import { failureText } from '../../lib/api-messages.ts';
import { ProgressBar } from '../renders/render-panel.tsx';
import { parseMusic, type MusicBedView } from '../timeline/music-bed.ts';
import { GeneratedSoundtrack } from './generated-soundtrack.tsx';
import { musicPath, uploadMusic, type MusicUpload } from './upload-music.ts';

export interface MusicPickerProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  doc: Y.Doc;
  projectId: string;
  readOnly: boolean;
  undo?: Y.UndoManager | undefined;
  /** The lane that opened the picker: focus goes back there when it closes. */
  returnFocusTo?: RefObject<HTMLElement | null>;
}

const VOLUME_RANGE = { min: 0, max: 100, step: 1 };

/** A refused upload in the user's language: the server's reason (its key), or what went wrong. */
function uploadFailureText(i18n: I18n, error: ApiFailure): string {
  const { fieldErrors, fields } = error.details as {
    fieldErrors?: Record<string, Parameters<I18n['field']>[0]>;
    fields?: Record<string, string>;
  };
  if (fieldErrors?.name || fields?.name) {
    const problem = i18n.field(fieldErrors?.name, fields?.name ?? '');
    return i18n.t('music.error.name', { problem });
  }
  if (error.code === 'NETWORK') return i18n.t('music.error.network');
  return failureText(i18n, error, i18n.t('music.error.failed'));
}

/**
 * The music picker: the project's one music bed (upload or replace it, with
 * progress and cancel; listen to it; remove it), its volume and whether it
 * ducks under the narration. Volume and ducking are written to the live
 * document, one undo step per change; the file goes through the API, which
 * checks and transcodes it and then sets it in the document. Viewers see the
 * same dialog without the controls that change anything. Choosing from a
 * media library comes with the library (ADR 0031).
 */
export function MusicPicker(props: MusicPickerProps) {
  const { t } = useI18n();
  return (
    <Dialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={t('music.title')}
      description={props.readOnly ? t('music.descriptionReadOnly') : t('music.description')}
      testId="music-picker"
      className="dialog-music"
      {...(props.returnFocusTo ? { returnFocusTo: props.returnFocusTo } : {})}
    >
      <MusicPickerBody {...props} />
      <div className="dialog-actions">
        <DialogClose className="btn" data-testid="music-close">
          {t('music.close')}
        </DialogClose>
      </div>
    </Dialog>
  );
}

function MusicPickerBody({ doc, projectId, readOnly, undo }: MusicPickerProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const music = parseMusic(useYMapField(projectMap(doc), 'music'));
  const [upload, setUpload] = useState<{
    name: string;
    progress: number | null;
    handle: MusicUpload;
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [source, setSource] = useState<'upload' | 'generate'>('upload');
  const fileInput = useRef<HTMLInputElement>(null);

  // Closing the picker stops an upload under way: nothing is left half-sent.
  const current = useRef<MusicUpload | null>(null);
  useEffect(() => () => current.current?.cancel(), []);

  /** One discrete change = one undo step, never merged with what came just before or after. */
  const step = (write: () => void) => {
    undo?.stopCapturing();
    write();
    undo?.stopCapturing();
  };

  const send = async (file: File) => {
    if (readOnly || upload) return;
    setError(null);
    setNotice(null);
    const name = musicUploadName(file.name);
    // A name the document would refuse is refused here, before any byte is sent.
    const unsafe = findUnsafeCharacter(name ?? '', 'single-line');
    if (unsafe) {
      const { kind, codePoint, position } = unsafe;
      const problem = i18n.field(
        { key: `errors.unsafe.${kind}`, params: { codePoint, position } },
        unsafeCharacterMessage(unsafe),
      );
      setError(t('music.error.name', { problem }));
      return;
    }
    const handle = uploadMusic(projectId, file, (progress) =>
      setUpload((shown) => (shown ? { ...shown, progress } : shown)),
    );
    current.current = handle;
    setUpload({ name: name ?? t('music.lane.unnamed'), progress: 0, handle });
    const result = await handle.done;
    current.current = null;
    setUpload(null);
    if (result.ok) {
      setNotice(t('music.uploaded', { name: result.data.music.name ?? t('music.lane.unnamed') }));
    } else if (result.error.code !== 'ABORTED') {
      setError(uploadFailureText(i18n, result.error));
    }
  };

  const onDragOver = (event: DragEvent) => {
    if (readOnly || !event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDrop = (event: DragEvent) => {
    if (readOnly) return;
    event.preventDefault();
    setDragging(false);
    const files = event.dataTransfer.files;
    if (files.length !== 1) {
      if (files.length > 1) setError(t('music.error.oneFile'));
      return;
    }
    void send(files[0]!);
  };

  return (
    <div
      className="music-picker"
      data-dragging={dragging}
      data-testid="music-drop-zone"
      onDragOver={onDragOver}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      {music ? (
        <CurrentMusic music={music} projectId={projectId} />
      ) : (
        <p className="music-none" data-testid="music-none">
          {t('music.none')}
        </p>
      )}

      {readOnly ? null : (
        <Tabs.Root
          className="music-source"
          value={source}
          onValueChange={(value) => setSource(value === 'generate' ? 'generate' : 'upload')}
        >
          <Tabs.List className="tabs-list" aria-label={t('music.tab.label')}>
            <Tabs.Trigger className="tab" value="upload" data-testid="music-tab-upload">
              {t('music.tab.upload')}
            </Tabs.Trigger>
            <Tabs.Trigger className="tab" value="generate" data-testid="music-tab-generate">
              {t('music.tab.generate')}
            </Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value="upload" className="music-source-panel">
            <div className="music-upload">
              {upload ? (
                <div className="music-progress" data-testid="music-upload">
                  <p className="music-progress-text">
                    {upload.progress === null || upload.progress >= 1
                      ? t('music.processing')
                      : t('music.uploading', { name: upload.name })}
                  </p>
                  <div className="music-progress-line">
                    <ProgressBar
                      value={upload.progress ?? 1}
                      label={t('music.uploadProgress')}
                      testId="music-upload-progress"
                    />
                    <button
                      type="button"
                      className="btn btn-small"
                      data-testid="music-upload-cancel"
                      onClick={() => upload.handle.cancel()}
                    >
                      {t('music.cancelUpload')}
                    </button>
                  </div>
                </div>
              ) : (
                <div className="music-choose">
                  <input
                    ref={fileInput}
                    type="file"
                    accept="audio/*,.mp3,.wav,.m4a,.aac,.ogg,.oga,.flac"
                    className="visually-hidden"
                    tabIndex={-1}
                    aria-hidden
                    data-testid="music-file"
                    onChange={(event) => {
                      const file = event.currentTarget.files?.[0];
                      event.currentTarget.value = '';
                      if (file) void send(file);
                    }}
                  />
                  <button
                    type="button"
                    className="btn btn-primary"
                    data-testid="music-upload-button"
                    onClick={() => fileInput.current?.click()}
                  >
                    {music ? t('music.replace') : t('music.upload')}
                  </button>
                  {music ? <RemoveMusic projectId={projectId} /> : null}
                  <span className="music-drop-hint" data-testid="music-drop-hint">
                    {dragging ? t('music.dropping') : t('music.dropHint')}
                  </span>
                </div>
              )}
            </div>
          </Tabs.Content>
          {/* Mounted while hidden: a generation under way survives a look at the other tab. */}
          <Tabs.Content
            value="generate"
            className="music-source-panel"
            forceMount
            hidden={source !== 'generate'}
          >
            <GeneratedSoundtrack
              doc={doc}
              projectId={projectId}
              step={step}
              onKept={(name) => {
                setError(null);
                setNotice(t('soundtrack.kept', { name }));
              }}
            />
          </Tabs.Content>
        </Tabs.Root>
      )}

      {error ? (
        <p className="form-error" role="alert" data-testid="music-error">
          {error}
        </p>
      ) : null}
      {notice && !error ? (
        <p className="music-notice" role="status" data-testid="music-notice">
          {notice}
        </p>
      ) : null}

      {music ? (
        <div className="music-mix">
          <VoiceSlider
            label={t('music.volume')}
            testId="music-volume"
            value={Math.round(music.volume * 100)}
            disabled={readOnly}
            range={VOLUME_RANGE}
            format={(n) => t('music.volumeValue', { n: Math.round(n) })}
            onCommit={(n) => step(() => setMusicMix(doc, { volume: n / 100 }))}
          />
          <DuckCheckbox
            checked={music.duck}
            disabled={readOnly}
            onChange={(duck) => step(() => setMusicMix(doc, { duck }))}
          />
        </div>
      ) : null}
    </div>
  );
}

function DuckCheckbox(props: {
  checked: boolean;
  disabled: boolean;
  onChange(checked: boolean): void;
}) {
  const { t } = useI18n();
  const ids = useId();
  return (
    <div className="music-duck">
      <Checkbox.Root
        id={`${ids}-duck`}
        className="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        aria-describedby={`${ids}-hint`}
        data-testid="music-duck"
        onCheckedChange={(checked) => props.onChange(checked === true)}
      >
        <Checkbox.Indicator className="checkbox-indicator" aria-hidden>
          ✓
        </Checkbox.Indicator>
      </Checkbox.Root>
      <div>
        <label htmlFor={`${ids}-duck`} className="field-label">
          {t('music.duck')}
        </label>
        <p id={`${ids}-hint`} className="field-hint">
          {t('music.duckHint')}
        </p>
      </div>
    </div>
  );
}

/** The bed now in the document: its name and length, and a preview to listen to. */
function CurrentMusic(props: { music: MusicBedView; projectId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { music } = props;
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [duration, setDuration] = useState<number | null>(null);
  const name =
    music.name ?? (music.generated ? t('music.lane.generatedPending') : t('music.unnamed'));
  const src = music.asset ? `${musicPath(props.projectId)}/${music.asset}.flac` : null;

  useEffect(() => {
    setDuration(null);
    setPlaying(false);
  }, [src]);

  const toggle = () => {
    const element = audio.current;
    if (!element) return;
    if (element.paused) void element.play().catch(() => setPlaying(false));
    else element.pause();
  };

  return (
    <section className="music-current" aria-label={t('music.current')} data-testid="music-current">
      {src ? (
        <button
          type="button"
          className="btn music-play"
          aria-label={playing ? t('music.pauseLabel', { name }) : t('music.playLabel', { name })}
          data-testid="music-play"
          data-playing={playing}
          onClick={toggle}
        >
          <span aria-hidden>{playing ? '❚❚' : '▶'}</span>
          {playing ? t('music.pause') : t('music.play')}
        </button>
      ) : null}
      <div className="music-current-text">
        <p className="music-name" data-testid="music-name">
          {name}
        </p>
        <p className="music-length" data-testid="music-duration">
          {!src
            ? t('music.generatedPendingHint')
            : duration === null
              ? t('music.durationLoading')
              : t('music.duration', { duration: i18n.duration(duration) })}
        </p>
      </div>
      {src ? (
        <audio
          ref={audio}
          src={src}
          preload="metadata"
          onLoadedMetadata={(event) => {
            const seconds = event.currentTarget.duration;
            if (Number.isFinite(seconds)) setDuration(seconds);
          }}
          onPlay={() => setPlaying(true)}
          onPause={() => setPlaying(false)}
          onEnded={() => setPlaying(false)}
        />
      ) : null}
    </section>
  );
}

function RemoveMusic(props: { projectId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const opener = useRef<HTMLButtonElement>(null);

  const remove = async () => {
    setBusy(true);
    setError(null);
    const result = await apiCall(
      'DELETE',
      `/projects/${encodeURIComponent(props.projectId)}/music`,
    );
    setBusy(false);
    if (result.ok) {
      setOpen(false);
      return;
    }
    setError(failureText(i18n, result.error, t('music.error.removeFailed')));
  };

  return (
    <>
      <button
        ref={opener}
        type="button"
        className="btn btn-small btn-danger-text"
        data-testid="music-remove"
        onClick={() => setOpen(true)}
      >
        {t('music.remove')}
      </button>
      <ConfirmDialog
        open={open}
        onOpenChange={(next) => {
          if (!busy) setOpen(next);
        }}
        title={t('music.removeTitle')}
        description={t('music.removeDescription')}
        returnFocusTo={opener}
      >
        <ConfirmBody error={error}>
          <ConfirmCancel className="btn" disabled={busy}>
            {t('music.cancel')}
          </ConfirmCancel>
          <button
            type="button"
            className="btn btn-danger"
            data-testid="music-remove-confirm"
            disabled={busy}
            onClick={() => void remove()}
          >
            {t('music.removeConfirm')}
          </button>
        </ConfirmBody>
      </ConfirmDialog>
    </>
  );
}

function ConfirmBody({ error, children }: { error: string | null; children: ReactNode }) {
  return (
    <>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">{children}</div>
    </>
  );
}

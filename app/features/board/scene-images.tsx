import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { pinSceneImage } from '../../../shared/project-doc.ts';
import type { GeneratedAssetRecord } from '../../../shared/render/asset-record.ts';
import {
  MAX_IMAGES_PER_REQUEST,
  sceneImageMessageOf,
  type SceneImage,
} from '../../../shared/render/image-job.ts';
import { useYMapField } from '../../collab/use-y.ts';
import { Dialog } from '../../components/ui/dialog.tsx';
import { useI18n } from '../../i18n/index.ts';
import { apiCall } from '../../lib/api.ts';
import { failureText } from '../../lib/api-messages.ts';

/**
 * Regenerate and variants on a scene card (issue 14, ADR 0041). The strip
 * shows the scene's newest variants with their progress, live for every
 * collaborator (the server relays each job as a stateless message); picking
 * one pins it: the scene's `image` and `seed` in one transaction, so one
 * undo takes it back. "Unpin" returns the scene to generated pictures.
 * Each variant's details show its record, copyable as JSON.
 */

/** What the editor gives the cards: the project and its live messages. */
export interface SceneImagesSource {
  projectId: string;
  onStateless(listener: (payload: string) => void): () => void;
}

export const SceneImagesContext = createContext<SceneImagesSource | null>(null);

/** How many variants a card shows: one request's worth. */
const SHOWN = MAX_IMAGES_PER_REQUEST;

export const assetPictureUrl = (hash: string) => `/api/v1/assets/${hash}.png`;

/** The card's picture while one is pinned: what the next renders use, before any render shows it. */
export function PinnedPicture({ hash, n }: { hash: string; n: number }) {
  const { t } = useI18n();
  return (
    <img
      src={assetPictureUrl(hash)}
      alt={t('images.pinnedAlt', { n })}
      data-testid="scene-card-pinned"
      data-hash={hash}
    />
  );
}

/** The scene's variants, newest first: loaded once, then kept up to date from live messages. */
function useSceneImages(source: SceneImagesSource | null, sceneId: string) {
  const [images, setImages] = useState<SceneImage[]>([]);
  const [failed, setFailed] = useState(false);
  const merge = useCallback((image: SceneImage) => {
    setImages((current) => {
      const others = current.filter((i) => i.id !== image.id);
      return [image, ...others].sort(
        (a, b) => b.createdAt.localeCompare(a.createdAt) || a.seed - b.seed,
      );
    });
  }, []);
  useEffect(() => {
    if (!source) return;
    let live = true;
    const path = `/projects/${encodeURIComponent(source.projectId)}/scenes/${encodeURIComponent(sceneId)}/images`;
    void apiCall<{ images: SceneImage[] }>('GET', path).then((result) => {
      if (!live) return;
      if (result.ok) result.data.images.forEach(merge);
      else setFailed(true);
    });
    const off = source.onStateless((payload) => {
      const message = sceneImageMessageOf(payload, source.projectId);
      if (message && message.image.sceneId === sceneId) merge(message.image);
    });
    return () => {
      live = false;
      off();
    };
  }, [source, sceneId, merge]);
  return { images, failed, merge };
}

export function SceneImages(props: {
  doc: Y.Doc;
  map: Y.Map<unknown>;
  sceneId: string;
  n: number;
  readOnly: boolean;
}) {
  const { doc, map, sceneId, n, readOnly } = props;
  const source = useContext(SceneImagesContext);
  const i18n = useI18n();
  const { t } = i18n;
  const { images, failed, merge } = useSceneImages(source, sceneId);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [details, setDetails] = useState<SceneImage | null>(null);
  const pinned = useYMapField(map, 'image');
  const pinnedHash = typeof pinned === 'string' ? pinned : null;
  const shown = useMemo(() => images.slice(0, SHOWN), [images]);
  if (!source) return null;

  const ask = async (count: number) => {
    if (asking) return;
    setAsking(true);
    setError(null);
    const result = await apiCall<{ images: SceneImage[] }>(
      'POST',
      `/projects/${encodeURIComponent(source.projectId)}/scenes/${encodeURIComponent(sceneId)}/images`,
      { count },
    );
    setAsking(false);
    if (result.ok) result.data.images.forEach(merge);
    else setError(failureText(i18n, result.error, t('images.loadFailed')));
  };

  return (
    <section
      className="scene-images"
      aria-label={t('images.region', { n })}
      data-testid="scene-images"
    >
      {pinnedHash ? (
        <div className="scene-images-pinned" data-testid="scene-pinned">
          <p>{t('images.pinned')}</p>
          {readOnly ? null : (
            <button
              type="button"
              className="btn btn-small"
              data-testid="scene-unpin"
              title={t('images.unpinHint')}
              onClick={() => pinSceneImage(doc, sceneId, { image: null })}
            >
              {t('images.unpin')}
            </button>
          )}
        </div>
      ) : null}
      {readOnly ? null : (
        <div className="scene-images-actions">
          <button
            type="button"
            className="btn btn-small"
            data-testid="scene-regenerate"
            title={t('images.regenerateHint')}
            disabled={asking}
            aria-busy={asking || undefined}
            onClick={() => void ask(1)}
          >
            {asking ? t('images.asking') : t('images.regenerate')}
          </button>
          <button
            type="button"
            className="btn btn-small"
            data-testid="scene-variants"
            title={t('images.variantsHint')}
            disabled={asking}
            onClick={() => void ask(SHOWN)}
          >
            {t('images.variants')}
          </button>
        </div>
      )}
      {error || failed ? (
        <p className="form-error" role="alert">
          {error ?? t('images.loadFailed')}
        </p>
      ) : null}
      {shown.length ? (
        <ul className="scene-variants" data-testid="scene-variant-list">
          {shown.map((image) => (
            <Variant
              key={image.id}
              image={image}
              n={n}
              inUse={image.hash !== null && image.hash === pinnedHash}
              readOnly={readOnly}
              onPick={() =>
                image.hash && pinSceneImage(doc, sceneId, { image: image.hash, seed: image.seed })
              }
              onDetails={() => setDetails(image)}
            />
          ))}
        </ul>
      ) : null}
      <RecordDialog image={details} onClose={() => setDetails(null)} />
    </section>
  );
}

function Variant(props: {
  image: SceneImage;
  n: number;
  inUse: boolean;
  readOnly: boolean;
  onPick(): void;
  onDetails(): void;
}) {
  const { image, n } = props;
  const { t } = useI18n();
  return (
    <li
      className="scene-variant"
      data-testid="scene-variant"
      data-status={image.status}
      data-seed={image.seed}
      data-in-use={props.inUse || undefined}
    >
      {image.status === 'done' && image.hash ? (
        <img
          src={assetPictureUrl(image.hash)}
          alt={t('images.variantAlt', { seed: image.seed, n })}
        />
      ) : (
        <div className="scene-variant-progress" role="status">
          {image.status === 'failed' ? (
            <span className="field-error">{t('images.failed', { reason: image.error ?? '' })}</span>
          ) : (
            <>
              <progress max={100} value={image.status === 'running' ? image.progress : undefined} />
              <span>
                {image.status === 'running'
                  ? t('images.running', { progress: image.progress })
                  : t('images.queued')}
              </span>
            </>
          )}
        </div>
      )}
      {image.status === 'done' ? (
        <div className="scene-variant-actions">
          {props.readOnly ? (
            props.inUse ? (
              <span className="badge">{t('images.inUse')}</span>
            ) : null
          ) : (
            // One button that says whether it is in use: focus stays on it after a pick.
            <button
              type="button"
              className={props.inUse ? 'btn btn-small' : 'btn btn-small btn-primary'}
              data-testid="scene-variant-use"
              aria-pressed={props.inUse}
              aria-label={t('images.useLabel', { seed: image.seed, n })}
              onClick={() => {
                if (!props.inUse) props.onPick();
              }}
            >
              {props.inUse ? t('images.inUse') : t('images.use')}
            </button>
          )}
          <button
            type="button"
            className="btn btn-small"
            data-testid="scene-variant-details"
            aria-label={t('images.detailsLabel', { seed: image.seed })}
            onClick={props.onDetails}
          >
            {t('images.details')}
          </button>
        </div>
      ) : null}
    </li>
  );
}

/** The record of a variant: what made it, in words, and as JSON to copy. */
function RecordDialog(props: { image: SceneImage | null; onClose(): void }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const record: GeneratedAssetRecord | null = props.image?.record ?? null;
  const json = record ? JSON.stringify(record, null, 2) : '';
  const rows: [string, string][] = record
    ? [
        [t('images.detailEngine'), `${record.engine.id} ${record.engine.version}`],
        [
          t('images.detailModel'),
          record.model
            ? `${record.model.id} (${record.model.hash.slice(0, 12)})`
            : t('images.detailNone'),
        ],
        [t('images.detailSeed'), String(record.seed ?? '')],
        [t('images.detailPrompt'), record.prompt ?? ''],
        [
          t('images.detailSize'),
          record.width && record.height ? `${record.width}×${record.height}` : '',
        ],
        [t('images.detailDevice'), `${record.device} (${record.provider})`],
        [t('images.detailTime'), `${(record.durationMs / 1000).toFixed(2)} s`],
      ]
    : [];
  return (
    <Dialog
      open={record !== null}
      onOpenChange={(open) => {
        if (!open) {
          setCopied(false);
          props.onClose();
        }
      }}
      title={t('images.detailsTitle')}
      description={t('images.detailsDescription')}
      testId="asset-details"
    >
      <dl className="asset-details">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <pre className="asset-json" data-testid="asset-json" tabIndex={0}>
        {json}
      </pre>
      <div className="dialog-actions">
        <button
          type="button"
          className="btn"
          data-testid="asset-copy"
          onClick={() => {
            void navigator.clipboard?.writeText(json).then(() => setCopied(true));
          }}
        >
          {copied ? t('images.copied') : t('images.copyJson')}
        </button>
        <button type="button" className="btn btn-primary" onClick={props.onClose}>
          {t('images.close')}
        </button>
      </div>
    </Dialog>
  );
}

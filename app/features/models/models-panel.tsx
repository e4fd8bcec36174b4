import { useMemo, useState } from 'react';
import type { RenderNodeView } from '../../../shared/api/render-nodes.ts';
import type { ModelStatus } from '../../../shared/render/node-capabilities.ts';
import { useI18n } from '../../i18n/index.ts';
import { Dialog, DialogClose } from '../../components/ui/dialog.tsx';
import { languageName } from './engine-choices.ts';
import { answerOf, useRenderNodes } from './use-render-nodes.ts';

/**
 * "Models": a button in the project bar and the dialog it opens, showing
 * every live render node — its engines and voices, the execution provider
 * (the GPU with its memory, or the CPU and why), which models are loaded,
 * their measured speed, and the unusable ones with their problem — polled
 * live while open (ADR 0040). With no node, or no model, it says how to add
 * one (the wording of docs/models.md).
 */
export function ModelsPanel() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="btn"
        data-testid="models-open"
        title={t('models.title')}
        onClick={() => setOpen(true)}
      >
        <span aria-hidden>◈</span> <span className="bar-label">{t('models.open')}</span>
      </button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={t('models.title')}
        description={t('models.description')}
        testId="models-dialog"
        className="dialog-models"
      >
        {open ? <ModelsList /> : null}
        <div className="dialog-actions">
          <DialogClose className="btn btn-primary" data-testid="models-close">
            {t('models.close')}
          </DialogClose>
        </div>
      </Dialog>
    </>
  );
}

function ModelsList() {
  const { t } = useI18n();
  const state = useRenderNodes(true);
  const answer = answerOf(state);
  const anyModel = answer?.nodes.some((node) => node.models.length > 0) ?? false;
  return (
    <div className="models-body" aria-busy={state.kind === 'loading'}>
      {state.kind === 'error' ? (
        <p className="field-error" role="alert">
          {t('models.error')}
        </p>
      ) : null}
      {state.kind === 'loading' ? (
        <p className="hint" role="status">
          {t('models.loading')}
        </p>
      ) : null}
      {answer && answer.nodes.length === 0 ? (
        <div className="empty models-empty" data-testid="models-no-nodes">
          <strong>{t('models.noNodes.title')}</strong>
          <p>{t('models.noNodes.body')}</p>
        </div>
      ) : null}
      {answer?.nodes.length ? (
        <ul className="models-nodes" aria-label={t('models.title')}>
          {answer.nodes.map((node) => (
            <NodeCard key={node.nodeId} node={node} />
          ))}
        </ul>
      ) : null}
      {answer && !anyModel ? (
        <section className="models-how" data-testid="models-how-to-add">
          <h3>{t('models.addModels.title')}</h3>
          <p>{t('models.addModels.body')}</p>
        </section>
      ) : null}
    </div>
  );
}

function NodeCard({ node }: { node: RenderNodeView }) {
  const { t, plural, locale } = useI18n();
  const bytes = useMemo(
    () =>
      new Intl.NumberFormat(locale, {
        style: 'unit',
        unit: 'gigabyte',
        maximumFractionDigits: 1,
      }),
    [locale],
  );
  const { provider } = node;
  const engineList = (engines: { id: string; version: string }[]) =>
    engines.length
      ? engines.map((engine) => `${engine.id} ${engine.version}`).join(', ')
      : t('models.engines.none');
  return (
    <li className="models-node" data-testid="models-node" data-node={node.nodeId}>
      <div className="models-node-head">
        <h3>{t('models.node', { node: node.nodeId })}</h3>
        <span className="hint">
          {t('models.host', { host: node.host })} · {plural('models.concurrency', node.concurrency)}
        </span>
      </div>
      <p className="models-provider" data-testid="models-provider" data-provider={provider.name}>
        <span className={provider.name === 'cuda' ? 'badge role-owner' : 'badge'}>
          {provider.name.toUpperCase()}
        </span>{' '}
        {provider.name === 'cuda'
          ? t('models.provider.cuda', { device: provider.device })
          : t('models.provider.cpu', { device: provider.device })}
        {provider.memory ? (
          <span className="hint models-memory">
            {' '}
            ·{' '}
            {t('models.provider.memory', {
              used: bytes.format(provider.memory.usedBytes / 1e9),
              total: bytes.format(provider.memory.totalBytes / 1e9),
            })}
          </span>
        ) : null}
      </p>
      {provider.name === 'cpu' && provider.reason ? (
        <p className="hint">{t('models.provider.reason', { reason: provider.reason })}</p>
      ) : null}
      <dl className="models-engines">
        <dt>{t('models.engines.image')}</dt>
        <dd>{engineList(node.engines.image)}</dd>
        <dt>{t('models.engines.voice')}</dt>
        <dd>{engineList(node.engines.voice)}</dd>
        <dt>{t('models.engines.music')}</dt>
        <dd>{engineList(node.engines.music)}</dd>
      </dl>
      <h4 className="models-subhead">{t('models.models')}</h4>
      {node.models.length === 0 ? (
        <p className="hint">{t('models.noModels')}</p>
      ) : (
        <ul className="models-list">
          {node.models.map((model) => (
            <ModelRow key={model.id} model={model} />
          ))}
        </ul>
      )}
    </li>
  );
}

function ModelRow({ model }: { model: ModelStatus }) {
  const { t, locale } = useI18n();
  const ms = (value: number) =>
    t('models.ms', {
      value: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value),
    });
  return (
    <li
      className="models-model"
      data-testid="models-model"
      data-model={model.id}
      data-usable={model.usable}
    >
      <div className="models-model-head">
        <strong>{model.name}</strong> <code className="hint">{model.id}</code>
        <span className="hint">
          {model.kind === 'image'
            ? t('models.kind.image')
            : t('models.kind.voice', { language: languageName(model.language ?? 'und', locale) })}
        </span>
      </div>
      {model.usable ? (
        <p className="hint">
          <span className={model.loaded ? 'badge role-owner' : 'badge'}>
            {t(model.loaded ? 'models.loaded' : 'models.notLoaded')}
          </span>{' '}
          {model.runs > 0 && model.meanMs !== undefined && model.lastMs !== undefined
            ? t(model.kind === 'image' ? 'models.speed.image' : 'models.speed.voice', {
                mean: ms(model.meanMs),
                last: ms(model.lastMs),
                runs: model.runs,
              })
            : t('models.notMeasured')}
        </p>
      ) : (
        <p className="field-error" data-testid="models-problem">
          {t('models.unusable', { problem: model.problem ?? '?' })}
        </p>
      )}
    </li>
  );
}

import { CopyField } from '../../components/ui/copy-field.tsx';
import { ConfirmedDelete } from '../../components/ui/confirmed-delete.tsx';
import { LoadedList } from '../../components/ui/loaded-list.tsx';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  WEBHOOK_EVENTS,
  type CreatedWebhook,
  type WebhookDeliveryRecord,
  type WebhookEventType,
  type WebhookRecord,
} from '../../../shared/api/webhooks.ts';
import { DialogButton, DialogClose } from '../../components/ui/dialog.tsx';
import { FormMessage, TextField } from '../../components/ui/field.tsx';
import { useI18n, type I18n } from '../../i18n/index.ts';
import { apiCall, type ApiFailure } from '../../lib/api.ts';

const failureText = (i18n: I18n, error: ApiFailure) =>
  i18n.sent({ message: error.message, key: error.key, params: error.params });

/**
 * The Webhooks button of the project header (owners) and its dialog: a new
 * webhook (address and events; its secret shown once), the project's
 * webhooks with why one was disabled, enable/disable, delete, and each one's
 * delivery log with "Redeliver".
 */
export function WebhooksDialog(props: { projectId: string }) {
  const { t } = useI18n();
  return (
    <DialogButton
      label={t('webhooks.button')}
      buttonTestId="webhooks-button"
      buttonTitle={t('webhooks.button')}
      title={t('webhooks.title')}
      description={t('webhooks.description')}
      testId="webhooks-dialog"
      wide
    >
      <WebhooksBody projectId={props.projectId} />
      <div className="dialog-actions">
        <DialogClose className="btn">{t('webhooks.close')}</DialogClose>
      </div>
    </DialogButton>
  );
}

function WebhooksBody({ projectId }: { projectId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [hooks, setHooks] = useState<WebhookRecord[] | null>(null);
  const [loadError, setLoadError] = useState<ApiFailure | null>(null);
  const load = useCallback(async () => {
    setLoadError(null);
    const result = await apiCall<{ webhooks: WebhookRecord[] }>(
      'GET',
      `/projects/${encodeURIComponent(projectId)}/webhooks`,
    );
    if (result.ok) setHooks(result.data.webhooks);
    else setLoadError(result.error);
  }, [projectId]);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className="share-dialog-body">
      <NewWebhookForm projectId={projectId} onCreated={() => void load()} />
      <LoadedList
        heading={t('webhooks.list')}
        headingId="webhooks-heading"
        items={hooks}
        loadError={loadError ? failureText(i18n, loadError) : null}
        onRetry={() => void load()}
        texts={{
          loadFailed: t('webhooks.loadFailed'),
          retry: t('webhooks.retry'),
          loading: t('webhooks.loading'),
          empty: t('webhooks.empty'),
        }}
        testIds={{ empty: 'webhooks-empty', list: 'webhooks-list' }}
        renderItem={(hook) => (
          <WebhookRow key={hook.id} hook={hook} onChanged={() => void load()} />
        )}
      />
    </div>
  );
}

function NewWebhookForm(props: { projectId: string; onCreated(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>(['render.succeeded']);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [urlError, setUrlError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);

  const toggle = (event: WebhookEventType, on: boolean) =>
    setEvents((current) => (on ? [...current, event] : current.filter((e) => e !== event)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setUrlError(null);
    if (!events.length) return setError(t('webhooks.chooseEvent'));
    setBusy(true);
    const result = await apiCall<CreatedWebhook>(
      'POST',
      `/projects/${encodeURIComponent(props.projectId)}/webhooks`,
      { url, events },
    );
    setBusy(false);
    if (!result.ok) {
      // A refused destination names the field: the sentence goes beside it.
      const fields = result.error.details.fields as Record<string, string> | undefined;
      if (fields?.url) setUrlError(failureText(i18n, result.error));
      else setError(failureText(i18n, result.error));
      return;
    }
    setCreated(result.data);
    setUrl('');
    props.onCreated();
  };

  return (
    <form className="share-form" onSubmit={(e) => void submit(e)} data-testid="webhook-form">
      <TextField
        label={t('webhooks.url')}
        name="url"
        type="url"
        required
        value={url}
        onChange={(e) => setUrl(e.currentTarget.value)}
        error={urlError ?? undefined}
        data-testid="webhook-url"
      />
      <fieldset className="share-fieldset">
        <legend className="field-label">{t('webhooks.events')}</legend>
        {WEBHOOK_EVENTS.map((event) => (
          <label key={event} className="share-choice">
            <input
              type="checkbox"
              checked={events.includes(event)}
              onChange={(e) => toggle(event, e.currentTarget.checked)}
              data-testid={`webhook-event-${event}`}
            />
            {t(`webhooks.event.${event}`)}
          </label>
        ))}
      </fieldset>
      <FormMessage message={error} testId="webhook-error" />
      <div className="share-form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="webhook-add">
          {busy ? t('webhooks.adding') : t('webhooks.add')}
        </button>
      </div>
      {created ? <CreatedSecret webhook={created} /> : null}
    </form>
  );
}

function CreatedSecret({ webhook }: { webhook: CreatedWebhook }) {
  const { t } = useI18n();
  return (
    <CopyField
      value={webhook.secret}
      hint={t('webhooks.secretOnce')}
      label={t('webhooks.secret')}
      texts={{
        copy: t('webhooks.copy'),
        copied: t('webhooks.copied'),
        failed: t('webhooks.copyFailed'),
      }}
      testIds={{
        box: 'webhook-created',
        value: 'webhook-secret',
        copy: 'webhook-secret-copy',
        status: 'webhook-secret-status',
      }}
    />
  );
}

function WebhookRow({ hook, onChanged }: { hook: WebhookRecord; onChanged(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [logOpen, setLogOpen] = useState(false);

  const call = async (method: 'PATCH', body?: unknown) => {
    setBusy(true);
    setError(null);
    const result = await apiCall<unknown>(method, `/webhooks/${encodeURIComponent(hook.id)}`, body);
    setBusy(false);
    if (!result.ok) return setError(failureText(i18n, result.error));
    onChanged();
  };

  return (
    <li className="member-row webhook-row" data-testid="webhook-row" data-webhook-id={hook.id}>
      <div className="member-identity">
        <span className="member-name" data-testid="webhook-row-url">
          {hook.url}
        </span>
        <span className="member-email">
          {hook.events.map((e) => t(`webhooks.event.${e}`)).join(' · ')}
        </span>
        <span className="member-email" data-testid="webhook-state">
          {hook.enabled
            ? t('webhooks.enabled')
            : hook.disabledReason
              ? t('webhooks.disabledBecause', { reason: hook.disabledReason })
              : t('webhooks.disabled')}
        </span>
        <FormMessage message={error} testId="webhook-row-error" />
      </div>
      <button
        type="button"
        className="btn btn-small"
        aria-expanded={logOpen}
        onClick={() => setLogOpen((open) => !open)}
        data-testid="webhook-log-toggle"
      >
        {logOpen ? t('webhooks.hideLog') : t('webhooks.showLog')}
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={busy}
        onClick={() => void call('PATCH', { enabled: !hook.enabled })}
        data-testid="webhook-toggle"
      >
        {hook.enabled ? t('webhooks.disable') : t('webhooks.enable')}
      </button>
      <ConfirmedDelete
        path={`/webhooks/${encodeURIComponent(hook.id)}`}
        onDone={onChanged}
        describeFailure={(failure) => failureText(i18n, failure)}
        texts={{
          button: t('webhooks.delete'),
          label: t('webhooks.deleteLabel', { url: hook.url }),
          title: t('webhooks.delete'),
          description: t('webhooks.deleteLabel', { url: hook.url }),
          cancel: t('webhooks.close'),
          confirm: t('webhooks.delete'),
          busy: t('webhooks.deleting'),
        }}
        testIds={{
          button: 'webhook-delete',
          confirm: 'webhook-delete-confirm',
          error: 'webhook-delete-error',
        }}
      />
      {logOpen ? <DeliveryLog webhookId={hook.id} /> : null}
    </li>
  );
}

function DeliveryLog({ webhookId }: { webhookId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [deliveries, setDeliveries] = useState<WebhookDeliveryRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const load = useCallback(async () => {
    const result = await apiCall<{ deliveries: WebhookDeliveryRecord[] }>(
      'GET',
      `/webhooks/${encodeURIComponent(webhookId)}/deliveries`,
    );
    if (result.ok) setDeliveries(result.data.deliveries);
    else setError(failureText(i18n, result.error));
  }, [webhookId, i18n]);
  useEffect(() => {
    void load();
  }, [load]);
  const redeliver = async (deliveryId: string) => {
    setError(null);
    const result = await apiCall<unknown>(
      'POST',
      `/webhooks/${encodeURIComponent(webhookId)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`,
    );
    if (!result.ok) return setError(failureText(i18n, result.error));
    setStatus(t('webhooks.redelivered'));
    void load();
  };
  return (
    <div className="webhook-log" data-testid="webhook-log">
      <FormMessage message={error} testId="webhook-log-error" />
      <p className="share-copy-status" role="status">
        {status}
      </p>
      <button type="button" className="btn btn-small" onClick={() => void load()}>
        {t('webhooks.refresh')}
      </button>
      {deliveries === null ? (
        <p className="muted">{t('webhooks.loading')}</p>
      ) : deliveries.length === 0 ? (
        <p className="muted" data-testid="webhook-log-empty">
          {t('webhooks.logEmpty')}
        </p>
      ) : (
        <table className="webhook-log-table">
          <thead>
            <tr>
              <th scope="col">{t('webhooks.logWhen')}</th>
              <th scope="col">{t('webhooks.logEvent')}</th>
              <th scope="col">{t('webhooks.logStatus')}</th>
              <th scope="col">{t('webhooks.logAttempt')}</th>
              <th scope="col">{t('webhooks.logHttp')}</th>
              <th scope="col">{t('webhooks.logDuration')}</th>
              <th scope="col">{t('webhooks.logAnswer')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('webhooks.redeliver')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.id} data-testid="webhook-delivery" data-status={d.status}>
                <td>{i18n.relativeTime(d.createdAt)}</td>
                <td>{t(`webhooks.event.${d.eventType}`)}</td>
                <td data-testid="webhook-delivery-status">{t(`webhooks.status.${d.status}`)}</td>
                <td>{d.attempt}</td>
                <td>{d.httpStatus ?? '—'}</td>
                <td>
                  {d.durationMs === null ? '—' : t('webhooks.durationMs', { ms: d.durationMs })}
                </td>
                <td className="webhook-answer">{d.answerExcerpt ?? ''}</td>
                <td>
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={d.status === 'sending'}
                    onClick={() => void redeliver(d.id)}
                    data-testid="webhook-redeliver"
                  >
                    {t('webhooks.redeliver')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

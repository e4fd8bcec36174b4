import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { RenderRecord } from '../../../shared/api/renders.ts';
import {
  MAX_SHARE_LABEL,
  SHARE_EXPIRY_PRESETS,
  type CreatedShareLink,
  type ShareExpiryPreset,
  type ShareLinkSummary,
} from '../../../shared/api/share-links.ts';
import { DialogButton, DialogClose } from '../../components/ui/dialog.tsx';
import { FormMessage, TextField } from '../../components/ui/field.tsx';
import { Select } from '../../components/ui/select.tsx';
import { CopyField } from '../../components/ui/copy-field.tsx';
import { ConfirmedDelete } from '../../components/ui/confirmed-delete.tsx';
import { LoadedList } from '../../components/ui/loaded-list.tsx';
import { useI18n, type I18n } from '../../i18n/index.ts';
import { apiCall, type ApiFailure } from '../../lib/api.ts';
import { formatRelativeTime } from '../../lib/format.ts';
import { presetName } from '../renders/render-panel.tsx';
import { expiryInSeconds, type ExpiryChoice } from './share-expiry.ts';

const EXPIRY_CHOICES: ExpiryChoice[] = [
  ...(Object.keys(SHARE_EXPIRY_PRESETS) as ShareExpiryPreset[]),
  'date',
];

const failureText = (i18n: I18n, error: ApiFailure) =>
  i18n.sent({ message: error.message, key: error.key, params: error.params });

/**
 * The Share button of the editor header (owners and editors) and its dialog:
 * a new preview link (what it shows, comments, expiry, label) copied once,
 * and the project's links with their views, each revocable.
 */
export function ShareDialog(props: { projectId: string; renders: readonly RenderRecord[] }) {
  const { t } = useI18n();
  return (
    <DialogButton
      label={
        <>
          <span aria-hidden>⤴</span> <span className="bar-label">{t('share.button')}</span>
        </>
      }
      buttonTestId="share-button"
      buttonTitle={t('share.button')}
      title={t('share.title')}
      description={t('share.description')}
      testId="share-dialog"
      wide
    >
      <ShareDialogBody projectId={props.projectId} renders={props.renders} />
      <div className="dialog-actions">
        <DialogClose className="btn">{t('share.close')}</DialogClose>
      </div>
    </DialogButton>
  );
}

function ShareDialogBody(props: { projectId: string; renders: readonly RenderRecord[] }) {
  const { projectId } = props;
  const [links, setLinks] = useState<ShareLinkSummary[] | null>(null);
  const [loadError, setLoadError] = useState<ApiFailure | null>(null);
  const load = useCallback(async () => {
    setLoadError(null);
    const result = await apiCall<{ links: ShareLinkSummary[] }>(
      'GET',
      `/projects/${encodeURIComponent(projectId)}/share-links`,
    );
    if (result.ok) setLinks(result.data.links);
    else setLoadError(result.error);
  }, [projectId]);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className="share-dialog-body">
      <NewLinkForm projectId={projectId} renders={props.renders} onCreated={() => void load()} />
      <LinkList links={links} loadError={loadError} onChanged={() => void load()} />
    </div>
  );
}

function NewLinkForm(props: {
  projectId: string;
  renders: readonly RenderRecord[];
  onCreated(): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const finished = props.renders.filter((r) => r.status === 'done' && r.output);
  const [shows, setShows] = useState<'latest' | 'chosen'>('latest');
  const [renderId, setRenderId] = useState<string>(finished[0]?.id ?? '');
  const [allowComments, setAllowComments] = useState(false);
  const [expiry, setExpiry] = useState<ExpiryChoice>('7d');
  const [date, setDate] = useState('');
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dateError, setDateError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedShareLink | null>(null);
  const ids = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setDateError(null);
    const seconds = expiryInSeconds(expiry, date, new Date());
    if (seconds === 'invalid') {
      setDateError(t('share.expiryDatePast'));
      return;
    }
    setBusy(true);
    const result = await apiCall<CreatedShareLink>(
      'POST',
      `/projects/${encodeURIComponent(props.projectId)}/share-links`,
      {
        ...(shows === 'chosen' && renderId ? { renderId } : {}),
        allowComments,
        expiresInSeconds: seconds,
        label,
      },
    );
    setBusy(false);
    if (!result.ok) return setError(failureText(i18n, result.error));
    setCreated(result.data);
    setLabel('');
    props.onCreated();
  };

  return (
    <form className="share-form" onSubmit={(e) => void submit(e)} data-testid="share-form">
      <fieldset className="share-fieldset">
        <legend className="field-label">{t('share.shows')}</legend>
        <label className="share-choice">
          <input
            type="radio"
            name={`${ids}-shows`}
            checked={shows === 'latest'}
            onChange={() => setShows('latest')}
            data-testid="share-shows-latest"
          />
          {t('share.showsLatest')}
        </label>
        <label className="share-choice">
          <input
            type="radio"
            name={`${ids}-shows`}
            checked={shows === 'chosen'}
            disabled={!finished.length}
            onChange={() => setShows('chosen')}
            data-testid="share-shows-chosen"
          />
          {t('share.showsChosen')}
        </label>
        {shows === 'chosen' && finished.length ? (
          <Select
            aria-label={t('share.chooseRender')}
            value={renderId}
            onValueChange={setRenderId}
            testId="share-render"
            options={finished.map((r) => ({
              value: r.id,
              label: t('share.renderOption', {
                n: r.revisionNumber ?? '?',
                preset: presetName(i18n, r.preset),
                when: formatRelativeTime(r.finishedAt ?? r.createdAt, new Date(), i18n.locale),
              }),
            }))}
          />
        ) : null}
        {finished.length ? null : <p className="field-hint">{t('share.noFinishedRender')}</p>}
        <p className="field-hint">{t('share.live')}</p>
        <label className="share-choice">
          <input
            type="checkbox"
            checked={allowComments}
            onChange={(e) => setAllowComments(e.currentTarget.checked)}
            data-testid="share-allow-comments"
          />
          {t('share.allowComments')}
        </label>
      </fieldset>
      <div className="share-row">
        <div className="field">
          <span className="field-label" aria-hidden>
            {t('share.expiry')}
          </span>
          <Select
            aria-label={t('share.expiry')}
            value={expiry}
            onValueChange={(value) => setExpiry(value as ExpiryChoice)}
            testId="share-expiry"
            options={EXPIRY_CHOICES.map((choice) => ({
              value: choice,
              label: t(`share.expiry.${choice}`),
            }))}
          />
        </div>
        {expiry === 'date' ? (
          <TextField
            label={t('share.expiryDate')}
            name="expiryDate"
            type="date"
            required
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            error={dateError ?? undefined}
            data-testid="share-expiry-date"
          />
        ) : null}
        <TextField
          label={t('share.label')}
          name="label"
          hint={t('share.labelHint')}
          maxLength={MAX_SHARE_LABEL}
          value={label}
          onChange={(e) => setLabel(e.currentTarget.value)}
          data-testid="share-label"
        />
      </div>
      <FormMessage message={error} testId="share-error" />
      <div className="share-form-actions">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={busy}
          data-testid="share-create"
        >
          {busy ? t('share.creating') : t('share.create')}
        </button>
      </div>
      {created ? <CreatedLink link={created} /> : null}
    </form>
  );
}

function CreatedLink({ link }: { link: CreatedShareLink }) {
  const { t } = useI18n();
  return (
    <CopyField
      value={link.url}
      hint={t('share.created')}
      label={t('share.linkField')}
      texts={{ copy: t('share.copy'), copied: t('share.copied'), failed: t('share.copyFailed') }}
      testIds={{
        box: 'share-created',
        value: 'share-url',
        copy: 'share-copy',
        status: 'share-copy-status',
      }}
    />
  );
}

function LinkList(props: {
  links: ShareLinkSummary[] | null;
  loadError: ApiFailure | null;
  onChanged(): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <LoadedList
      heading={t('share.links')}
      headingId="share-links-heading"
      items={props.links}
      loadError={props.loadError ? failureText(i18n, props.loadError) : null}
      onRetry={props.onChanged}
      texts={{
        loadFailed: t('share.loadFailed'),
        retry: t('share.retry'),
        loading: t('share.loading'),
        empty: t('share.empty'),
      }}
      testIds={{ empty: 'share-links-empty', list: 'share-links' }}
      renderItem={(link) => <LinkRow key={link.id} link={link} onRevoked={props.onChanged} />}
    />
  );
}

function LinkRow({ link, onRevoked }: { link: ShareLinkSummary; onRevoked(): void }) {
  const i18n = useI18n();
  const { t, plural } = i18n;
  const label = link.label || t('share.untitled');
  const now = new Date();

  return (
    <li className="member-row share-link-row" data-testid="share-link-row" data-link-id={link.id}>
      <div className="member-identity">
        <span className="member-name" data-testid="share-link-label">
          {label}
        </span>
        <span className="member-email">
          {link.createdBy ? t('share.by', { name: link.createdBy.name }) : t('share.byGone')}
          {' · '}
          <span data-testid="share-link-expiry">
            {link.expired
              ? t('share.expired')
              : link.expiresAt
                ? t('share.expiresAt', { date: i18n.date(link.expiresAt) })
                : t('share.neverExpires')}
          </span>
          {link.allowComments ? ` · ${t('share.commentsAllowed')}` : ''}
        </span>
        <span className="member-email">
          <span data-testid="share-link-views">{plural('share.views', link.views)}</span>
          {' · '}
          {link.lastViewedAt
            ? t('share.lastView', {
                when: formatRelativeTime(link.lastViewedAt, now, i18n.locale),
              })
            : t('share.neverViewed')}
        </span>
      </div>
      <ConfirmedDelete
        path={`/share-links/${encodeURIComponent(link.id)}`}
        onDone={onRevoked}
        describeFailure={(error) => failureText(i18n, error)}
        texts={{
          button: t('share.revoke'),
          label: t('share.revokeLabel', { label }),
          title: t('share.revokeTitle'),
          description: t('share.revokeDescription', { label }),
          cancel: t('share.cancel'),
          confirm: t('share.revokeConfirm'),
          busy: t('share.revoking'),
        }}
        testIds={{
          button: 'share-revoke',
          confirm: 'share-revoke-confirm',
          error: 'share-revoke-error',
        }}
      />
    </li>
  );
}

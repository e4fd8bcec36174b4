import { ConfirmedDelete } from '../../components/ui/confirmed-delete.tsx';
import { CopyField } from '../../components/ui/copy-field.tsx';
import { LoadedList } from '../../components/ui/loaded-list.tsx';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  API_SCOPES,
  API_TOKEN_EXPIRY_PRESETS,
  MAX_API_TOKEN_NAME,
  type ApiScope,
  type ApiTokenExpiryPreset,
  type ApiTokenSummary,
  type CreatedApiToken,
} from '../../../shared/api/api-tokens.ts';
import { FormMessage, TextField } from '../../components/ui/field.tsx';
import { Select } from '../../components/ui/select.tsx';
import { useI18n, type I18n } from '../../i18n/index.ts';
import { apiCall, type ApiFailure } from '../../lib/api.ts';
import { formatRelativeTime } from '../../lib/format.ts';

const EXPIRY_CHOICES = Object.keys(API_TOKEN_EXPIRY_PRESETS) as ApiTokenExpiryPreset[];

const failureText = (i18n: I18n, error: ApiFailure) =>
  i18n.sent({ message: error.message, key: error.key, params: error.params });

/**
 * Personal API tokens on the account page (issue 16, ADR 0042): a new token
 * (name, scopes, expiry) shown once with Copy, and the person's tokens with
 * their last use, each revocable after a confirmation.
 */
export function ApiTokensPanel() {
  const { t } = useI18n();
  const [tokens, setTokens] = useState<ApiTokenSummary[] | null>(null);
  const [loadError, setLoadError] = useState<ApiFailure | null>(null);
  const load = useCallback(async () => {
    setLoadError(null);
    const result = await apiCall<{ tokens: ApiTokenSummary[] }>('GET', '/tokens');
    if (result.ok) setTokens(result.data.tokens);
    else setLoadError(result.error);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section className="account-section" aria-labelledby="tokens-heading" data-testid="api-tokens">
      <h2 id="tokens-heading">{t('tokens.title')}</h2>
      <p className="muted">
        {t('tokens.description')} <a href="/api/docs">{t('tokens.docs')}</a>
      </p>
      <NewTokenForm onCreated={() => void load()} />
      <TokenList tokens={tokens} loadError={loadError} onChanged={() => void load()} />
    </section>
  );
}

function NewTokenForm(props: { onCreated(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiScope[]>(['projects:read']);
  const [expiry, setExpiry] = useState<ApiTokenExpiryPreset>('90d');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);

  const toggle = (scope: ApiScope, on: boolean) =>
    setScopes((current) =>
      on
        ? API_SCOPES.filter((s) => s === scope || current.includes(s))
        : current.filter((s) => s !== scope),
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!scopes.length) return setError(t('tokens.scopesRequired'));
    setBusy(true);
    const result = await apiCall<CreatedApiToken>('POST', '/tokens', {
      name,
      scopes,
      expiresInSeconds: API_TOKEN_EXPIRY_PRESETS[expiry],
    });
    setBusy(false);
    if (!result.ok) return setError(failureText(i18n, result.error));
    setCreated(result.data);
    setName('');
    props.onCreated();
  };

  return (
    <form className="share-form" onSubmit={(e) => void submit(e)} data-testid="token-form">
      <TextField
        label={t('tokens.name')}
        name="name"
        hint={t('tokens.nameHint')}
        required
        maxLength={MAX_API_TOKEN_NAME}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        data-testid="token-name"
      />
      <fieldset className="share-fieldset">
        <legend className="field-label">{t('tokens.scopes')}</legend>
        {API_SCOPES.map((scope) => (
          <label key={scope} className="share-choice">
            <input
              type="checkbox"
              checked={scopes.includes(scope)}
              onChange={(e) => toggle(scope, e.currentTarget.checked)}
              data-testid={`token-scope-${scope}`}
            />
            <code>{scope}</code> · {t(`tokens.scope.${scope}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <span className="field-label" aria-hidden>
          {t('tokens.expiry')}
        </span>
        <Select
          aria-label={t('tokens.expiry')}
          value={expiry}
          onValueChange={(value) => setExpiry(value as ApiTokenExpiryPreset)}
          testId="token-expiry"
          options={EXPIRY_CHOICES.map((choice) => ({
            value: choice,
            label: t(`tokens.expiry.${choice}`),
          }))}
        />
      </div>
      <FormMessage message={error} testId="token-error" />
      <div className="share-form-actions">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={busy}
          data-testid="token-create"
        >
          {busy ? t('tokens.creating') : t('tokens.create')}
        </button>
      </div>
      {created ? <CreatedToken token={created.token} /> : null}
    </form>
  );
}

function CreatedToken({ token }: { token: string }) {
  const { t } = useI18n();
  return (
    <CopyField
      value={token}
      hint={t('tokens.created')}
      label={t('tokens.tokenField')}
      texts={{ copy: t('tokens.copy'), copied: t('tokens.copied'), failed: t('tokens.copyFailed') }}
      testIds={{
        box: 'token-created',
        value: 'token-value',
        copy: 'token-copy',
        status: 'token-copy-status',
      }}
    />
  );
}

function TokenList(props: {
  tokens: ApiTokenSummary[] | null;
  loadError: ApiFailure | null;
  onChanged(): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <LoadedList
      heading={t('tokens.list')}
      headingId="token-list-heading"
      items={props.tokens}
      loadError={props.loadError ? failureText(i18n, props.loadError) : null}
      onRetry={props.onChanged}
      texts={{
        loadFailed: t('tokens.loadFailed'),
        retry: t('tokens.retry'),
        loading: t('tokens.loading'),
        empty: t('tokens.empty'),
      }}
      testIds={{ empty: 'tokens-empty', list: 'token-list' }}
      renderItem={(token) => <TokenRow key={token.id} token={token} onRevoked={props.onChanged} />}
    />
  );
}

function TokenRow({ token, onRevoked }: { token: ApiTokenSummary; onRevoked(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const now = new Date();
  const expired = token.expiresAt !== null && Date.parse(token.expiresAt) <= now.getTime();

  return (
    <li className="member-row share-link-row" data-testid="token-row" data-token-id={token.id}>
      <div className="member-identity">
        <span className="member-name" data-testid="token-row-name">
          {token.name} <code className="muted">{token.prefix}…</code>
        </span>
        <span className="member-email">{token.scopes.join(', ')}</span>
        <span className="member-email">
          <span data-testid="token-row-state">
            {token.revokedAt
              ? t('tokens.revoked')
              : expired
                ? t('tokens.expired')
                : token.expiresAt
                  ? t('tokens.expiresAt', { date: i18n.date(token.expiresAt) })
                  : t('tokens.neverExpires')}
          </span>
          {' · '}
          <span data-testid="token-row-used">
            {token.lastUsedAt
              ? t('tokens.lastUsed', {
                  when: formatRelativeTime(token.lastUsedAt, now, i18n.locale),
                })
              : t('tokens.neverUsed')}
          </span>
        </span>
      </div>
      {token.revokedAt ? null : (
        <ConfirmedDelete
          path={`/tokens/${encodeURIComponent(token.id)}`}
          onDone={onRevoked}
          describeFailure={(error) => failureText(i18n, error)}
          texts={{
            button: t('tokens.revoke'),
            label: t('tokens.revokeLabel', { name: token.name }),
            title: t('tokens.revokeTitle'),
            description: t('tokens.revokeDescription', { name: token.name }),
            cancel: t('tokens.cancel'),
            confirm: t('tokens.revokeConfirm'),
            busy: t('tokens.revoking'),
          }}
          testIds={{
            button: 'token-revoke',
            confirm: 'token-revoke-confirm',
            error: 'token-revoke-error',
          }}
        />
      )}
    </li>
  );
}

import type { UsageRecord } from '../../../shared/api/usage.ts';
import { useI18n } from '../../i18n/index.ts';
import { formatBytes } from '../../lib/format.ts';

/**
 * The signed-in person's usage against the quotas (GET /api/v1/me/usage):
 * render minutes this month, and the storage of each project they own.
 * Nothing is shown beyond the numbers when there is no limit.
 */
export function UsagePanel({ usage }: { usage: UsageRecord }) {
  const { t, locale, date } = useI18n();
  const { renderMinutes, storage } = usage;
  const percent = (used: number, limit: number | null) =>
    limit ? Math.min(100, Math.round((used / limit) * 100)) : null;
  const minutesPercent = percent(renderMinutes.used, renderMinutes.limit);
  return (
    <section className="usage-panel" aria-labelledby="usage-heading" data-testid="usage-panel">
      <h2 id="usage-heading" className="render-subhead">
        {t('usage.title')}
      </h2>
      <div className="usage-item">
        <span className="field-label" id="usage-minutes-label">
          {t('usage.renderMinutes')}
        </span>
        <span data-testid="usage-minutes">
          {renderMinutes.limit === null
            ? t('usage.minutesUnlimited', { used: renderMinutes.used })
            : t('usage.minutesOf', { used: renderMinutes.used, limit: renderMinutes.limit })}
        </span>
        {minutesPercent !== null ? (
          <progress
            max={100}
            value={minutesPercent}
            aria-labelledby="usage-minutes-label"
            className="usage-bar"
          />
        ) : null}
        {renderMinutes.resetAt ? (
          <span className="field-hint">
            {t('usage.resets', { date: date(renderMinutes.resetAt) })}
          </span>
        ) : null}
      </div>
      <div className="usage-item">
        <span className="field-label">{t('usage.storage')}</span>
        {storage.projects.length === 0 ? (
          <span className="muted">{t('usage.noProjects')}</span>
        ) : (
          <ul className="usage-projects" data-testid="usage-storage">
            {storage.projects.map((p) => (
              <li key={p.id}>
                <span className="usage-project-title">{p.title}</span>{' '}
                <span>
                  {storage.limit === null
                    ? t('usage.bytesUnlimited', { used: formatBytes(p.used, locale) })
                    : t('usage.bytesOf', {
                        used: formatBytes(p.used, locale),
                        limit: formatBytes(storage.limit, locale),
                      })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

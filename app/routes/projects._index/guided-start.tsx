import { useFetcher } from '@remix-run/react';
import { useState, type ReactNode } from 'react';
import { SAMPLES, SAMPLE_IDS, TEMPLATE_IDS } from '../../../shared/starters/index.ts';
import { LANGUAGES, type Language } from '../../../shared/timeline.ts';
import { FormMessage } from '../../components/ui/field.tsx';
import { Select } from '../../components/ui/select.tsx';
import { useI18n } from '../../i18n/index.ts';
import { failureMessage } from '../../lib/form-errors.ts';
import type { action } from './action.server.ts';

/**
 * Where a new project can start (issue 12, item 8): a sample in each
 * language, a template with placeholder scenes in a chosen language, or
 * (`blank`, on the empty list) an empty project. Every card is a button;
 * success opens the new project.
 */
export function GuidedStart({
  blank,
  headingLevel = 2,
}: {
  blank?: ReactNode;
  headingLevel?: 2 | 3;
}) {
  const fetcher = useFetcher<typeof action>();
  const i18n = useI18n();
  const { t, plural } = i18n;
  const [templateLanguage, setTemplateLanguage] = useState<Language>(i18n.locale);
  const busy = fetcher.state !== 'idle';
  const result = fetcher.data;
  const Heading = `h${headingLevel + 1}` as 'h3' | 'h4';
  const start = (from: { sample: string } | { template: string }) =>
    fetcher.submit(
      { intent: 'createFrom', ...from, language: templateLanguage },
      { method: 'post', action: '/projects?index' },
    );
  return (
    <div className="guided-start" data-testid="guided-start" aria-busy={busy}>
      <FormMessage message={result?.ok === false ? failureMessage(i18n, result) : null} />
      <section aria-labelledby="starter-samples">
        <Heading id="starter-samples" className="starter-heading">
          {t('firstRun.samplesHeading')}
        </Heading>
        <p className="starter-hint">{t('firstRun.samplesHint')}</p>
        <ul className="starter-grid">
          {SAMPLE_IDS.map((id) => {
            const sample = SAMPLES[id];
            return (
              <li key={id}>
                <button
                  type="button"
                  className="starter-card starter-sample"
                  data-testid={`sample-${sample.language}`}
                  disabled={busy}
                  onClick={() => start({ sample: id })}
                >
                  <span className="starter-title">{sample.title}</span>
                  <span className="starter-badge" lang={sample.language}>
                    {t('firstRun.sampleLanguage', {
                      language: t(`projects.language.${sample.language}`),
                    })}
                  </span>
                  <span className="starter-description">{t(`firstRun.sample.${id}`)}</span>
                  <span className="starter-meta">
                    {plural('firstRun.scenes', sample.scenes.length)} ·{' '}
                    {plural('firstRun.characters', sample.cast.length)}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="starter-templates">
        <div className="starter-section-header">
          <div>
            <Heading id="starter-templates" className="starter-heading">
              {t('firstRun.templatesHeading')}
            </Heading>
            <p className="starter-hint">{t('firstRun.templatesHint')}</p>
          </div>
          <label className="starter-language">
            <span>{t('firstRun.templateLanguage')}</span>
            <Select
              value={templateLanguage}
              onValueChange={(value) => setTemplateLanguage(value as Language)}
              aria-label={t('firstRun.templateLanguage')}
              testId="template-language"
              options={LANGUAGES.map((value) => ({
                value,
                label: t(`projects.language.${value}`),
              }))}
            />
          </label>
        </div>
        <ul className="starter-grid starter-grid-templates">
          {TEMPLATE_IDS.map((id) => (
            <li key={id}>
              <button
                type="button"
                className="starter-card"
                data-testid={`template-${id}`}
                disabled={busy}
                onClick={() => start({ template: id })}
              >
                <span className="starter-title">{t(`firstRun.template.${id}`)}</span>
                <span className="starter-description">
                  {t(`firstRun.template.${id}.description`)}
                </span>
              </button>
            </li>
          ))}
          {blank ? <li>{blank}</li> : null}
        </ul>
      </section>
      {busy ? (
        <p className="starter-hint" role="status">
          {t('firstRun.creating')}
        </p>
      ) : null}
    </div>
  );
}

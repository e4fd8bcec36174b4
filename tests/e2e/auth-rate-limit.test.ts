import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserStage, collectPageErrors } from '../support/browser.ts';

/**
 * Issue 12, item 5: a rate-limited sign-in said "Something went wrong on
 * our side" and lost the form. Sign-in and sign-up now say how long to wait,
 * in English and French, with JavaScript and without, and keep what was
 * typed. Limits of two attempts per address make the third one refused.
 */
describe('rate-limited sign-in and sign-up in the browser', () => {
  const stage = browserStage({
    env: { AUTH_LIMIT_SIGN_IN_BY_ADDRESS: '2/600', AUTH_LIMIT_SIGN_UP_BY_ADDRESS: '2/600' },
  });

  const WAIT = {
    en: /^Too many attempts\. Try again in (\d+ min )?\d+ s\.$/,
    fr: /^Trop de tentatives\. Réessayez dans (\d+ min )?\d+ s\.$/,
  };

  async function openForm(path: string, locale: 'en' | 'fr', javaScriptEnabled: boolean) {
    const context = await stage.browser.newContext({
      baseURL: stage.server.url,
      locale,
      javaScriptEnabled,
      viewport: { width: 1280, height: 720 },
    });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(path);
    return { page, errors };
  }

  /** Fills the form's fields and submits it; returns once the answer is on the page. */
  async function submit(page: Page, form: 'login' | 'signup', email: string) {
    if (form === 'signup') await page.getByTestId('signup-name').fill('Rita Retry');
    await page.getByTestId(`${form}-email`).fill(email);
    await page.getByTestId(`${form}-password`).fill('a sturdy passphrase');
    await page.getByTestId(`${form}-submit`).click();
    await page.waitForLoadState('load');
  }

  const email = (name: string) => `${name}-${Date.now()}@example.test`;

  for (const form of ['login', 'signup'] as const) {
    test(`${form}: refused attempts say how long to wait and keep the form, en and fr, with and without JavaScript`, async () => {
      // Two attempts spend the address's allowance (wrong password, or two new accounts).
      for (let i = 0; i < 2; i++) {
        const { page } = await openForm(`/${form}`, 'en', false);
        await submit(page, form, email(`spend-${i}`));
        await page.context().close();
      }
      for (const locale of ['en', 'fr'] as const) {
        for (const javaScript of [true, false]) {
          const what = `${form}, ${locale}, ${javaScript ? 'with' : 'without'} JavaScript`;
          const { page, errors } = await openForm(`/${form}`, locale, javaScript);
          const typed = email(`limited-${locale}-${javaScript}`);
          await submit(page, form, typed);
          const message = page.getByTestId('form-error');
          await message.waitFor();
          assert.match((await message.textContent()) ?? '', WAIT[locale], what);
          assert.equal(
            await page.getByTestId('error-boundary').count(),
            0,
            `${what}: no error page`,
          );
          assert.equal(
            await page.getByTestId(`${form}-email`).inputValue(),
            typed,
            `${what}: e-mail kept`,
          );
          if (form === 'signup') {
            assert.equal(
              await page.getByTestId('signup-name').inputValue(),
              'Rita Retry',
              `${what}: name kept`,
            );
          }
          if (javaScript) {
            // The page was never left: the password typed is still there too.
            assert.equal(
              await page.getByTestId(`${form}-password`).inputValue(),
              'a sturdy passphrase',
            );
          }
          assert.deepEqual(errors, [], what);
          await page.context().close();
        }
      }
    });
  }
});

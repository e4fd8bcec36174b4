import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  anonymousContext,
  browserStage,
  collectPageErrors,
  signedInContext,
} from '../support/browser.ts';
import { signUp } from '../support/web-server.ts';
import { addMember } from '../support/members.ts';

/**
 * The whole app under its Content-Security-Policy in Chromium: every
 * violation the page reports (`securitypolicyviolation`) or Chromium logs
 * fails the test, from sign-up to the editor and the render panel.
 */
describe('the app under its Content-Security-Policy', () => {
  const stage = browserStage();

  /** A page that records CSP violations from its first script on, in every document it loads. */
  async function watchedPage(sessionToken?: string) {
    const context = sessionToken
      ? await signedInContext(stage.browser, stage.server.url, sessionToken)
      : await anonymousContext(stage.browser, stage.server.url);
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (event) => {
        seen.push(
          `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
        );
      });
    });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const logged: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) logged.push(message.text());
    });
    return { page, errors, logged };
  }

  const violations = (page: Page) =>
    page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

  test('sign up, create a project, write in the editor with someone else, commit a render: no violation', async () => {
    const { page, errors, logged } = await watchedPage();
    await page.goto('/signup');
    await page.getByTestId('signup-name').fill('Nonce Reader');
    await page.getByTestId('signup-email').fill(`csp-${Date.now()}@example.test`);
    await page.getByTestId('signup-password').fill('a sturdy passphrase');
    await page.getByTestId('signup-submit').click();
    await page.waitForURL('**/projects');
    assert.deepEqual(await violations(page), [], 'sign-up and project list');

    await page.getByTestId('create-project').click();
    await page.getByTestId('create-title').fill('Strict policy');
    await page.getByTestId('create-submit').click();
    await page.waitForURL(/\/projects\/[a-z0-9]+$/);
    await page.getByTestId('live-project').waitFor();
    await page.getByTestId('add-scene').click();
    const narration = page.locator('.cm-content[data-testid="scene-narration"]').first();
    await narration.click();
    await page.keyboard.type('The harbour wakes.');
    await page.getByTestId('sync-status').and(page.locator('[data-status="saved"]')).waitFor();

    // The render panel: commit and queue a render (no render node: it stays queued).
    await page.getByTestId('renders').waitFor();
    await page.getByTestId('commit-render').click();
    const dialog = page.getByTestId('commit-dialog');
    await dialog.getByTestId('commit-message').fill('First cut');
    await dialog.getByTestId('commit-preset').click();
    await page.getByRole('option', { name: /720p draft/ }).click();
    await dialog.getByTestId('commit-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('render-row').first().waitFor();
    await page.getByTestId('timeline-block').first().waitFor();
    await page.getByTestId('settings-open').click();
    await page.getByTestId('settings-dialog').getByTestId('settings-close').click();

    // A reload renders the editor on the stage.server, then hydrates it under the policy.
    await page.reload();
    await page.getByTestId('live-project').waitFor();
    await page.locator('.cm-content[data-testid="scene-narration"]').first().waitFor();

    // Someone else joins and types: their presence and caret are drawn on the first page.
    const owner = (await page.context().cookies()).find((c) => c.name === 'montage_session')!;
    const projectId = new URL(page.url()).pathname.split('/').at(-1)!;
    const editor = await signUp(stage.server.url, 'Second Person');
    await addMember(stage.server, owner.value, projectId, editor, 'editor');
    const other = await watchedPage(editor.token);
    await other.page.goto(`/projects/${projectId}`);
    await other.page.getByTestId('live-project').waitFor();
    await other.page.locator('.cm-content[data-testid="scene-narration"]').first().click();
    await other.page.keyboard.type(' Gulls.');
    await page.locator('.cm-ySelectionCaret').first().waitFor();

    for (const watched of [{ page, errors, logged }, other]) {
      assert.deepEqual(await violations(watched.page), []);
      assert.deepEqual(watched.logged, []);
      assert.deepEqual(watched.errors, []);
    }
    await other.page.context().close();
    await page.context().close();
  });

  test('the policy is enforced: an inline script without the nonce does not run', async () => {
    const { page } = await watchedPage();
    await page.goto('/login');
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 0));
      return (window as unknown as { injected?: boolean }).injected === true;
    });
    assert.equal(ran, false);
    const seen = await violations(page);
    assert.equal(seen.length, 1);
    assert.match(seen[0]!, /^script-src-elem blocked inline/);
    await page.context().close();
  });
});

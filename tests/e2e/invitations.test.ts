import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  anonymousContext,
  browserStage,
  collectPageErrors,
  signedInContext,
} from '../support/browser.ts';
import { api, createProject, signUp } from '../support/web-server.ts';

/**
 * Invitation links in the browser (issue 9, item 9): a signed-out invitee
 * signs up and comes back to the link, accepting joins the project, and a
 * used or declined invitation explains itself, in English and French.
 */
describe('invitations in the browser', () => {
  const stage = browserStage();

  const invite = async (ownerToken: string, projectId: string, email: string, role = 'editor') => {
    const res = await api(stage.server.url, 'POST', `/api/v1/projects/${projectId}/invitations`, {
      token: ownerToken,
      body: { email, role },
    });
    assert.equal(res.status, 201);
    return { id: res.body.invitation.id as string, link: res.body.link as string };
  };

  test('a signed-out invitee signs up from the link, comes back to it and joins', async () => {
    const owner = await signUp(stage.server.url, 'Ada Owner');
    const projectId = await createProject(stage.server.url, owner.token, 'Night ferry');
    const email = `newcomer-${Date.now()}@example.test`;
    const { link } = await invite(owner.token, projectId, email);

    const context = await anonymousContext(stage.browser, stage.server.url);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(link);
    await page.waitForURL(`**/login?redirectTo=${encodeURIComponent(link)}`);
    await page.getByTestId('login-signup-link').click();
    await page.waitForURL(`**/signup?redirectTo=${encodeURIComponent(link)}`);
    await page.getByTestId('signup-name').fill('Nico Newcomer');
    await page.getByTestId('signup-email').fill(email);
    await page.getByTestId('signup-password').fill('a sturdy passphrase');
    await page.getByTestId('signup-submit').click();

    const invitation = page.getByTestId('invitation-page');
    await invitation.waitFor();
    assert.equal(await page.locator('h1').textContent(), 'Join “Night ferry”');
    assert.match(
      (await invitation.textContent()) ?? '',
      /Ada Owner invited you to “Night ferry” as Editor\./,
    );
    await page.getByTestId('invitation-page-accept').click();
    await page.waitForURL(`**/projects/${projectId}`);
    await page.getByTestId('live-project').waitFor();

    // Used: the link now says so, and nobody else can join with it.
    await page.goto(link);
    await page.getByTestId('invitation-unusable').waitFor();
    assert.equal(await page.getByTestId('invitation-unusable').getAttribute('data-code'), 'GONE');
    assert.match(
      (await page.getByTestId('invitation-unusable').textContent()) ?? '',
      /already been used/,
    );
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('in French: the link page, a declined invitation and an unknown link', async () => {
    const owner = await signUp(stage.server.url, 'Aline Propriétaire');
    const invitee = await signUp(stage.server.url, 'Bruno');
    const projectId = await createProject(stage.server.url, owner.token, 'Le bac de nuit');
    const { link } = await invite(owner.token, projectId, invitee.email, 'viewer');

    const context = await signedInContext(stage.browser, stage.server.url, invitee.token, {
      locale: 'fr-FR',
    });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(link);
    await page.getByTestId('invitation-page').waitFor();
    assert.equal(await page.locator('h1').textContent(), 'Rejoindre « Le bac de nuit »');
    assert.equal(await page.getByTestId('invitation-page-accept').textContent(), 'Accepter');

    // Declined from the project list instead: the offer goes, the project never appears.
    await page.goto('/projects');
    const offers = page.getByTestId('invitations-for-you');
    assert.equal(await offers.locator('h2').textContent(), 'Invitations pour vous');
    await offers.getByTestId('invitation-decline').click();
    await offers.waitFor({ state: 'detached' });
    assert.equal(
      await page.locator(`[data-testid="project-row"][data-project-id="${projectId}"]`).count(),
      0,
    );
    await page.goto(link);
    const unusable = page.getByTestId('invitation-unusable');
    await unusable.waitFor();
    assert.match((await unusable.textContent()) ?? '', /Cette invitation a été refusée/);

    const unknown = await page.goto(`/invitations/${'A'.repeat(43)}`);
    assert.equal(unknown?.status(), 404);
    assert.match((await unusable.textContent()) ?? '', /Cette invitation n’existe pas/);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

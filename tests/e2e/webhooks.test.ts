import { screenshotAtLaptopSizes } from '../support/screenshots.ts';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { addScene } from '../../shared/project-doc.ts';
import {
  browserStage,
  closedAfterEachTest,
  collectPageErrors,
  eventually,
  signedInContext,
} from '../support/browser.ts';
import { connectClient } from '../support/collab-client.ts';
import { api, createProject, signUp } from '../support/web-server.ts';

/**
 * Webhooks and usage in the browser (issue 16): the owner adds a webhook in
 * the project's Webhooks dialog, sees its secret once, commits, and finds the
 * delivery in its log; the projects page shows usage against the quota.
 */
describe('webhooks in the browser', () => {
  const stage = browserStage({
    env: { WEBHOOK_ALLOW_PRIVATE_ADDRESSES: '1', QUOTA_RENDER_MINUTES_PER_MONTH: '120' },
  });
  const opened = closedAfterEachTest();

  test('add a webhook in the panel, then see its delivery in the log', async () => {
    const received: string[] = [];
    const receiver = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received.push(String(req.headers['montage-delivery']));
        res.writeHead(200).end('received <ok>');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    try {
      const base = stage.server.url;
      const owner = await signUp(base, 'Webhook Owner');
      const projectId = await createProject(base, owner.token, 'Hooked in the browser');
      const client = await connectClient(base, owner.token, projectId);
      opened.clients.add(client);
      await client.settled();
      addScene(client.doc, { title: 'Opening', durationSec: 2 });
      await client.settled();

      const context = await signedInContext(stage.browser, base, owner.token);
      opened.contexts.add(context);
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await page.goto(`/projects/${projectId}`);
      await page.getByTestId('live-project').waitFor();
      await page.getByTestId('webhooks-button').click();
      const dialog = page.getByTestId('webhooks-dialog');
      await dialog.getByTestId('webhooks-empty').waitFor();
      await dialog.getByTestId('webhook-url').fill(hookUrl);
      await dialog.getByTestId('webhook-event-render.succeeded').uncheck();
      await dialog.getByTestId('webhook-event-revision.created').check();
      await dialog.getByTestId('webhook-add').click();
      const secret = await dialog.getByTestId('webhook-secret').inputValue();
      assert.match(secret, /^whsec_/);
      const row = dialog.getByTestId('webhook-row');
      await row.waitFor();
      assert.equal(await row.getByTestId('webhook-row-url').textContent(), hookUrl);
      assert.equal(await row.getByTestId('webhook-state').textContent(), 'Enabled');

      const committed = await api(base, 'POST', `/api/v1/projects/${projectId}/revisions`, {
        token: owner.token,
        body: { message: 'first cut' },
      });
      assert.equal(committed.status, 201);
      await eventually(
        async () => received.length,
        (n) => n === 1,
        'the delivery at the receiver',
      );

      await row.getByTestId('webhook-log-toggle').click();
      const log = row.getByTestId('webhook-log');
      await eventually(
        async () => {
          await log.getByRole('button', { name: 'Refresh' }).click();
          return log.getByTestId('webhook-delivery-status').allTextContents();
        },
        (statuses) => statuses.length === 1 && statuses[0] === 'Delivered',
        'the delivered row in the log',
      );
      const delivery = log.getByTestId('webhook-delivery');
      assert.match((await delivery.textContent()) ?? '', /Revision committed/);
      assert.match((await delivery.textContent()) ?? '', /received <ok>/, 'the answer as text');
      await screenshotAtLaptopSizes(page, 'webhooks-log-en');

      // Redeliver sends the same delivery again.
      await delivery.getByTestId('webhook-redeliver').click();
      await eventually(
        async () => received.length,
        (n) => n === 2,
        'the redelivery',
      );
      assert.equal(received[1], received[0]);
      assert.deepEqual(errors, []);

      // The projects page shows usage against the quota.
      await page.goto('/projects');
      const usage = page.getByTestId('usage-panel');
      await usage.waitFor();
      await screenshotAtLaptopSizes(page, 'usage-panel-en');
      assert.equal(await usage.getByTestId('usage-minutes').textContent(), '0 of 120 min');
      assert.match(
        (await usage.getByTestId('usage-storage').textContent()) ?? '',
        /Hooked in the browser/,
      );
    } finally {
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { en } from '../../app/i18n/en.ts';
import { fr } from '../../app/i18n/fr.ts';
import { addCastMember, addScene, setSceneCast } from '../../shared/project-doc.ts';
import {
  anonymousContext,
  browserStage,
  closedAfterEachTest,
  collectPageErrors,
  eventually,
  signedInContext,
} from '../support/browser.ts';
import { connectClient } from '../support/collab-client.ts';
import { api, createProject, signUp } from '../support/web-server.ts';

/**
 * What English would look like on a French page: every catalogue value whose
 * French differs, and that no French value spells the same way. Values with
 * placeholders become patterns ("{count} people here" matches "3 people here").
 */
function englishLeaks() {
  const spaceless = (text: string) => text.replace(/\s/g, '');
  const frenchValues = new Set(Object.values(fr));
  const exact = new Set<string>();
  const patterns: { key: string; pattern: RegExp }[] = [];
  for (const [key, english] of Object.entries(en) as [keyof typeof en, string][]) {
    // The same words in both languages, French spacing aside ("volume {volume}%" / "volume {volume} %"): no leak.
    if (spaceless(english) === spaceless(fr[key]) || frenchValues.has(english)) continue;
    if (!english.includes('{')) {
      exact.add(english.trim());
      continue;
    }
    const parts = english.split(/\{[a-zA-Z]+\}/);
    // A template that is mostly placeholders ("{n}", "{a} — {b}") would match French text too.
    if (parts.join('').replace(/[^\p{L}]/gu, '').length < 4) continue;
    const body = parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+?');
    patterns.push({ key, pattern: new RegExp(`^${body}$`, 's') });
  }
  return { exact, patterns, keys: new Set(Object.keys(en)) };
}

const LEAKS = englishLeaks();

/** A text the page shows (or announces: labels, titles, placeholders) and where. */
interface Shown {
  text: string;
  where: string;
}

/**
 * Every visible text node and every aria-label, title, placeholder, alt and
 * aria-valuetext on the page, but for text marked with another `lang` (the
 * header's switch and the project language name each language in itself).
 */
function collectShown(page: Page): Promise<Shown[]> {
  return page.evaluate(() => {
    const shown: { text: string; where: string }[] = [];
    const describe = (element: Element) => {
      const id = element.getAttribute('data-testid');
      return `${element.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : ''}${
        element.className && typeof element.className === 'string'
          ? `.${element.className.split(' ')[0]}`
          : ''
      }`;
    };
    // Text marked as another language (a language named in itself: "English") is no leak.
    const pageLang = document.documentElement.lang;
    const skipped = (element: Element) =>
      !!element.closest('script, style') ||
      (element.closest('[lang]')?.getAttribute('lang') ?? pageLang) !== pageLang;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim();
      if (!parent || !text || skipped(parent)) continue;
      if (parent.getClientRects().length === 0) continue;
      shown.push({ text, where: describe(parent) });
    }
    for (const element of document.querySelectorAll(
      '[aria-label], [title], [placeholder], [alt], [aria-valuetext]',
    )) {
      if (skipped(element)) continue;
      for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'aria-valuetext']) {
        const value = element.getAttribute(name)?.trim();
        if (value) shown.push({ text: value, where: `${describe(element)}@${name}` });
      }
    }
    shown.push({ text: document.title, where: 'document.title' });
    return shown;
  });
}

/** The English strings and raw catalogue keys a screen shows. */
async function leaksOn(page: Page, screen: string) {
  const found: string[] = [];
  for (const { text, where } of await collectShown(page)) {
    if (LEAKS.keys.has(text)) found.push(`${screen}: raw key "${text}" (${where})`);
    else if (LEAKS.exact.has(text)) found.push(`${screen}: English "${text}" (${where})`);
    else {
      const match = LEAKS.patterns.find(({ pattern }) => pattern.test(text));
      if (match) found.push(`${screen}: English "${text}" like ${match.key} (${where})`);
    }
  }
  return found;
}

/**
 * The screens a French-speaking person goes through, in French (browser
 * language fr): sign in, sign up, the projects list and its dialog, the
 * editor with each tab, each dialog and its folded panels, the invitation
 * page and the 404. Fails on any English catalogue string or raw key shown.
 */
describe('French everywhere on the listed screens', () => {
  const stage = browserStage({ env: { COLLAB_CONNECTIONS_PER_MINUTE: '1000' } });
  const { contexts, clients } = closedAfterEachTest();

  test('the walk finds no English and no raw key', async () => {
    // The check itself: an English value is caught, a French one is not.
    assert.ok(LEAKS.exact.has(en['board.noImage']));
    assert.ok(LEAKS.patterns.some(({ pattern }) => pattern.test('3 people here')));
    assert.ok(!LEAKS.patterns.some(({ pattern }) => pattern.test('3 personnes ici')));

    const leaks: string[] = [];
    const anonymous = await anonymousContext(stage.browser, stage.server.url, { locale: 'fr-FR' });
    contexts.add(anonymous);
    const visitor = await anonymous.newPage();
    const visitorErrors = collectPageErrors(visitor);
    for (const [path, testId] of [
      ['/login', 'login-email'],
      ['/signup', 'signup-email'],
    ] as const) {
      await visitor.goto(path);
      await visitor.getByTestId(testId).waitFor();
      leaks.push(...(await leaksOn(visitor, path)));
    }
    // A refused sign-up: the field errors too.
    await visitor.getByTestId('signup-submit').click();
    await visitor.locator('[aria-invalid="true"]').first().waitFor();
    leaks.push(...(await leaksOn(visitor, '/signup (refused)')));
    await visitor.goto('/no/such/page');
    leaks.push(...(await leaksOn(visitor, '404 (signed out)')));

    const owner = await signUp(stage.server.url, 'Odile Owner');
    const projectId = await createProject(stage.server.url, owner.token, 'Les lumières du port');
    const client = await connectClient(stage.server.url, owner.token, projectId);
    clients.add(client);
    await client.settled();
    client.doc.transact(() => {
      const first = addScene(client.doc, {
        title: 'Le port à l’aube',
        narration: 'Les bateaux rentrent un à un.',
        mood: 'calm',
      });
      addScene(client.doc, { title: 'La tempête', narration: 'Le vent se lève.' });
      setSceneCast(client.doc, first, [addCastMember(client.doc, { name: 'Marin' })]);
    });
    await client.settled();

    const context = await signedInContext(stage.browser, stage.server.url, owner.token, {
      locale: 'fr-FR',
    });
    contexts.add(context);
    const page = await context.newPage();
    const errors = collectPageErrors(page);

    await page.goto('/projects');
    await page.getByTestId('create-project').waitFor();
    leaks.push(...(await leaksOn(page, '/projects')));
    await page.getByTestId('create-project').click();
    await page.getByTestId('create-project-dialog').waitFor();
    leaks.push(...(await leaksOn(page, '/projects, new project dialog')));
    await page.keyboard.press('Escape');

    await page.goto('/no/such/page');
    leaks.push(...(await leaksOn(page, '404 (signed in)')));

    await page.goto(`/projects/${projectId}`);
    await page.getByTestId('live-project').waitFor();
    await eventually(
      () => page.getByTestId('scene-item').count(),
      (n) => n === 2,
      'the scenes on the board',
    );
    for (const tab of ['script', 'cast', 'history']) {
      await page.getByTestId(`tab-${tab}`).click();
      await page.locator(`.tab-content[data-state="active"]`).waitFor();
      if (tab === 'history') await page.getByTestId('history-panel').waitFor();
      leaks.push(...(await leaksOn(page, `editor, ${tab} tab`)));
    }
    const dialogs = [
      ['import-button', 'import-dialog'],
      ['commit-render', 'commit-dialog'],
      ['settings-open', 'settings-dialog'],
      ['members-button', 'members-dialog'],
      ['shortcuts-open', 'shortcuts-dialog'],
    ] as const;
    for (const [button, dialog] of dialogs) {
      await page.getByTestId(button).click();
      await page.getByTestId(dialog).waitFor();
      if (dialog === 'import-dialog') {
        await page.getByTestId('import-text').fill('Le port.\n\nLa tempête.\n\nLe retour.');
        await eventually(
          () => page.getByTestId('import-apply').isEnabled(),
          (enabled) => enabled,
          'the import preview',
        );
      }
      leaks.push(...(await leaksOn(page, `editor, ${dialog}`)));
      await page.keyboard.press('Escape');
      await page.getByTestId(dialog).waitFor({ state: 'detached' });
    }
    await page.getByTestId('tab-cast').click();
    await page.getByTestId('cast-delete').first().click();
    await page.getByTestId('confirm-dialog').waitFor();
    leaks.push(...(await leaksOn(page, 'editor, cast delete confirmation')));
    await page.keyboard.press('Escape');

    // Folded panels, compact cards, and the tooltips' texts of their buttons.
    await page.getByTestId('fold-side').click();
    await page.getByTestId('fold-preview').click();
    await page.getByTestId('fold-timeline').click();
    await page.getByTestId('density-compact').click();
    await page.getByTestId('side-rail').waitFor();
    leaks.push(...(await leaksOn(page, 'editor, folded and compact')));

    // The invitation page, seen by the person invited.
    const invited = await api(
      stage.server.url,
      'POST',
      `/api/v1/projects/${projectId}/invitations`,
      {
        token: owner.token,
        body: { email: 'guest@example.test', role: 'editor' },
      },
    );
    assert.equal(invited.status, 201);
    const guest = await signUp(stage.server.url, 'Gaston Guest');
    const guestContext = await signedInContext(stage.browser, stage.server.url, guest.token, {
      locale: 'fr-FR',
    });
    contexts.add(guestContext);
    const guestPage = await guestContext.newPage();
    await guestPage.goto(new URL(String(invited.body.link), stage.server.url).pathname);
    await guestPage.getByTestId('invitation-page').waitFor();
    leaks.push(...(await leaksOn(guestPage, 'invitation page')));

    assert.deepEqual(leaks, [], `English or raw keys on French screens:\n${leaks.join('\n')}`);
    assert.deepEqual([...visitorErrors, ...errors], []);
  });
});

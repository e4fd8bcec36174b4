import { test } from 'node:test';
import assert from 'node:assert/strict';
import { notificationEmail } from './email-text.ts';

test('a mention e-mail in French, with the user text escaped in the HTML part', () => {
  const mail = notificationEmail(
    {
      kind: 'mention',
      actorName: 'Ann <b>',
      projectTitle: 'Harbour & lights',
      excerpt: '<img src=x onerror=alert(1)>',
      link: 'https://montage.example/projects/p?scene=s',
    },
    'fr',
  );
  assert.equal(mail.subject, 'Ann <b> vous a mentionné dans « Harbour & lights »');
  assert.match(mail.text, /<img src=x onerror=alert\(1\)>/);
  assert.doesNotMatch(mail.html, /<img|<b>/);
  assert.match(mail.html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.match(mail.html, /href="https:\/\/montage\.example\/projects\/p\?scene=s"/);
});

test('an unknown language falls back to English', () => {
  const mail = notificationEmail(
    { kind: 'render-done', actorName: null, projectTitle: 'P', excerpt: null, link: null },
    'de',
  );
  assert.equal(mail.subject, 'Your render of “P” is ready');
  assert.equal(mail.lang, 'en');
});

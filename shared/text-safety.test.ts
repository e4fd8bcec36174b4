import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import {
  findUnsafeCharacter,
  multiLineText,
  nulPaths,
  singleLineText,
  unsafeCharacterMessage,
  withoutUnsafeCharacters,
} from './text-safety.ts';

const messageOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? null : result.error.issues[0]!.message;
};

test('single-line text refuses NUL, C0/C1 controls, line breaks, tabs and bidi overrides', () => {
  const schema = singleLineText();
  assert.equal(
    messageOf(schema, 'ab\u0000c'),
    'contains a control character (U+0000) at position 3',
  );
  assert.match(messageOf(schema, '\u0007')!, /control character \(U\+0007\)/);
  assert.match(messageOf(schema, 'a\u0085')!, /control character \(U\+0085\)/);
  assert.match(messageOf(schema, 'a\u007f')!, /control character \(U\+007F\)/);
  for (const char of ['\n', '\r', '\t', '\u2028', '\u2029']) {
    assert.match(messageOf(schema, `a${char}b`)!, /line break or tab .* at position 2/);
  }
  for (const char of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2069']) {
    assert.match(messageOf(schema, `x${char}`)!, /bidirectional override character/);
  }
  for (const ok of ['Élodie', 'Ünïcødé ✓ 日本語 😀', 'مرحبا', 'a\u200Db', '']) {
    assert.equal(messageOf(schema, ok), null, ok);
  }
});

test('multi-line text allows \\n, \\r and \\t but nothing else that is a control', () => {
  const schema = multiLineText();
  assert.equal(messageOf(schema, 'line one\r\nline two\tend'), null);
  assert.match(messageOf(schema, 'a\u0000')!, /U\+0000/);
  assert.match(messageOf(schema, 'a\u000C')!, /U\+000C/);
  assert.match(messageOf(schema, 'a\u202Eb')!, /bidirectional override/);
});

test('the helpers keep the refined schema: trim, bounds and their messages still apply', () => {
  const schema = singleLineText(z.string().trim().min(1, 'Enter a title').max(5));
  assert.equal(schema.parse('  abc  '), 'abc');
  assert.equal(messageOf(schema, '   '), 'Enter a title');
  assert.ok(messageOf(schema, 'abcdefg'));
  assert.ok(messageOf(schema, 'a\u0000'));
  const inObject = z.object({ title: schema });
  const result = inObject.safeParse({ title: 'x\u202E' });
  assert.equal(result.success, false);
  assert.deepEqual(result.error!.issues[0]!.path, ['title']);
});

test('findUnsafeCharacter names the first offending character (1-based position)', () => {
  const found = findUnsafeCharacter('ok\u202Eno\u0000', 'multi-line');
  assert.deepEqual(found, { kind: 'bidi', codePoint: 'U+202E', position: 3 });
  assert.equal(
    unsafeCharacterMessage(found!),
    'contains a bidirectional override character (U+202E) at position 3',
  );
  assert.equal(findUnsafeCharacter('fine', 'single-line'), null);
});

test('nulPaths finds NUL in any string or key, however deep', () => {
  assert.deepEqual(nulPaths({ a: 'x', b: [{ c: 'y\u0000' }], d: 3, e: null }), [['b', 0, 'c']]);
  assert.deepEqual(nulPaths({ 'k\u0000': 'v' }), [['k\u0000']]);
  assert.deepEqual(nulPaths('\u0000'), [[]]);
  assert.deepEqual(nulPaths({ a: 'clean', b: ['x', 1, true] }), []);
});

test('withoutUnsafeCharacters drops what the kind refuses and keeps the rest', () => {
  assert.equal(withoutUnsafeCharacters('Ti\u0000tle\u202E 😀\n', 'single-line'), 'Title 😀');
  assert.equal(withoutUnsafeCharacters('a\nb\u0000', 'multi-line'), 'a\nb');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loginSchema, signupFields } from './accounts.ts';
import { checkFields, FIELD_ERROR_KEYS, fieldErrorsOf, readFieldErrors } from './field-errors.ts';
import { inviteSchema } from './invitations.ts';
import { MAX_MESSAGE, MAX_TITLE } from './limits.ts';
import { createProjectSchema, renameProjectSchema } from './projects.ts';
import { commitSchema } from './revisions.ts';

const errorsOf = (schema: Parameters<typeof checkFields>[0], input: unknown) =>
  checkFields(schema, input) ?? { fields: {}, fieldErrors: {} };

test('each refused field carries a key with its parameters beside the English sentence', () => {
  const tooLong = errorsOf(renameProjectSchema, { title: 'x'.repeat(MAX_TITLE + 1) });
  assert.deepEqual(tooLong.fieldErrors.title, {
    key: 'errors.title.tooLong',
    params: { max: MAX_TITLE },
  });
  assert.equal(tooLong.fields.title, `Title is too long (${MAX_TITLE} characters at most)`);

  const empty = errorsOf(createProjectSchema, { title: '  ', language: 'de' });
  assert.equal(empty.fieldErrors.title?.key, 'errors.title.required');
  assert.equal(empty.fieldErrors.language?.key, 'errors.language.invalid');

  const message = errorsOf(commitSchema, { message: 'm'.repeat(MAX_MESSAGE + 1) });
  assert.deepEqual(message.fieldErrors.message, {
    key: 'errors.message.tooLong',
    params: { max: MAX_MESSAGE },
  });
});

test('account and invitation forms name their fields’ problems', () => {
  const login = errorsOf(loginSchema, { email: '', password: '' });
  assert.equal(login.fieldErrors.email?.key, 'errors.email.required');
  assert.equal(login.fieldErrors.password?.key, 'errors.password.required');
  const signup = errorsOf(signupFields, { email: 'nope', name: '', password: 'x' });
  assert.equal(signup.fieldErrors.email?.key, 'errors.email.invalid');
  assert.equal(signup.fieldErrors.name?.key, 'errors.name.required');
  const invite = errorsOf(inviteSchema, { email: 'a@b.co', role: 'admin' });
  assert.equal(invite.fieldErrors.role?.key, 'errors.role.invalid');
});

test('unsafe characters are keyed by kind, with the code point and position', () => {
  const bidi = errorsOf(renameProjectSchema, { title: 'ab\u202Ecd' });
  assert.deepEqual(bidi.fieldErrors.title, {
    key: 'errors.unsafe.bidi',
    params: { codePoint: 'U+202E', position: 3 },
  });
  assert.match(bidi.fields.title ?? '', /^contains a bidirectional override character/);
});

test('a field without its own wording falls back to a generic key', () => {
  const { fieldErrors } = fieldErrorsOf([
    { code: 'too_big', path: ['notes'], message: 'Too big', maximum: 9 },
    { code: 'invalid_type', path: [], message: 'Expected object' },
  ]);
  assert.deepEqual(fieldErrors.notes, { key: 'errors.field.tooLong', params: { max: 9 } });
  assert.equal(fieldErrors._?.key, 'errors.field.invalid');
});

test('every key a schema produced is one the catalogues must hold', () => {
  const keys = new Set<string>(FIELD_ERROR_KEYS);
  const produced = [
    errorsOf(loginSchema, { email: 'x'.repeat(300), password: 'x'.repeat(300) }),
    errorsOf(signupFields, { email: '', name: 'n'.repeat(101), password: 1 }),
    errorsOf(createProjectSchema, { title: '\u0001' }),
  ].flatMap(({ fieldErrors }) => Object.values(fieldErrors).map((error) => error.key));
  for (const key of produced) assert.ok(keys.has(key), key);
});

test('values the server would accept pass the same check in the form', () => {
  assert.equal(checkFields(createProjectSchema, { title: 'Moon' }), null);
  assert.equal(checkFields(commitSchema, {}), null);
});

test('received field errors keep only well-formed entries', () => {
  assert.deepEqual(
    readFieldErrors({
      fieldErrors: { title: { key: 'errors.title.required' }, bad: { params: {} }, odd: null },
    }),
    { title: { key: 'errors.title.required', params: {} } },
  );
  assert.deepEqual(readFieldErrors(undefined), {});
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD_MESSAGES, hashPassword, passwordWeakness, verifyPassword } from './passwords.ts';

test('length comes first: under 10 or over 200 characters is refused whatever the content', () => {
  assert.equal(passwordWeakness('Xk9#mQ2$v'), PASSWORD_MESSAGES.tooShort);
  assert.equal(passwordWeakness('x'.repeat(201)), PASSWORD_MESSAGES.tooLong);
  assert.equal(passwordWeakness('abababababab'), PASSWORD_MESSAGES.repetitive);
});

/** Asserts each password is refused (with a reason) or accepted. */
function assertJudged(passwords: string[], refused: boolean) {
  for (const password of passwords) {
    const weakness = passwordWeakness(password);
    if (refused) assert.notEqual(weakness, null, `${password} is refused`);
    else assert.equal(weakness, null, `${password} is accepted`);
  }
}

test('common passwords and their trivial variants are refused', () => {
  const short = ['Password1!', 'password12', 'Azerty1234', 'Motdepasse1', 'P@ssw0rd2024'];
  assertJudged([...short, 'qwertyuiop1', 'iloveyou12345'], true);
});

test('a long password that is one common word with decorations is refused', () => {
  assertJudged(
    [
      'Password123456789!',
      'passwordpassword',
      'P@ssw0rd12345678',
      'Dragon2024!Dragon',
      'sunshine1234567890',
      'Motdepasse123456!',
      'qwertyuiopasdfghjkl',
      'abcdefghijklmnopq',
      '1234567890123456',
    ],
    true,
  );
});

test('passphrases and random passwords are accepted', () => {
  assertJudged(
    [
      'correct horse battery staple',
      'correcthorsebatterystaple',
      'a sturdy passphrase',
      'compilers all the way',
      'je suis content de ce film',
      'h7Fq2LpZ9wKe',
      'Xk9#mQ2$vL7p',
      `${'a'.repeat(40)}Zx9!Qw2@`,
      'Xk9#mQ2$Xk9#mQ2$',
    ],
    false,
  );
});

test('the user’s own name and email count as common words', () => {
  const context = ['Grace Hopper', 'grace.hopper@example.test'];
  assert.equal(passwordWeakness('gracehopper1906!', context), PASSWORD_MESSAGES.common);
  assert.equal(passwordWeakness('Montage2026Montage'), PASSWORD_MESSAGES.common);
  assert.equal(passwordWeakness('grace sails the seven seas', context), null);
});

test('refusals read clearly: the short rule asks for a sentence, the long one for more words', () => {
  assert.equal(passwordWeakness('Password1!'), PASSWORD_MESSAGES.guessable);
  assert.equal(passwordWeakness('Password123456789!'), PASSWORD_MESSAGES.common);
});

test('a hash verifies its password and no other', async () => {
  const hash = await hashPassword('a sturdy passphrase');
  assert.match(hash, /^scrypt\$16384\$8\$1\$/);
  assert.equal(await verifyPassword('a sturdy passphrase', hash), true);
  assert.equal(await verifyPassword('a sturdy passphrasE', hash), false);
  assert.equal(await verifyPassword('anything', 'not-a-hash'), false);
});

test('every password refusal has a field-error key the UI words', async () => {
  const { FIELD_ERROR_KEYS } = await import('../../shared/api/field-errors.ts');
  for (const reason of Object.keys(PASSWORD_MESSAGES)) {
    assert.ok(
      (FIELD_ERROR_KEYS as readonly string[]).includes(`errors.password.${reason}`),
      reason,
    );
  }
});

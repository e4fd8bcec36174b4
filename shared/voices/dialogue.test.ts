import assert from 'node:assert/strict';
import { test } from 'node:test';
import { speakerKey, splitNarration, spokenText } from './dialogue.ts';

const cast = [
  { id: 'c1', name: 'Nadia' },
  { id: 'c2', name: 'Élodie Marchand' },
  { id: 'c3', name: 'Old Tom' },
];

test('English dialogue lines are spoken by their character, without the name', () => {
  const parts = splitNarration(
    'The café is empty.\nNadia: Encore toi ?\nOLD TOM: Again me.\nold tom: And again.',
    cast,
  );
  assert.deepEqual(parts, [
    { speakerId: null, speaker: null, text: 'The café is empty.' },
    { speakerId: 'c1', speaker: 'Nadia', text: 'Encore toi ?' },
    { speakerId: 'c3', speaker: 'Old Tom', text: 'Again me.\nAnd again.' },
  ]);
});

test('French spacing, accents and case do not matter for the speaker', () => {
  const parts = splitNarration(
    'ELODIE MARCHAND : Bonjour.\nnadia\u00a0: Salut !\n\u00c9lodie  marchand\u202f:Tu viens ?',
    cast,
  );
  assert.deepEqual(
    parts.map((p) => [p.speakerId, p.text]),
    [
      ['c2', 'Bonjour.'],
      ['c1', 'Salut !'],
      ['c2', 'Tu viens ?'],
    ],
  );
  assert.equal(speakerKey(' Élodie\u00a0 MARCHAND '), 'elodie marchand');
});

test('a colon without a cast speaker stays narration, word for word', () => {
  const text =
    'Note: the lights dim.\nVisual: a boat at sea.\nVisuel : une barque.\nMarc: I am not in the cast.\nIt was 10:30 when Nadia came: late.';
  const parts = splitNarration(text, cast);
  assert.equal(parts.length, 1);
  assert.equal(parts[0]!.speakerId, null);
  assert.equal(parts[0]!.text, text);
});

test('narrator and speakers alternate in order; empty lines and empty speeches drop out', () => {
  const parts = splitNarration('Rain.\n\nNadia:\nNadia: Yes.\n\nShe leaves.', cast);
  assert.deepEqual(
    parts.map((p) => p.speaker),
    [null, 'Nadia', null],
  );
  assert.equal(spokenText(parts), 'Rain.\nYes.\nShe leaves.');
  assert.deepEqual(splitNarration('', cast), []);
  assert.deepEqual(splitNarration('Nadia: hi', []), [
    { speakerId: null, speaker: null, text: 'Nadia: hi' },
  ]);
});

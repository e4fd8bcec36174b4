import assert from 'node:assert/strict';
import { test } from 'node:test';
import { castVoices, defaultCastVoice, voiceTraits } from './cast-voice.ts';
import { voiceSchema } from '../timeline.ts';

const narrator = { engine: 'espeak-ng' as const, voice: 'fr', rate: 1, pitch: 1 };

test('descriptions move the default voice: old lower, young higher, gender from words', () => {
  assert.deepEqual(voiceTraits({ name: 'Tom', description: 'an old man, a fisherman' }), {
    gender: 'male',
    pitch: 0.7,
  });
  assert.deepEqual(voiceTraits({ name: 'Lou', description: 'une petite fille curieuse' }), {
    gender: 'female',
    pitch: 1.35,
  });
  assert.equal(voiceTraits({ name: 'Gran', description: '' }).gender, 'female');
  const old = defaultCastVoice({ name: 'Tom', description: 'old man' }, narrator, 'fr');
  const girl = defaultCastVoice({ name: 'Lou', description: 'a little girl' }, narrator, 'fr');
  assert.match(old.voice, /^fr\+m\d$/);
  assert.match(girl.voice, /^fr\+f\d$/);
  assert.ok(old.pitch < 0.85 && girl.pitch > 1.2, `${old.pitch} ${girl.pitch}`);
  assert.equal(voiceSchema.safeParse(old).success, true);
});

test('defaults are deterministic and differ from the narrator and each other', () => {
  const cast = Array.from({ length: 6 }, (_, i) => ({
    id: `c${i}`,
    name: `Person ${i}`,
    description: i % 2 ? 'a woman' : 'a man',
  }));
  const a = castVoices(cast, narrator, 'fr');
  const b = castVoices(cast, narrator, 'fr');
  assert.deepEqual([...a], [...b]);
  const ids = [...a.values()].map((v) => v.voice);
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(!ids.includes('fr'));
  for (const voice of a.values()) assert.equal(voiceSchema.safeParse(voice).success, true);
});

test('a set voice is kept and no default takes it', () => {
  const set = { engine: 'espeak-ng' as const, voice: 'fr+f1', rate: 1.2, pitch: 1.5 };
  const voices = castVoices(
    [
      { id: 'a', name: 'Nadia', description: 'a woman', voice: set },
      { id: 'b', name: 'Inès', description: 'a woman' },
    ],
    { ...narrator, voice: 'en-gb' },
    'en',
  );
  assert.deepEqual(voices.get('a'), set);
  assert.notEqual(voices.get('b')!.voice, 'fr+f1');
  assert.match(voices.get('b')!.voice, /^en-gb\+f\d$/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeScript } from '../index.ts';
import { castName, castNamed, ownFixture } from '../test-support.ts';
import {
  cueName,
  isCharacterCue,
  parseScreenplay,
  parseSlugline,
  transitionOf,
} from './screenplay.ts';

test('sluglines: interior/exterior, place, time and continuity, in English and French', () => {
  assert.deepEqual(parseSlugline('EXT. RIVERSIDE NIGHT MARKET - NIGHT'), {
    setting: 'exterior',
    location: 'RIVERSIDE NIGHT MARKET',
    timeOfDay: 'night',
    modifier: null,
  });
  assert.deepEqual(parseSlugline("INT. JUNE'S VAN - CONTINUOUS"), {
    setting: 'interior',
    location: "JUNE'S VAN",
    timeOfDay: null,
    modifier: 'continuous',
  });
  assert.equal(parseSlugline('INT./EXT. CAR - MOVING - DAY').location, 'CAR - MOVING');
  assert.equal(parseSlugline('INT./EXT. CAR - DAY').setting, 'interior');
  assert.equal(parseSlugline('EXT. RUE DU MARCHÉ - AUBE').timeOfDay, 'dawn');
  assert.equal(parseSlugline('INT. CUISINE - NUIT').timeOfDay, 'night');
  assert.equal(parseSlugline('.FLASHBACK').location, 'FLASHBACK');
  assert.equal(parseSlugline('EXT. HILL - DUSK #12#').location, 'HILL');
});

test('cues and transitions follow Fountain', () => {
  assert.equal(isCharacterCue('JUNE', true, 'Hello.'), true);
  assert.equal(isCharacterCue('JUNE', false, 'Hello.'), false, 'a cue follows a blank line');
  assert.equal(isCharacterCue('JUNE', true, ''), false, 'a cue has dialogue under it');
  assert.equal(isCharacterCue("MRS. O'NEIL (V.O.)", true, 'Hello.'), true);
  assert.equal(isCharacterCue('@McCLANE', true, 'Yippee.'), true);
  assert.equal(isCharacterCue('CUT TO:', true, 'x'), false);
  assert.equal(cueName("JUNE (CONT'D) ^"), 'JUNE');
  assert.equal(transitionOf('CUT TO:'), 'cut');
  assert.equal(transitionOf('DISSOLVE TO:'), 'crossfade');
  assert.equal(transitionOf('FADE OUT.'), 'fade-black');
  assert.equal(transitionOf('FONDU AU NOIR.'), 'fade-black');
  assert.equal(transitionOf('FADE IN:'), null);
});

test('title page, boneyard, notes, dual dialogue and forced elements', () => {
  const script = [
    'Title: **The Test**',
    'Author: Someone',
    '',
    'FADE IN:',
    '',
    'INT. KITCHEN - DAY',
    '',
    'Steam rises. [[a note]] /* cut this',
    'whole line */ The kettle sings.',
    '',
    'MARA',
    'Tea?',
    '',
    'TOMAS ^',
    'Please.',
    '',
    '> SMASH CUT TO:',
    '',
    '.BACK ALLEY',
    '',
    '!THE END IS NEAR.',
  ].join('\n');
  const parsed = parseScreenplay(script);
  assert.equal(parsed.title, 'The Test');
  assert.equal(parsed.scenes.length, 2);
  assert.equal(parsed.scenes[0]!.paragraphs.join(' '), 'Steam rises. The kettle sings.');
  assert.deepEqual(
    parsed.scenes[0]!.dialogue.map((d) => d.speaker),
    ['MARA', 'TOMAS'],
  );
  assert.equal(parsed.scenes[0]!.transition, 'cut');
  assert.equal(parsed.scenes[1]!.location?.name, 'Back alley');
  assert.equal(parsed.scenes[1]!.paragraphs[0], 'the end is near.');
  assert.equal(parsed.scenes[0]!.startLine, 6, 'line numbers survive the boneyard');
});

test('a French screenplay: places, cast with descriptions, extensions and transitions', async () => {
  const a = await analyzeScript(ownFixture('la-boulangerie.fr.fountain'));
  assert.equal(a.language, 'fr');
  assert.equal(a.format, 'screenplay');
  assert.equal(a.title, 'La Boulangerie');
  assert.deepEqual(
    a.scenes.map((s) => [s.location?.name, s.location?.english, s.location?.setting, s.timeOfDay]),
    [
      ['Boulangerie', 'bakery', 'interior', 'night'],
      ['Rue du marché', 'market street', 'exterior', 'dawn'],
    ],
  );
  const claire = castNamed(a, 'Claire')!;
  assert.equal(claire.role, 'protagonist');
  assert.equal(claire.description, '40 ans, tablier blanc, cheveux relevés');
  assert.match(claire.visual, /40 years old, white apron/);
  assert.deepEqual(
    a.scenes.flatMap((s) => s.dialogue.map((d) => castName(a, d.speakerId))),
    ['Claire', 'Samir', 'Claire', 'Samir'],
  );
  assert.equal(a.scenes[0]!.dialogue[0]!.parenthetical, 'à voix basse');
  assert.equal(a.scenes[0]!.transition, 'cut', 'COUPE À :');
  assert.equal(a.scenes[1]!.transition, 'fade-black', 'FONDU AU NOIR.');
  assert.doesNotMatch(a.scenes[0]!.prompt, /\b(?:le|la|une|des)\b/);
});

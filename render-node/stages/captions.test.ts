import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  breakLines,
  narrationCues,
  speakerColour,
  splitIntoCues,
  toAss,
  toSrt,
  toWebVtt,
} from './captions.ts';

test('narration is split into sentence cues of at most two 42-character lines', () => {
  const text =
    'The keeper climbs the stairs. Tonight, a storm is rolling in from the west, and the boats are still out at sea, far beyond the harbour wall!';
  const cues = splitIntoCues(text);
  assert.equal(cues[0], 'The keeper climbs the stairs.');
  assert.ok(cues.length >= 3);
  for (const cue of cues) {
    assert.ok(cue.length <= 84, cue);
    for (const line of breakLines(cue).split('\n')) assert.ok(line.length <= 42, line);
  }
  assert.equal(cues.join(' '), text);
});

test('cues share the spoken time by length and are clipped at the end of the window', () => {
  const cues = narrationCues('Short. A much longer second sentence here.', 1, 4);
  assert.equal(cues.length, 2);
  assert.equal(cues[0]!.startSec, 1);
  assert.equal(cues[1]!.endSec, 5);
  assert.ok(cues[1]!.endSec - cues[1]!.startSec > cues[0]!.endSec - cues[0]!.startSec);
  assert.equal(cues[0]!.endSec, cues[1]!.startSec);
  const clipped = narrationCues('Short. A much longer second sentence here.', 1, 4, 3);
  assert.equal(clipped.length, 2);
  assert.equal(clipped.at(-1)!.endSec, 3);
  // A cue that would show for less than a blink is dropped.
  assert.equal(narrationCues('Short. A much longer second sentence here.', 1, 4, 2).length, 1);
});

test('WebVTT and SRT formats', () => {
  const cues = [
    { startSec: 0.25, endSec: 1.5, text: 'Hello' },
    { startSec: 61.005, endSec: 3723.4, text: 'two\nlines' },
  ];
  assert.equal(
    toWebVtt(cues),
    'WEBVTT\n\n1\n00:00:00.250 --> 00:00:01.500\nHello\n\n2\n00:01:01.005 --> 01:02:03.400\ntwo\nlines\n',
  );
  assert.equal(
    toSrt(cues),
    '1\n00:00:00,250 --> 00:00:01,500\nHello\n\n2\n00:01:01,005 --> 01:02:03,400\ntwo\nlines\n',
  );
});

test('ASS for burn-in is shifted to the piece it is drawn on, without override codes', () => {
  const ass = toAss(
    [
      { startSec: 0.3, endSec: 1.2, text: 'gone {\\b1}' },
      { startSec: 2, endSec: 3, text: 'a\nb' },
    ],
    { width: 320, height: 180, letterbox: false },
    1.5,
  );
  assert.match(ass, /PlayResX: 320/);
  assert.doesNotMatch(ass, /gone/, 'a cue that ended before the piece starts is left out');
  assert.match(ass, /Dialogue: 0,0:00:00\.50,0:00:01\.50,Caption,,0,0,0,,a\\Nb/);
});

test('speakers are markup only, and hostile names or text cannot break out of it', () => {
  const cues = [
    { startSec: 0, endSec: 1, text: 'a < b & c', speaker: 'Zoé' },
    { startSec: 1, endSec: 2, text: 'Hi </v><b>', speaker: 'Evil>Name,{\\b1}&' },
    { startSec: 2, endSec: 3, text: 'Narrator.' },
  ];
  const vtt = toWebVtt(cues);
  assert.match(vtt, /<v Zoé>a &lt; b &amp; c<\/v>/);
  assert.match(vtt, /<v EvilNameb1>Hi &lt;\/v&gt;&lt;b&gt;<\/v>/);
  assert.match(vtt, /\nNarrator\.\n/);
  const srt = toSrt(cues);
  assert.match(srt, /<font color="#[0-9A-F]{6}">\u2014<\/font> Hi \/vb/);
  assert.doesNotMatch(srt, /Zoé|Evil/);
  const ass = toAss(cues, { width: 320, height: 180, letterbox: false }, 0);
  assert.match(ass, /Style: Speaker2,/);
  assert.match(ass, /,Speaker2,EvilNameb1,0,0,0,,\u2014 Hi <\/v><b>/);
  assert.match(ass, /,Caption,,0,0,0,,Narrator\./);
  assert.equal(speakerColour('Zoé'), speakerColour('Zoé'));
});

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createEspeakEngine, espeakArgs } from './espeak.ts';
import { parseWavHeader, readWavInfo } from './wav-duration.ts';

test('espeak-ng speaks English and French to WAV files of measured length', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'montage-voice-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const engine = await createEspeakEngine();
  assert.match(engine.version, /^espeak-ng-\d/);
  const signal = new AbortController().signal;
  const lengths: number[] = [];
  for (const voice of ['en', 'fr']) {
    const path = join(dir, `${voice}.wav`);
    await engine.synthesize(
      { text: '-Bonjour, hello à tous.', voice, rate: 1, pitch: 1 },
      path,
      signal,
    );
    const info = await readWavInfo(path);
    assert.equal(info.channels, 1);
    assert.ok(info.durationSec > 0.5 && info.durationSec < 5, `${voice}: ${info.durationSec}`);
    lengths.push(info.durationSec);
  }
  const fast = join(dir, 'fast.wav');
  await engine.synthesize(
    { text: '-Bonjour, hello à tous.', voice: 'en', rate: 2, pitch: 1 },
    fast,
    signal,
  );
  assert.ok((await readWavInfo(fast)).durationSec < lengths[0]!, 'rate speeds speech up');
});

test("an unknown voice fails with espeak-ng's reason; a bad voice id never reaches it", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'montage-voice-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const engine = await createEspeakEngine();
  await assert.rejects(
    engine.synthesize(
      { text: 'x', voice: 'xx-nope', rate: 1, pitch: 1 },
      join(dir, 'x.wav'),
      new AbortController().signal,
    ),
    /espeak-ng exited with code 1: .*voice does not exist/,
  );
  assert.throws(
    () => espeakArgs({ text: 'x', voice: '--help', rate: 1, pitch: 1 }, 'o.wav'),
    /voice id/,
  );
  for (const voice of ['-w /tmp/x', '../../etc/passwd', 'en\u0000', 'en fr', '']) {
    assert.throws(() => espeakArgs({ text: 'x', voice, rate: 1, pitch: 1 }, 'o.wav'), /voice id/);
  }
  assert.deepEqual(espeakArgs({ text: 'x', voice: 'fr', rate: 1.2, pitch: 0.8 }, 'o.wav'), [
    '-vfr',
    '-s',
    '210',
    '-p',
    '40',
    '-b',
    '1',
    '-w',
    'o.wav',
  ]);
});

test('WAV headers: sizes from the data chunk, or from the file for streamed files', () => {
  const header = new Uint8Array(44);
  const view = new DataView(header.buffer);
  header.set(new TextEncoder().encode('RIFF'), 0);
  header.set(new TextEncoder().encode('WAVEfmt '), 8);
  view.setUint32(16, 16, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, 22050, true);
  view.setUint16(34, 16, true);
  header.set(new TextEncoder().encode('data'), 36);
  view.setUint32(40, 44100, true);
  assert.equal(parseWavHeader(header, 44 + 44100).durationSec, 1);
  view.setUint32(40, 0, true);
  assert.equal(parseWavHeader(header, 44 + 22050).samples, 11025);
  assert.throws(() => parseWavHeader(new Uint8Array(12), 12), /RIFF/);
});

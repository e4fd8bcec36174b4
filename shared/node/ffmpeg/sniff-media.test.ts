import assert from 'node:assert/strict';
import { test } from 'node:test';
import { id3v2Length, sniffAudioFormat, sniffImageFormat } from './sniff-media.ts';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
  );
/** An ID3v2.4 header announcing `size` bytes of tag body (syncsafe). */
const id3 = (size: number, flags = 0) => [
  ...[0x49, 0x44, 0x33, 4, 0, flags],
  ...[(size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f],
];
const MP3_FRAME = [0xff, 0xfb, 0x90, 0x64]; // MPEG-1 layer III, 128 kb/s, 44.1 kHz
const ADTS_FRAME = [0xff, 0xf1, 0x50, 0x80, 0x2a, 0x9f, 0xfc]; // AAC LC, 48 kHz

test('each accepted audio container is recognised from its magic bytes', () => {
  assert.equal(sniffAudioFormat(bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ')), 'wav');
  assert.equal(sniffAudioFormat(bytes('OggS', [0, 2])), 'ogg');
  assert.equal(sniffAudioFormat(bytes('fLaC', [0, 0, 0, 0x22])), 'flac');
  assert.equal(sniffAudioFormat(bytes([0, 0, 0, 0x20], 'ftypM4A ')), 'm4a');
  assert.equal(sniffAudioFormat(bytes([0, 0, 0, 0x18], 'ftypisom')), 'm4a');
  assert.equal(sniffAudioFormat(bytes(MP3_FRAME)), 'mp3');
  assert.equal(sniffAudioFormat(bytes(ADTS_FRAME)), 'aac');
});

test('ID3v2 tags are skipped and what follows them decides', () => {
  const tag = id3(4);
  assert.equal(id3v2Length(bytes(tag, 'abcd')), 14);
  assert.equal(id3v2Length(bytes(id3(4, 0x10))), 24, 'a footer adds ten bytes');
  assert.equal(sniffAudioFormat(bytes(tag, 'abcd', MP3_FRAME)), 'mp3');
  assert.equal(sniffAudioFormat(bytes(tag, 'abcd', ADTS_FRAME)), 'aac');
  assert.equal(sniffAudioFormat(bytes(tag, 'abcd', 'fLaC')), 'flac');
  assert.equal(sniffAudioFormat(bytes(tag, 'abcd', tag, 'efgh', MP3_FRAME)), 'mp3', 'two tags');
  assert.equal(sniffAudioFormat(bytes(tag, 'abcd', 'OggS')), null, 'no Ogg behind a tag');
  assert.equal(sniffAudioFormat(bytes(tag, 'abcd', '#EXTM3U\n')), null);
  assert.equal(sniffAudioFormat(bytes(id3(1000), 'short')), null, 'a tag longer than the bytes');
  assert.equal(id3v2Length(bytes('ID3', [4, 0, 0, 0x80, 0, 0, 0])), 0, 'not syncsafe: no tag');
});

test('playlists, manifests, concat lists and other text are refused', () => {
  const refused = [
    '#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:3,\nfile:///etc/passwd\n',
    '<?xml version="1.0"?><MPD xmlns="urn:mpeg:dash:schema:mpd:2011"><BaseURL>file:///etc/</BaseURL>',
    '<MPD type="static">',
    'ffconcat version 1.0\nfile /etc/passwd\n',
    'v=0\no=- 0 0 IN IP4 127.0.0.1\ns=x\nc=IN IP4 127.0.0.1\nm=audio 5004 RTP/AVP 0\n',
    'concat:/etc/passwd|/etc/hosts',
    'file:///etc/passwd',
    'subfile,,start,0,end,0,,:/etc/passwd',
    'just some text renamed to .mp3',
    '[playlist]\nFile1=http://example.com/stream\n',
    '',
  ];
  for (const text of refused) assert.equal(sniffAudioFormat(bytes(text)), null, text);
});

test('near misses of the signatures are refused', () => {
  assert.equal(sniffAudioFormat(bytes('RIFF', [0, 0, 0, 0], 'AVI ')), null, 'RIFF but not WAVE');
  assert.equal(sniffAudioFormat(bytes('RIFF', [0, 0, 0, 0], 'WEBP')), null);
  assert.equal(sniffAudioFormat(bytes([0xff, 0xfb])), null, 'a frame header cut short');
  assert.equal(sniffAudioFormat(bytes([0xff, 0xe9, 0x90, 0x64])), null, 'reserved MPEG version');
  assert.equal(sniffAudioFormat(bytes([0xff, 0xf9, 0x90, 0x64])), null, 'layer bits 00, no ADTS');
  assert.equal(sniffAudioFormat(bytes([0xff, 0xfb, 0xf0, 0x64])), null, 'bad bitrate index');
  assert.equal(sniffAudioFormat(bytes([0xff, 0xfb, 0x9c, 0x64])), null, 'reserved sample rate');
  assert.equal(sniffAudioFormat(bytes([0xff, 0xf1, 0x7c, 0x80, 0, 0, 0])), null, 'bad ADTS rate');
  assert.equal(sniffAudioFormat(bytes('ftyp', [0, 0, 0, 0])), null, 'ftyp at the wrong offset');
});

test('pictures are recognised from their magic bytes', () => {
  assert.equal(sniffImageFormat(bytes([0x89], 'PNG\r\n\x1a\n')), 'png');
  assert.equal(sniffImageFormat(bytes([0xff, 0xd8, 0xff, 0xe0])), 'jpeg');
  assert.equal(sniffImageFormat(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ')), 'webp');
  assert.equal(sniffImageFormat(bytes('GIF89a')), null);
  assert.equal(sniffImageFormat(bytes('<svg xmlns="http://www.w3.org/2000/svg">')), null);
  assert.equal(sniffImageFormat(bytes('#EXTM3U\n')), null);
});

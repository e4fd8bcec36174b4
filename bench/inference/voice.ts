/**
 * Voice inference benchmark (issue 14): latency per sentence of Piper voices
 * through the real inference host (child process, onnxruntime-node), with
 * the tiny test voice on this machine's provider, and every usable voice of
 * MODELS_DIR when it has real ones. Prints JSON; not a test.
 *
 *   node bench/inference/voice.ts [--sentences 20] [--rate 1]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startInferenceHost } from '../../render-node/inference/inference-host.ts';
import { modelsDirFrom } from '../../render-node/models/registry.ts';
import { writeTinyPiperVoice } from '../../render-node/models/testing/tiny-piper.ts';
import { parseWavHeader } from '../../render-node/engines/voice/wav-duration.ts';

const { values } = parseArgs({
  options: { sentences: { type: 'string', default: '20' }, rate: { type: 'string', default: '1' } },
});
const count = Number(values.sentences);
const rate = Number(values.rate);

const SENTENCES = {
  en: [
    'The harbour was quiet when the last boat came in.',
    'Mara lit a lantern and studied the old map on the table.',
    'By dawn, the wind had turned and the gulls were back.',
    'Nobody in the village remembered the lighthouse keeper’s name.',
  ],
  fr: [
    'Le port était calme quand le dernier bateau est rentré.',
    'Mara alluma une lanterne et étudia la vieille carte sur la table.',
    'À l’aube, le vent avait tourné et les mouettes étaient revenues.',
    'Personne au village ne se souvenait du nom du gardien du phare.',
  ],
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const log = () => undefined;

async function benchDir(modelsDir: string, label: string) {
  const client = await startInferenceHost({ modelsDir, log });
  try {
    const results = [];
    for (const model of client.models().filter((m) => m.kind === 'voice' && m.usable)) {
      const texts = model.language?.startsWith('fr') ? SENTENCES.fr : SENTENCES.en;
      const signal = new AbortController().signal;
      // The first request loads the session: measured apart.
      let started = performance.now();
      await client.synthesizeSpeech(model.id, { text: texts[0]!, rate, sampleRate: 48000 }, signal);
      const firstMs = performance.now() - started;
      const wall: number[] = [];
      let audioSec = 0;
      for (let i = 0; i < count; i++) {
        started = performance.now();
        const { wav } = await client.synthesizeSpeech(
          model.id,
          { text: texts[i % texts.length]!, rate, sampleRate: 48000 },
          signal,
        );
        wall.push(performance.now() - started);
        audioSec += parseWavHeader(wav, wav.length).durationSec;
      }
      const computeSec = wall.reduce((a, b) => a + b, 0) / 1000;
      results.push({
        set: label,
        model: model.id,
        provider: `${client.provider.name} (${client.provider.device})`,
        firstSentenceMs: Math.round(firstMs),
        sentenceMsMedian: Math.round(median(wall)),
        sentenceMsMax: Math.round(Math.max(...wall)),
        realTimeFactor: Number((audioSec / computeSec).toFixed(1)),
        sentences: count,
      });
    }
    return results;
  } finally {
    await client.close();
  }
}

const tinyDir = await mkdtemp(path.join(tmpdir(), 'bench-voice-'));
try {
  await writeTinyPiperVoice(path.join(tinyDir, 'en_US-tiny-test'));
  const results = await benchDir(tinyDir, 'tiny test voice');
  results.push(...(await benchDir(modelsDirFrom(process.env), 'MODELS_DIR')));
  console.log(JSON.stringify(results, null, 2));
} finally {
  await rm(tinyDir, { recursive: true, force: true });
}

import type { ProseBlock } from './parse/prose.ts';
import {
  emptyScene,
  type RawDialogue,
  type RawScene,
  type SceneOpening,
} from './parse/raw-scene.ts';
import { dominantPlace, findPlaces } from './scene/places.ts';
import { countWords, firstWords, splitSentences, tokenize } from './text/tokens.ts';
import type { Vocabulary } from './vocabulary/index.ts';
import { analysisWarning, type AnalysisWarning } from './warnings.ts';

/**
 * Cuts prose into scenes. The text becomes sentence units; each unit gets a
 * break score: headings and scene breaks are hard breaks; a time or place cue
 * at the start of a sentence ("By dusk", "Down in the village", "Le
 * troisième soir", "Quand … revint") scores 2 or 3; starting a paragraph adds
 * 1; a paragraph whose first sentence names another place than the previous
 * paragraph adds 2; opening on a quote (a reply) subtracts 2.
 *
 * Without a target, a unit scoring 3 or more opens a scene once the current
 * one has `minWords`; a scene reaching `maxWords` is closed at the next
 * paragraph (or sentence, past 1.5×). With a target count, the largest scene
 * is split at its best-scored, most central unit until the count is reached.
 */

interface HardBreak {
  title: string | null;
  opening: SceneOpening;
}

interface Unit {
  text: string;
  words: number;
  para: number;
  firstInPara: boolean;
  /** A piece of a sentence cut for length: any boundary is as good as another. */
  chunk: boolean;
  startLine: number;
  endLine: number;
  hard: HardBreak | null;
  dialogue: RawDialogue | null;
  score: number;
  cue: string | null;
}

export interface SegmentOptions {
  minWords: number;
  maxWords: number;
  targetScenes: number | null;
}

const QUOTE_START = /^["«“‘—–-]/;
/** Cue detection only needs the start of a sentence. */
const CUE_WINDOW = 200;

function cueOf(
  sentence: string,
  firstInPara: boolean,
  vocab: Vocabulary,
): { score: number; cue: string | null } {
  const head = sentence.slice(0, CUE_WINDOW);
  const start = head.toLowerCase().replace(/^[\s"«“‘'(—–-]+/, '');
  let best = 0;
  let cue: string | null = null;
  const original = head.replace(/^[\s"«“‘'(—–-]+/, '');
  for (const c of vocab.source.shiftCues) {
    if (c.score <= best || (c.anywhere && !firstInPara)) continue;
    const m = c.pattern.exec(start);
    if (!m) continue;
    best = c.score;
    // The opening phrase titles the scene: up to its comma ("Down in the village"), else the cue itself ("By sunrise").
    const comma = /^[^,;:.!?]{3,60}(?=,)/u.exec(original);
    cue = c.anywhere
      ? null
      : (comma && countWords(comma[0]) <= 8
          ? comma[0]
          : original.slice(0, m.index + m[0].length)
        ).trim();
  }
  const firstWord = /^\p{L}+/u.exec(original)?.[0].toLowerCase();
  if (best < 2 && firstWord && vocab.locativePrepositions.has(firstWord)) {
    // "In the village, …" / "Dans la forêt, …": a locative opening on a known place.
    const tokens = tokenize(head).slice(0, 6);
    const first = tokens[0];
    if (
      first &&
      vocab.locativePrepositions.has(first.key) &&
      !/^(?:of|de|du|des|by|par)$/.test(first.key)
    ) {
      const hit = findPlaces(tokens, vocab)[0];
      if (hit && hit.index <= 3) {
        best = 2;
        const comma = /^[^,;:.!?]{3,60}(?=,)/u.exec(head);
        cue = (comma?.[0] ?? firstWords(head, hit.index + hit.length)).trim();
      }
    }
  }
  return { score: best, cue };
}

/** Splits a sentence with no punctuation for too long (a pasted 200 KB line) every `n` words. */
function chunkByWords(text: string, n: number): string[] {
  const out: string[] = [];
  const word = /\S+/g;
  let count = 0;
  let from = 0;
  for (let m = word.exec(text); m; m = word.exec(text)) {
    if (++count === n) {
      out.push(text.slice(from, m.index + m[0].length).trim());
      from = m.index + m[0].length;
      count = 0;
    }
  }
  const rest = text.slice(from).trim();
  if (rest) out.push(rest);
  return out;
}

function buildUnits(
  blocks: readonly ProseBlock[],
  vocab: Vocabulary,
  opts: SegmentOptions,
  warnings: AnalysisWarning[],
): Unit[] {
  const units: Unit[] = [];
  let pending: HardBreak | null = null;
  let para = 0;
  let lastPlace: string | null = null;
  let chunked = false;
  for (const block of blocks) {
    if (block.kind === 'heading') {
      pending = { title: block.text, opening: 'heading' };
      continue;
    }
    if (block.kind === 'break') {
      pending = { title: pending?.title ?? null, opening: pending?.opening ?? 'break' };
      continue;
    }
    para++;
    if (block.kind === 'dialogue') {
      units.push({
        text: '',
        words: countWords(block.dialogue.text),
        para,
        firstInPara: true,
        chunk: false,
        startLine: block.startLine,
        endLine: block.endLine,
        hard: pending,
        dialogue: block.dialogue,
        score: 0,
        cue: null,
      });
      pending = null;
      continue;
    }
    const sentences = splitSentences(block.text);
    // One pass over the paragraph's start serves both its main place and its first sentence's.
    const paraTokens = tokenize(block.text.slice(0, 4000));
    const paraHits = findPlaces(paraTokens, vocab);
    const paraPlace = dominantPlace(paraHits)?.place.english ?? null;
    const firstLength = sentences[0]?.length ?? 0;
    const firstPlace =
      dominantPlace(paraHits.filter((h) => paraTokens[h.index]!.start < firstLength))?.place
        .english ?? null;
    sentences.forEach((sentence, k) => {
      const firstInPara = k === 0;
      const { score: cueScore, cue } = cueOf(sentence, firstInPara, vocab);
      let score = cueScore + (firstInPara ? 1 : 0) - (QUOTE_START.test(sentence) ? 2 : 0);
      if (firstInPara && lastPlace && firstPlace && firstPlace !== lastPlace) score += 2;
      const words = countWords(sentence);
      const pieces = words > opts.maxWords ? chunkByWords(sentence, opts.maxWords) : [sentence];
      if (pieces.length > 1) chunked = true;
      pieces.forEach((piece, p) => {
        units.push({
          text: piece,
          words: p === 0 && pieces.length === 1 ? words : countWords(piece),
          para,
          firstInPara: firstInPara && p === 0,
          chunk: p > 0,
          startLine: block.startLine,
          endLine: block.endLine,
          hard: p === 0 && firstInPara ? pending : null,
          dialogue: null,
          score: p === 0 ? score : 0,
          cue: p === 0 ? cue : null,
        });
      });
      if (firstInPara) pending = null;
    });
    if (paraPlace) lastPlace = paraPlace;
  }
  if (chunked) {
    warnings.push(analysisWarning('unpunctuatedPassage', { maxWords: opts.maxWords }));
  }
  return units;
}

/** Scene boundaries (unit indexes where a scene starts) without a target count. */
function greedyStarts(units: readonly Unit[], opts: SegmentOptions): Map<number, SceneOpening> {
  const starts = new Map<number, SceneOpening>([[0, units[0]?.hard?.opening ?? 'start']]);
  let words = units[0]?.words ?? 0;
  for (let i = 1; i < units.length; i++) {
    const u = units[i]!;
    let opening: SceneOpening | null = null;
    if (u.hard) opening = u.hard.opening;
    else if (u.score >= 3 && words >= opts.minWords) opening = 'cue';
    else if (words >= opts.maxWords && (u.firstInPara || u.chunk || words >= opts.maxWords * 1.5)) {
      opening = 'length';
    }
    if (opening) {
      starts.set(i, opening);
      words = 0;
    }
    words += u.words;
  }
  // A tiny last scene opened by a soft cue reads better as the end of the one before.
  const last = Math.max(...starts.keys());
  if (last > 0 && starts.get(last) !== 'heading' && starts.get(last) !== 'break') {
    const tail = units.slice(last).reduce((n, u) => n + u.words, 0);
    if (tail < opts.minWords / 2) starts.delete(last);
  }
  return starts;
}

/** Scene boundaries for a target count: keep hard breaks, then split or merge to reach it. */
function targetStarts(
  units: readonly Unit[],
  target: number,
  warnings: AnalysisWarning[],
): Map<number, SceneOpening> {
  const prefix = [0];
  for (const u of units) prefix.push(prefix[prefix.length - 1]! + u.words);
  const wordsIn = (a: number, b: number) => prefix[b]! - prefix[a]!;
  let bounds = [0];
  const openings = new Map<number, SceneOpening>([[0, units[0]?.hard?.opening ?? 'start']]);
  units.forEach((u, i) => {
    if (i > 0 && u.hard) {
      bounds.push(i);
      openings.set(i, u.hard.opening);
    }
  });
  if (bounds.length > target) {
    // More hard breaks than scenes wanted: keep the ones closest to even shares of the text.
    const total = wordsIn(0, units.length);
    const hard = bounds.slice(1);
    const kept: number[] = [0];
    let from = 0;
    for (let k = 1; k < target; k++) {
      const ideal = (total * k) / target;
      // Leave enough hard breaks for the scenes still to place.
      const last = hard.length - (target - k);
      let best = from;
      while (
        best + 1 <= last &&
        Math.abs(prefix[hard[best + 1]!]! - ideal) <= Math.abs(prefix[hard[best]!]! - ideal)
      ) {
        best++;
      }
      kept.push(hard[best]!);
      from = best + 1;
    }
    bounds = kept;
  }
  while (bounds.length < target) {
    let split: { at: number; value: number } | null = null;
    const order = bounds
      .map((b, k) => ({ a: b, b: bounds[k + 1] ?? units.length }))
      .sort((x, y) => wordsIn(y.a, y.b) - wordsIn(x.a, x.b));
    for (const seg of order) {
      const total = wordsIn(seg.a, seg.b);
      for (let i = seg.a + 1; i < seg.b; i++) {
        const balance = 1 - Math.abs(wordsIn(seg.a, i) - wordsIn(i, seg.b)) / Math.max(1, total);
        const value = Math.min(units[i]!.score, 4) + 4 * balance;
        if (!split || value > split.value) split = { at: i, value };
      }
      if (split) break;
    }
    if (!split) {
      warnings.push(analysisWarning('tooFewScenes', { made: bounds.length, target }));
      break;
    }
    bounds.push(split.at);
    bounds.sort((x, y) => x - y);
    openings.set(split.at, units[split.at]!.score >= 3 ? 'cue' : 'length');
  }
  return new Map(bounds.map((b) => [b, openings.get(b) ?? 'length']));
}

export function segmentProse(
  blocks: readonly ProseBlock[],
  vocab: Vocabulary,
  opts: SegmentOptions,
  warnings: AnalysisWarning[],
): RawScene[] {
  const units = buildUnits(blocks, vocab, opts, warnings);
  if (units.length === 0) return [];
  const starts = opts.targetScenes
    ? targetStarts(units, opts.targetScenes, warnings)
    : greedyStarts(units, opts);
  const sorted = [...starts.keys()].sort((a, b) => a - b);
  return sorted.map((from, k) => {
    const to = sorted[k + 1] ?? units.length;
    const first = units[from]!;
    const scene = emptyScene(first.startLine, starts.get(from)!);
    if (first.hard) {
      scene.title = first.hard.title;
      scene.heading = first.hard.title;
    }
    // The opening phrase titles the scene, the very first one included ("Au lever du soleil").
    if (scene.opening === 'cue' || from === 0) scene.cue = first.cue;
    let currentPara = -1;
    let sentences: string[] = [];
    const flush = () => {
      if (sentences.length) scene.paragraphs.push(sentences.join(' '));
      sentences = [];
    };
    for (let i = from; i < to; i++) {
      const u = units[i]!;
      if (u.dialogue) {
        flush();
        scene.dialogue.push(u.dialogue);
      } else {
        if (u.para !== currentPara) flush();
        sentences.push(u.text);
      }
      currentPara = u.para;
      scene.endLine = Math.max(scene.endLine, u.endLine);
    }
    flush();
    return scene;
  });
}

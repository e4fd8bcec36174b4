import tonejsMidi from '@tonejs/midi';
import { Chord, Note, Progression, Scale } from 'tonal';
import { MOOD_DEFAULTS } from '../../../shared/music/soundtrack-spec.ts';
import { seededRandom } from '../../../shared/seeded-random.ts';
import type {
  SoundtrackInstrument,
  SoundtrackMood,
} from '../../../shared/music/soundtrack-request.ts';
import type { SoundtrackSpec } from '../../../shared/music/soundtrack.ts';

/**
 * The composer (pure, deterministic by seed): the spec becomes a General
 * MIDI file a synthesiser renders. Harmony comes from tonal (progressions
 * per mood written as roman numerals over the spec's tonic); a small
 * arranger gives each instrument a role: pad (held chords), bass (roots),
 * arpeggio (broken chords), melody (a stepwise walk on the scale, chord tones
 * on strong beats) and percussion on the GM drum channel.
 *
 * Form: bar 0 is an anacrusis on the progression's last chord, then the
 * progression repeats; the piece ends on a cadence (V–I, or IV–I for the
 * quiet moods) whose final chord is released `RELEASE_SEC` before the end.
 * The loop region runs from bar 1 over whole progressions: the harmony
 * before its start and before its end is the same chord, and every note
 * ends before the bar line (nothing is held across the loop end).
 * Story-following: one section per scene, boundaries snapped to the nearest
 * beat; each section takes its mood's mode, progression and energy (eased
 * over a bar from the previous one), scaled by its act.
 */

export // @tonejs/midi is CommonJS: its named exports are not visible to Node's ESM loader.
const { Midi } = tonejsMidi;

export const TIME_SIGNATURE = '4/4';
const BEATS_PER_BAR = 4;
/** The final chord is let go this long before the end, so its release rings out inside the length. */
export const RELEASE_SEC = 1.2;
/** Notes end this far before their chord's end: no note reaches the next bar line. */
const GAP_SEC = 0.02;

export const GM_PROGRAMS: Record<Exclude<SoundtrackInstrument, 'drums'>, number> = {
  piano: 0,
  strings: 48,
  pad: 89,
  guitar: 24,
  bass: 33,
  flute: 73,
  bells: 8,
  synth: 81,
};

type Role = 'pad' | 'bass' | 'arp' | 'melody' | 'drums';

const ROLE_OF: Record<SoundtrackInstrument, Role> = {
  piano: 'arp',
  strings: 'pad',
  pad: 'pad',
  guitar: 'arp',
  bass: 'bass',
  flute: 'melody',
  bells: 'arp',
  synth: 'arp',
  drums: 'drums',
};

/** Four-bar progressions per mood; the seed (and the section) picks one. */
const PROGRESSIONS: Record<SoundtrackMood, readonly (readonly string[])[]> = {
  calm: [
    ['Imaj7', 'IVmaj7', 'VIm7', 'IVmaj7'],
    ['I', 'IIIm', 'IV', 'I'],
  ],
  hopeful: [
    ['I', 'V', 'VIm', 'IV'],
    ['I', 'IV', 'VIm', 'V'],
  ],
  tense: [
    ['Im', 'bVI', 'IVm', 'V'],
    ['Im', 'bII', 'Im', 'V'],
  ],
  sad: [
    ['Im', 'bVI', 'bIII', 'bVII'],
    ['Im', 'IVm', 'bVI', 'V'],
  ],
  epic: [
    ['Im', 'bVI', 'bIII', 'bVII'],
    ['Im', 'bVII', 'bVI', 'V'],
  ],
  playful: [
    ['I', 'IV', 'V', 'I'],
    ['I', 'VIm', 'IIm', 'V'],
  ],
  mysterious: [
    ['Im', 'bVI', 'IVm', 'Im'],
    ['Im', 'bIImaj7', 'Im', 'bVII'],
  ],
};

/** How loud and busy a mood is (0..1): velocity and note density follow it. */
export const MOOD_ENERGY: Record<SoundtrackMood, number> = {
  calm: 0.35,
  sad: 0.35,
  mysterious: 0.42,
  hopeful: 0.6,
  playful: 0.7,
  tense: 0.8,
  epic: 0.95,
};
const PLAGAL: ReadonlySet<SoundtrackMood> = new Set(['calm', 'sad', 'mysterious']);
const ACT_FACTOR = [0.8, 1, 1.12];

export interface ComposedSection {
  startSec: number;
  mood: SoundtrackMood;
  act: number;
}

export interface Composition {
  midi: Uint8Array;
  durationSec: number;
  tempoBpm: number;
  timeSignature: string;
  /** On bar lines; same chord before both. */
  loopPoints: { start: number; end: number };
  sections: ComposedSection[];
  /** Notes in the file (a composition without any would be silence). */
  noteCount: number;
}

interface Section {
  startBeat: number;
  mood: SoundtrackMood;
  act: number;
  mode: 'major' | 'minor';
  progression: readonly string[];
  energy: number;
}

interface Span {
  startBeat: number;
  /** Exclusive. */
  endBeat: number;
  pcs: number[];
  root: number;
  section: number;
}

interface NoteEvent {
  midi: number;
  time: number;
  duration: number;
  velocity: number;
}

/** Composes `spec` (pure); `untilSec` keeps only the first seconds (a quick preview). */
export function compose(spec: SoundtrackSpec, options: { untilSec?: number } = {}): Composition {
  const random = seededRandom(spec.seed ^ 0x5f3759df);
  const beatSec = 60 / spec.tempoBpm;
  const barSec = beatSec * BEATS_PER_BAR;
  const total = spec.durationSec;
  const [tonic = 'C', keyMode = 'major'] = spec.key.split(' ');
  const totalBeats = Math.max(1, Math.floor(total / beatSec + 1e-9));

  const sections = planSections(spec, keyMode as 'major' | 'minor', beatSec, totalBeats, random);

  // The ending: the final chord from a bar line, at least ~2.5 s before the end, the cadence a bar before it.
  const finalBar = Math.max(0, Math.floor((total - Math.max(barSec, 2.5)) / barSec + 1e-9));
  const finalBeat = finalBar * BEATS_PER_BAR;
  const cadenceBeat = Math.max(0, finalBeat - BEATS_PER_BAR);
  const lastMood = sections.at(-1)!.mood;
  const closingMode = sections.at(-1)!.mode;
  const cadence = PLAGAL.has(lastMood) ? (closingMode === 'minor' ? 'IVm' : 'IV') : 'V';
  const home = closingMode === 'minor' ? 'Im' : 'I';

  // Harmony: spans of one chord.
  const spans: Span[] = [];
  const push = (startBeat: number, endBeat: number, numeral: string, section: number) => {
    if (endBeat <= startBeat) return;
    const { pcs, root } = chordOf(tonic, numeral);
    spans.push({ startBeat, endBeat, pcs, root, section });
  };
  sections.forEach((section, index) => {
    const from = section.startBeat;
    const to = Math.min(sections[index + 1]?.startBeat ?? totalBeats, cadenceBeat);
    // The first section opens with an anacrusis bar on the progression's last chord.
    const offset = index === 0 ? -1 : 0;
    for (let beat = from; beat < to;) {
      const relBar = Math.floor((beat - from) / BEATS_PER_BAR) + offset;
      const end = Math.min(to, from + (relBar - offset + 1) * BEATS_PER_BAR);
      const chord = section.progression[(relBar + 4) % 4]!;
      push(beat, end, chord, index);
      beat = end;
    }
  });
  const closing = sections.length - 1;
  if (finalBeat > cadenceBeat) push(cadenceBeat, finalBeat, cadence, closing);
  push(finalBeat, Math.max(finalBeat + 1, totalBeats), home, closing);

  const finalEndSec = Math.max(finalBeat * beatSec + beatSec, total - RELEASE_SEC);
  const spanEndSec = (span: Span) =>
    span.startBeat === finalBeat ? finalEndSec : span.endBeat * beatSec - GAP_SEC;

  // Energy per beat: each section's, eased over the first bar from the previous section's.
  const energyAt = (beat: number) => {
    let index = 0;
    while (index + 1 < sections.length && sections[index + 1]!.startBeat <= beat) index++;
    const section = sections[index]!;
    if (index === 0) return section.energy;
    const previous = sections[index - 1]!.energy;
    const t = Math.min(1, (beat - section.startBeat) / BEATS_PER_BAR);
    return previous + (section.energy - previous) * t;
  };
  const velocity = (beat: number, weight: number) =>
    clamp(0.2 + 0.7 * energyAt(beat) * weight + (random() - 0.5) * 0.06, 0.1, 1);

  const instruments = [...spec.instruments];
  const roles = instruments.map((i) => ROLE_OF[i]);
  // Piano leads when nothing else sings; harmony always has a holder.
  if (!roles.includes('melody')) {
    const lead = instruments.findIndex((i) => i === 'piano' || i === 'synth' || i === 'guitar');
    if (lead >= 0 && roles.filter((r) => r === 'arp').length > 1) roles[lead] = 'melody';
  }

  const midi = new Midi();
  midi.header.setTempo(spec.tempoBpm);
  midi.header.timeSignatures.push({ ticks: 0, timeSignature: [4, 4] });
  midi.header.update();
  let noteCount = 0;
  let channel = 0;
  const untilSec = options.untilSec ?? Number.POSITIVE_INFINITY;
  instruments.forEach((instrument, index) => {
    const role = roles[index]!;
    const track = midi.addTrack();
    if (instrument === 'drums') {
      track.channel = 9;
    } else {
      track.channel = channel === 9 ? ++channel : channel;
      channel++;
      track.instrument.number = GM_PROGRAMS[instrument];
    }
    const notes = arrange(role, spans, {
      beatSec,
      finalBeat,
      totalBeats,
      spanEndSec,
      velocity,
      energyAt,
      random,
      tonic,
      sections,
    });
    for (const note of notes) {
      if (note.time >= untilSec) continue;
      const duration = Math.min(note.duration, untilSec - note.time - GAP_SEC);
      if (duration <= 0.01) continue;
      track.addNote({ ...note, duration });
      noteCount++;
    }
  });

  const loopPoints = loopRegion(sections, finalBeat, cadenceBeat, beatSec, total);
  return {
    midi: midi.toArray(),
    durationSec: Math.min(total, untilSec),
    tempoBpm: spec.tempoBpm,
    timeSignature: TIME_SIGNATURE,
    loopPoints,
    sections: sections.map((s) => ({ startSec: s.startBeat * beatSec, mood: s.mood, act: s.act })),
    noteCount,
  };
}

function planSections(
  spec: SoundtrackSpec,
  keyMode: 'major' | 'minor',
  beatSec: number,
  totalBeats: number,
  random: () => number,
): Section[] {
  const pick = (mood: SoundtrackMood) => {
    const options = PROGRESSIONS[mood];
    return options[Math.floor(random() * options.length)]!;
  };
  if (!spec.scenes?.length) {
    return [
      {
        startBeat: 0,
        mood: spec.mood,
        act: 1,
        mode: keyMode,
        progression: adaptMode(pick(spec.mood), keyMode),
        energy: MOOD_ENERGY[spec.mood],
      },
    ];
  }
  const sections: Section[] = [];
  let at = 0;
  for (const scene of spec.scenes) {
    // Changes on scene boundaries, snapped to the nearest beat.
    const startBeat = Math.min(totalBeats, Math.round(at / beatSec));
    at += scene.durationSec;
    const previous = sections.at(-1);
    if (previous && startBeat <= previous.startBeat) continue;
    if (previous && previous.mood === scene.mood && previous.act === scene.act) continue;
    const mode = MOOD_DEFAULTS[scene.mood].mode;
    const act = ACT_FACTOR[Math.min(ACT_FACTOR.length, Math.max(1, scene.act)) - 1]!;
    sections.push({
      startBeat,
      mood: scene.mood,
      act: scene.act,
      mode,
      progression: pick(scene.mood),
      energy: clamp(MOOD_ENERGY[scene.mood] * act, 0.15, 1),
    });
  }
  return sections;
}

/** A progression written for one mode, read in the other (parallel key: the numerals' qualities flip). */
function adaptMode(progression: readonly string[], mode: 'major' | 'minor'): readonly string[] {
  const minorish = progression[0]!.startsWith('Im');
  if ((mode === 'minor') === minorish) return progression;
  return mode === 'minor' ? ['Im', 'bVI', 'bVII', 'V'] : ['I', 'VIm', 'IV', 'V'];
}

/** A numeral over a tonic as pitch classes and its root's pitch class. */
export function chordOf(tonic: string, numeral: string): { pcs: number[]; root: number } {
  const name = Progression.fromRomanNumerals(tonic, [numeral])[0];
  const chord = name ? Chord.get(name) : null;
  if (!chord || chord.empty || !chord.tonic)
    throw new Error(`unknown chord ${numeral} in ${tonic}`);
  return { pcs: chord.notes.map((n) => Note.chroma(n)!), root: Note.chroma(chord.tonic)! };
}

interface ArrangeContext {
  beatSec: number;
  finalBeat: number;
  totalBeats: number;
  spanEndSec: (span: Span) => number;
  velocity: (beat: number, weight: number) => number;
  energyAt: (beat: number) => number;
  random: () => number;
  tonic: string;
  sections: Section[];
}

/** The lowest MIDI note of pitch class `pc` at or above `floor`. */
const above = (pc: number, floor: number) => floor + ((((pc - floor) % 12) + 12) % 12);

function arrange(role: Role, spans: Span[], ctx: ArrangeContext): NoteEvent[] {
  const notes: NoteEvent[] = [];
  const { beatSec } = ctx;
  for (const span of spans) {
    const start = span.startBeat * beatSec;
    const end = ctx.spanEndSec(span);
    const final = span.startBeat >= ctx.finalBeat;
    const beats = span.endBeat - span.startBeat;
    const hits = (perBeat: number) =>
      Array.from({ length: Math.max(1, Math.round(beats * perBeat)) }, (_, i) => ({
        time: start + (i * beatSec) / perBeat,
        beat: span.startBeat + Math.floor(i / perBeat),
        i,
      })).filter((h) => h.time < end - 0.05);
    switch (role) {
      case 'pad': {
        const voicing = span.pcs.map((pc) => above(pc, 52));
        for (const midi of voicing) {
          notes.push({
            midi,
            time: start,
            duration: end - start,
            velocity: ctx.velocity(span.startBeat, 0.7),
          });
        }
        break;
      }
      case 'bass': {
        const root = above(span.root, 36);
        const step = ctx.energyAt(span.startBeat) > 0.6 && !final ? 2 : BEATS_PER_BAR;
        for (let b = 0; b < beats; b += step) {
          const time = start + b * beatSec;
          const duration = Math.min(step * beatSec, end - time) - GAP_SEC;
          if (duration > 0.05) {
            notes.push({
              midi: root,
              time,
              duration,
              velocity: ctx.velocity(span.startBeat + b, 0.85),
            });
          }
          if (final) break;
        }
        break;
      }
      case 'arp': {
        if (final) {
          const midi = above(span.pcs[0]!, 60);
          notes.push({
            midi,
            time: start,
            duration: end - start,
            velocity: ctx.velocity(span.startBeat, 0.6),
          });
          break;
        }
        const energy = ctx.energyAt(span.startBeat);
        const perBeat = energy > 0.75 ? 4 : energy > 0.5 ? 2 : 1;
        const tones = [...span.pcs.map((pc) => above(pc, 60)), above(span.pcs[0]!, 72)].sort(
          (a, b) => a - b,
        );
        const pattern = ctx.random() < 0.5 ? tones : [...tones, ...tones.slice(1, -1).reverse()];
        for (const hit of hits(perBeat)) {
          const duration = Math.min((beatSec / perBeat) * 1.5, end - hit.time);
          notes.push({
            midi: pattern[hit.i % pattern.length]!,
            time: hit.time,
            duration,
            velocity: ctx.velocity(hit.beat, hit.i % perBeat === 0 ? 0.75 : 0.6),
          });
        }
        break;
      }
      case 'melody': {
        const section = ctx.sections[span.section]!;
        const scale = Scale.get(
          `${ctx.tonic} ${section.mode === 'minor' ? 'minor' : 'major'}`,
        ).notes.map((n) => Note.chroma(n)!);
        const pitches = Array.from({ length: 30 }, (_, i) => 60 + i).filter((m) =>
          scale.includes(m % 12),
        );
        if (final) {
          notes.push({
            midi: above(span.pcs[0]!, 67),
            time: start,
            duration: end - start,
            velocity: ctx.velocity(span.startBeat, 0.7),
          });
          break;
        }
        let current = pitches.indexOf(above(span.pcs[0]!, 67));
        if (current < 0) current = 10;
        const density = 0.35 + 0.5 * ctx.energyAt(span.startBeat);
        for (const hit of hits(1)) {
          if (hit.i > 0 && ctx.random() > density) continue;
          if (hit.i === 0) {
            // Strong beat: the chord tone nearest the line.
            const target = span.pcs
              .map((pc) => pitches.findIndex((p, k) => k >= current - 3 && p % 12 === pc))
              .filter((k) => k >= 0)
              .sort((a, b) => Math.abs(a - current) - Math.abs(b - current))[0];
            if (target !== undefined) current = target;
          } else {
            current = clamp(current + Math.round((ctx.random() - 0.5) * 4), 2, pitches.length - 3);
          }
          const length = ctx.random() < 0.4 ? 2 : 1;
          const duration = Math.min(length * beatSec * 0.95, end - hit.time);
          notes.push({
            midi: pitches[current]!,
            time: hit.time,
            duration,
            velocity: ctx.velocity(hit.beat, 0.9),
          });
        }
        break;
      }
      case 'drums': {
        if (span.startBeat >= ctx.finalBeat) {
          notes.push({
            midi: 49,
            time: start,
            duration: 0.5,
            velocity: ctx.velocity(span.startBeat, 0.5),
          });
          break;
        }
        for (const hit of hits(2)) {
          const beat = hit.beat;
          const energy = ctx.energyAt(beat);
          const inBar = beat % BEATS_PER_BAR;
          const onBeat = hit.i % 2 === 0;
          const short = Math.min(0.1, end - hit.time);
          if (onBeat && (inBar === 0 || (inBar === 2 && energy > 0.5))) {
            notes.push({
              midi: 36,
              time: hit.time,
              duration: short,
              velocity: ctx.velocity(beat, 0.9),
            });
          }
          if (onBeat && (inBar === 1 || inBar === 3) && energy > 0.4) {
            notes.push({
              midi: 38,
              time: hit.time,
              duration: short,
              velocity: ctx.velocity(beat, 0.7),
            });
          }
          if (energy > 0.3) {
            notes.push({
              midi: 42,
              time: hit.time,
              duration: short,
              velocity: ctx.velocity(beat, onBeat ? 0.5 : 0.35),
            });
          }
        }
        break;
      }
    }
  }
  return notes;
}

/**
 * The loop region: from bar 1 over whole progressions of the first section,
 * before any change of section and before the cadence. Too short a piece
 * loops what it has between bar lines.
 */
function loopRegion(
  sections: Section[],
  finalBeat: number,
  cadenceBeat: number,
  beatSec: number,
  total: number,
): { start: number; end: number } {
  const limit = Math.min(sections[1]?.startBeat ?? Number.POSITIVE_INFINITY, cadenceBeat);
  const bars = Math.floor(limit / BEATS_PER_BAR) - 1;
  const cycles = Math.floor(bars / 4);
  const barSec = beatSec * BEATS_PER_BAR;
  const round = (sec: number) => Math.round(sec * 1e6) / 1e6;
  if (cycles >= 1) return { start: round(barSec), end: round(barSec * (1 + cycles * 4)) };
  if (bars >= 1) return { start: round(barSec), end: round(barSec * (1 + bars)) };
  return { start: 0, end: round(Math.min(total, Math.max(barSec, finalBeat * beatSec))) };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

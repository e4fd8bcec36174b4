import type { Language } from '../timeline.ts';
import { buildCastEntries } from './cast/build-cast.ts';
import { entryFinder } from './cast/entry-index.ts';
import type { CastEntry } from './cast/cast-entry.ts';
import { gatherEvidence } from './cast/evidence.ts';
import { buildMentionIndex, scanMentions, type Mention } from './cast/mentions.ts';
import { storyFocus } from './cast/focus.ts';
import { addNarrator, readFirstPerson } from './cast/narrator.ts';
import { rankCast, scenePresence } from './cast/rank-cast.ts';
import { attributeProseDialogue } from './dialogue.ts';
import { apiMessage } from '../api/api-messages.ts';
import { badText } from './errors.ts';
import { analysisWarning, type AnalysisWarning } from './warnings.ts';
import { detectFormat } from './format.ts';
import { detectLanguage } from './language.ts';
import type { NlpToolkit } from './nlp/toolkit.ts';
import { resolveOptions } from './options.ts';
import { parseProseBlocks } from './parse/prose.ts';
import { emptyScene, type ParsedScript, type RawScene } from './parse/raw-scene.ts';
import { parseScreenplay } from './parse/screenplay.ts';
import { parseStoryboard } from './parse/storyboard.ts';
import { buildImagePrompt, promptName } from './prompt/build-prompt.ts';
import { sceneVisual } from './prompt/scene-visual.ts';
import { suggestCamera } from './scene/camera.ts';
import { estimateDuration } from './scene/duration.ts';
import { detectLocation } from './scene/location.ts';
import { scoreMood } from './scene/mood.ts';
import { dedupeTitles, sceneTitle } from './scene/title.ts';
import { sceneTimeOfDay } from './scene/time-of-day.ts';
import { chooseTransition } from './scene/transition.ts';
import { prepareSceneText, type SceneText } from './scene-text.ts';
import { segmentProse } from './segment.ts';
import { assignActs } from './structure.ts';
import { normalizeScript, squeeze } from './text/normalize.ts';
import { sentenceSpans } from './text/sentence-spans.ts';
import { clip, countWords, tokenize } from './text/tokens.ts';
import type {
  AnalyzeOptions,
  AnalyzedScene,
  DialogueLine,
  SceneLocation,
  ScriptAnalysis,
  ScriptFormat,
  TimeOfDay,
} from './types.ts';
import { vocabularyFor, type Vocabulary } from './vocabulary/index.ts';

/** The doc's scene narration field holds at most 20,000 characters (timeline.ts). */
const MAX_NARRATION = 20_000;
const MANY_SCENES = 200;

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', fr: 'French' };

/** Markdown emphasis marks titles of works and ships ("*Saint Brigid*"), not people. */
function emphasizedPhrases(text: string): Set<string> {
  const out = new Set<string>();
  const re = /(?<![\p{L}*_])(\*{1,2}|_{1,2})([^*_\n]{1,60}?)\1(?![\p{L}*_])/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) out.add(m[2]!.trim());
  return out;
}

function parse(
  script: string,
  format: ScriptFormat,
  vocab: Vocabulary,
  opts: ReturnType<typeof resolveOptions>,
): ParsedScript {
  if (format === 'screenplay') return parseScreenplay(script);
  if (format === 'storyboard') return parseStoryboard(script);
  const doc = parseProseBlocks(script);
  const warnings: AnalysisWarning[] = [];
  const scenes = segmentProse(
    doc.blocks,
    vocab,
    { minWords: opts.minWords, maxWords: opts.maxWords, targetScenes: opts.targetScenes },
    warnings,
  );
  return { title: doc.title, scenes, warnings, cues: [], intros: [] };
}

interface SceneDialogue {
  entry: number | null;
  speaker: string | null;
  text: string;
  parenthetical: string | null;
}

function sceneDialogue(
  raw: RawScene,
  text: SceneText,
  mentions: readonly Mention[],
  previous: readonly Mention[],
  entries: readonly CastEntry[],
  findSpeaker: (name: string) => number,
  vocab: Vocabulary,
  prose: boolean,
): SceneDialogue[] {
  const explicit = raw.dialogue.map((d): SceneDialogue => {
    const entry = d.speaker ? findSpeaker(d.speaker) : -1;
    return {
      entry: entry === -1 ? null : entry,
      speaker: entry === -1 ? d.speaker : entries[entry]!.name,
      text: d.text,
      parenthetical: d.parenthetical,
    };
  });
  if (!prose) return explicit;
  const quoted = attributeProseDialogue(text, mentions, previous, entries, vocab).map(
    (q): SceneDialogue => ({
      entry: q.entry,
      speaker: q.entry === null ? null : entries[q.entry]!.name,
      text: q.text,
      parenthetical: null,
    }),
  );
  return [...quoted, ...explicit];
}

/**
 * Analyses a script synchronously. Pure and deterministic: no I/O, no
 * clock, no randomness. Without `nlp` it relies on heuristics and word
 * tables only; `analyzeScript` (index.ts) loads the NLP toolkit first.
 * Throws AnalysisInputError (errors.ts) on bad input, before any work.
 */
export function analyzeScriptSync(
  text: string,
  options?: AnalyzeOptions,
  nlp: NlpToolkit | null = null,
): ScriptAnalysis {
  const opts = resolveOptions(text, options);
  const script = normalizeScript(text);
  const totalWords = countWords(script);
  if (totalWords === 0) {
    throw badText(apiMessage('errors.api.scriptNoWords'));
  }
  const warnings: AnalysisWarning[] = [];

  const guess = detectLanguage(script);
  const language: Language = opts.language === 'auto' ? guess.language : opts.language;
  const languageConfidence = opts.language === 'auto' ? guess.confidence : 1;
  if (opts.language === 'auto' && guess.confidence < 0.3) {
    warnings.push(
      analysisWarning('languageGuessed', { language, languageName: LANGUAGE_NAMES[language] }),
    );
  }
  const vocab = vocabularyFor(language);

  const detected = detectFormat(script).format;
  const format: ScriptFormat = opts.format === 'auto' ? detected : opts.format;
  if (opts.format !== 'auto' && opts.format !== detected) {
    warnings.push(analysisWarning('formatOverridden', { format, detected }));
  }
  const parsed = parse(script, format, vocab, opts);
  warnings.push(...parsed.warnings);
  let rawScenes = parsed.scenes;
  if (rawScenes.length === 0) {
    const only = emptyScene(1, 'start');
    only.paragraphs.push(clip(squeeze(script), MAX_NARRATION));
    only.endLine = script.split('\n').length;
    rawScenes = [only];
    warnings.push(analysisWarning('noStructure'));
  }
  const prose = format === 'prose' || format === 'markdown';
  if (opts.targetScenes !== null && !prose && rawScenes.length !== opts.targetScenes) {
    warnings.push(analysisWarning('targetScenesIgnored', { format, count: rawScenes.length }));
  }

  // Text, cast and mentions.
  const texts = rawScenes.map((s, i) => prepareSceneText(s, i, prose));
  const entries = buildCastEntries({
    scenes: texts,
    vocab,
    language,
    nlp,
    emphasized: emphasizedPhrases(script),
    cues: parsed.cues,
    intros: parsed.intros,
  });
  const index = buildMentionIndex(entries);
  const mentions = texts.map((t) => scanMentions(t.tokens, index, vocab));
  const visualMentions = texts.map((t) => scanMentions(t.visualTokens, index, vocab));
  const pronounMentions = gatherEvidence(entries, texts, mentions, vocab);
  const findSpeaker = entryFinder(entries);
  const dialogue = texts.map((t, i) =>
    sceneDialogue(
      rawScenes[i]!,
      t,
      mentions[i]!,
      mentions[i - 1] ?? [],
      entries,
      findSpeaker,
      vocab,
      prose,
    ),
  );

  const presence = scenePresence(texts, mentions, visualMentions, pronounMentions, dialogue, vocab);
  const focus = storyFocus(entries, texts, mentions, pronounMentions, parsed.title);
  // A first-person story follows its narrator (screenplays and explainers speak to us, not about "I").
  const firstPerson = prose ? readFirstPerson(texts, vocab) : null;
  if (firstPerson) addNarrator(entries, presence, focus, firstPerson, vocab);
  const { cast, idOf, leftOut } = rankCast(entries, presence, dialogue, focus);
  if (leftOut > 0) {
    warnings.push(analysisWarning('castTrimmed', { leftOut, kept: cast.length }));
  }
  const castById = new Map(cast.map((c) => [c.id, c]));

  // Per-scene reading: time, place, mood.
  let lastTime: TimeOfDay | null = null;
  let lastLocation: SceneLocation | null = null;
  const base = rawScenes.map((raw, i) => {
    const t = texts[i]!;
    const continues =
      format === 'screenplay'
        ? raw.timeModifier !== null || raw.timeOfDay === null
        : prose && raw.opening !== 'heading';
    // A storyboard's narration is a voice-over: its Visual: line alone says when.
    const time =
      raw.timeOfDay ??
      sceneTimeOfDay(
        raw.visual !== null ? t.visualTokens : t.tokens,
        vocab,
        lastTime,
        continues && format !== 'storyboard',
      );
    const found = detectLocation(raw, t, vocab);
    const location = found ?? (prose && raw.opening !== 'heading' ? lastLocation : null);
    // Every word once: the narration (prose quotes included), the visual, the script's dialogue lines.
    const moodTokens = [
      ...t.allTokens,
      ...t.visualTokens,
      ...t.dialogue.flatMap((d) => tokenize(d.text)),
    ];
    const mood = scoreMood(
      moodTokens,
      t.narration + ' ' + t.dialogue.map((d) => d.text).join(' '),
      vocab,
    );
    const newPlace = i === 0 || (location?.english ?? null) !== (lastLocation?.english ?? null);
    lastTime = time;
    lastLocation = location;
    return { time, location, mood, newPlace, moodTokens };
  });
  const maxIntensity = Math.max(...base.map((b) => b.mood.rawIntensity), 1e-9);

  const sceneDrafts = rawScenes.map((raw, i) => {
    const t = texts[i]!;
    const b = base[i]!;
    const intensity = Math.round((b.mood.rawIntensity / maxIntensity) * 100) / 100;
    const characters = [...presence[i]!.entries()]
      .filter(([e]) => idOf.has(e))
      .sort(
        (x, y) =>
          y[1] - x[1] || idOf.get(x[0])!.localeCompare(idOf.get(y[0])!, 'en', { numeric: true }),
      )
      .map(([e]) => idOf.get(e)!);
    const lines: DialogueLine[] = dialogue[i]!.map((d) => ({
      speakerId: d.entry === null ? null : (idOf.get(d.entry) ?? null),
      speaker: d.speaker,
      text: d.text,
      parenthetical: d.parenthetical,
    }));
    const dialogueWords = lines.reduce((n, d) => n + countWords(d.text), 0);
    const camera = suggestCamera(
      {
        tokens: b.moodTokens,
        explicit: raw.shot,
        newPlace: b.newPlace,
        setting: b.location?.setting ?? 'unknown',
        characters: characters.length,
        dialogueLines: lines.length,
        mood: b.mood.label,
        intensity,
        index: i,
      },
      vocab,
    );
    const durationSec = estimateDuration(
      {
        narrationWords: t.narrationWords,
        dialogueWords,
        dialogueLines: lines.length,
        paragraphs: raw.paragraphs.length,
        explicit: raw.durationSec,
        format,
      },
      vocab.source.speakingWordsPerMinute,
    );
    const present = characters
      .map((id) => castById.get(id)!)
      .map((c) => ({ name: promptName(c), gender: c.gender }));
    const visual = sceneVisual(raw, t, mentions[i]!, present, vocab);
    return { raw, i, intensity, characters, lines, camera, durationSec, visual, words: t.words };
  });

  const { acts, actOf } = assignActs(
    sceneDrafts.map((d) => ({ durationSec: d.durationSec, intensity: d.intensity })),
  );
  const titles = dedupeTitles(
    sceneDrafts.map((d) => sceneTitle(d.raw, base[d.i]!.location, base[d.i]!.time, d.i, vocab)),
    rawScenes.map((r) => r.timeModifier),
  );

  let clippedNarration = false;
  const scenes: AnalyzedScene[] = sceneDrafts.map((d) => {
    const b = base[d.i]!;
    const narration = texts[d.i]!.narration;
    if (narration.length > MAX_NARRATION) clippedNarration = true;
    const draft = {
      visual: d.visual,
      location: b.location ? { ...b.location, name: clip(b.location.name, 200) } : null,
      timeOfDay: b.time,
      mood: {
        label: b.mood.label,
        valence: Math.round(b.mood.valence * 100) / 100,
        intensity: d.intensity,
      },
      camera: d.camera,
      characters: d.characters,
    };
    const { prompt, negativePrompt } = buildImagePrompt(draft, {
      stylePreset: opts.stylePreset,
      cast,
    });
    return {
      id: `scene-${d.i + 1}`,
      index: d.i,
      title: titles[d.i]!,
      heading: d.raw.heading,
      narration: clip(narration, MAX_NARRATION),
      dialogue: d.lines,
      ...draft,
      prompt,
      negativePrompt,
      transition: chooseTransition(
        d.raw,
        rawScenes[d.i + 1],
        format,
        b.mood.label,
        base[d.i + 1]?.mood.label,
        d.intensity > 0.6 && (sceneDrafts[d.i + 1]?.intensity ?? 0) > 0.6,
      ),
      durationSec: d.durationSec,
      wordCount: d.words,
      act: actOf[d.i]!,
      lines: { start: d.raw.startLine, end: Math.max(d.raw.startLine, d.raw.endLine) },
    };
  });
  if (clippedNarration) warnings.push(analysisWarning('narrationClipped'));
  if (scenes.length > MANY_SCENES) {
    warnings.push(analysisWarning('manyScenes', { count: scenes.length }));
  }
  if (scenes.some((s) => s.dialogue.some((d) => d.speakerId === null))) {
    warnings.push(analysisWarning('unattributedDialogue'));
  }

  const durationSec = Math.round(scenes.reduce((s, x) => s + x.durationSec, 0) * 10) / 10;
  return {
    version: 1,
    language,
    languageConfidence,
    format,
    formatOverridden: opts.format !== 'auto',
    title: parsed.title,
    stylePreset: opts.stylePreset,
    stats: {
      words: totalWords,
      characters: script.length,
      sentences: sentenceSpans(script).length,
      readingTimeSec: Math.round((totalWords / vocab.source.readingWordsPerMinute) * 60),
      durationSec,
      speakingWordsPerMinute: vocab.source.speakingWordsPerMinute,
    },
    scenes,
    cast,
    acts,
    warnings: warnings.map((warning) => warning.message),
    warningDetails: warnings,
    script,
  };
}

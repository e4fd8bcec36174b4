import {
  canonicalJson,
  PROJECT_SETTING_FIELDS,
  SCENE_CONTENT_FIELDS,
  type Timeline,
  type TimelineScene,
} from './timeline.ts';

/**
 * A readable difference between two canonical timelines (two revisions, or a
 * revision and the live document): settings, cast and scenes, with a
 * word-level diff for the texts people write. Pure: no Yjs, no I/O.
 */

export type TextPart = { kind: 'same' | 'added' | 'removed'; text: string };

/** `index` is the 0-based position of the scene in its timeline. */
export interface SceneRefInfo {
  id: string;
  title: string;
  index: number;
}

/** `text` only for narration, prompt and titles: a word-level diff of before → after. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  text?: TextPart[];
}

export interface TimelineDiff {
  settings: FieldChange[];
  cast: {
    added: { id: string; name: string }[];
    removed: { id: string; name: string }[];
    changed: { id: string; name: string; fields: FieldChange[] }[];
  };
  scenes: {
    added: SceneRefInfo[];
    removed: SceneRefInfo[];
    /** Scenes whose place changed relative to the others; `from` is the index before. */
    moved: (SceneRefInfo & { from: number })[];
    changed: (SceneRefInfo & { fields: FieldChange[] })[];
  };
}

const CAST_FIELDS = ['name', 'description', 'voice'] as const;

const TEXT_FIELDS = new Set<string>(['title', 'narration', 'prompt']);

const equal = (a: unknown, b: unknown) => a === b || canonicalJson(a) === canonicalJson(b);

function change(field: string, before: unknown, after: unknown): FieldChange {
  const out: FieldChange = { field, before, after };
  if (TEXT_FIELDS.has(field) && typeof before === 'string' && typeof after === 'string') {
    out.text = diffWords(before, after);
  }
  return out;
}

function fieldChanges<T extends object>(
  fields: readonly (keyof T & string)[],
  before: T,
  after: T,
): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of fields) {
    if (!equal(before[field], after[field])) out.push(change(field, before[field], after[field]));
  }
  return out;
}

export function diffTimelines(before: Timeline, after: Timeline): TimelineDiff {
  const settings = fieldChanges(PROJECT_SETTING_FIELDS, before, after);

  const castBefore = new Map(before.cast.map((c) => [c.id, c]));
  const castAfter = new Map(after.cast.map((c) => [c.id, c]));
  const cast: TimelineDiff['cast'] = { added: [], removed: [], changed: [] };
  for (const c of before.cast) {
    if (!castAfter.has(c.id)) cast.removed.push({ id: c.id, name: c.name });
  }
  for (const c of after.cast) {
    const old = castBefore.get(c.id);
    if (!old) {
      cast.added.push({ id: c.id, name: c.name });
      continue;
    }
    const fields = fieldChanges(CAST_FIELDS, old, c);
    if (fields.length) cast.changed.push({ id: c.id, name: c.name, fields });
  }

  const indexBefore = new Map(before.scenes.map((s, i) => [s.id, i]));
  const indexAfter = new Map(after.scenes.map((s, i) => [s.id, i]));
  const ref = (s: TimelineScene, index: number): SceneRefInfo => ({
    id: s.id,
    title: s.title,
    index,
  });
  const scenes: TimelineDiff['scenes'] = { added: [], removed: [], moved: [], changed: [] };
  before.scenes.forEach((s, i) => {
    if (!indexAfter.has(s.id)) scenes.removed.push(ref(s, i));
  });

  // Scenes in both, in their order before; those off a longest increasing run
  // of positions after (= a longest common subsequence of ids) moved.
  const common = before.scenes.filter((s) => indexAfter.has(s.id));
  const stay = longestIncreasing(common.map((s) => indexAfter.get(s.id)!));
  const kept = new Set(stay.map((k) => common[k]!.id));

  after.scenes.forEach((s, i) => {
    const from = indexBefore.get(s.id);
    if (from === undefined) {
      scenes.added.push(ref(s, i));
      return;
    }
    if (!kept.has(s.id)) scenes.moved.push({ ...ref(s, i), from });
    const fields = fieldChanges(SCENE_CONTENT_FIELDS, before.scenes[from]!, s);
    if (fields.length) scenes.changed.push({ ...ref(s, i), fields });
  });

  return { settings, cast, scenes };
}

export function isEmptyDiff(diff: TimelineDiff): boolean {
  return (
    !diff.settings.length &&
    !diff.cast.added.length &&
    !diff.cast.removed.length &&
    !diff.cast.changed.length &&
    !diff.scenes.added.length &&
    !diff.scenes.removed.length &&
    !diff.scenes.moved.length &&
    !diff.scenes.changed.length
  );
}

/** Indexes (into `values`) of one longest strictly increasing subsequence; O(n log n). */
function longestIncreasing(values: readonly number[]): number[] {
  const tails: number[] = []; // index of the smallest tail of a run of each length
  const previous = new Array<number>(values.length).fill(-1);
  values.forEach((v, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]!]! < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const out: number[] = [];
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = previous[i]!) {
    out.push(i);
  }
  return out.reverse();
}

/** Beyond this many tokens on a side, the diff is one removed and one added part. */
const MAX_LCS_TOKENS = 4000;

/** Words and runs of white space. */
const TOKEN = /\s+|\S+/g;

const tokens = (text: string) => text.match(TOKEN) ?? [];

/**
 * Word-level diff (longest common subsequence of words). White space stays
 * attached to the change it sits in: "quick brown" → "slow red" is one
 * removed and one added part, not two words around an unchanged space.
 * Joining the `same` and `removed` parts gives `before`; the `same` and
 * `added` parts give `after`. Adjacent parts of one kind are merged, and in
 * each changed stretch the removed text comes first.
 */
export function diffWords(before: string, after: string): TextPart[] {
  if (before === after) return before ? [{ kind: 'same', text: before }] : [];
  const a = tokens(before);
  const b = tokens(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (
    end < a.length - start &&
    end < b.length - start &&
    a[a.length - 1 - end] === b[b.length - 1 - end]
  ) {
    end++;
  }
  const raw: TextPart[] = [{ kind: 'same', text: a.slice(0, start).join('') }];
  const midA = a.slice(start, a.length - end);
  const midB = b.slice(start, b.length - end);
  if (midA.length > MAX_LCS_TOKENS || midB.length > MAX_LCS_TOKENS) {
    raw.push({ kind: 'removed', text: midA.join('') }, { kind: 'added', text: midB.join('') });
  } else {
    raw.push(...lcsDiff(midA, midB));
  }
  raw.push({ kind: 'same', text: a.slice(a.length - end).join('') });
  return normalise(raw);
}

/** Token diff by a longest common subsequence table (suffix lengths). */
function lcsDiff(a: readonly string[], b: readonly string[]): TextPart[] {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  // lengths[i * width + j] = LCS length of a[i:] and b[j:]; ≤ 4000 fits in 16 bits.
  const lengths = new Uint16Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? lengths[(i + 1) * width + j + 1]! + 1
          : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const out: TextPart[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i]! });
      i++;
      j++;
    } else if (j >= m || (i < n && lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!)) {
      out.push({ kind: 'removed', text: a[i]! });
      i++;
    } else {
      out.push({ kind: 'added', text: b[j]! });
      j++;
    }
  }
  return out;
}

interface Stretch {
  same: string;
  removed: string;
  added: string;
}

/**
 * Groups parts into unchanged and changed stretches, folds white space left
 * unchanged between two changes into the change, then writes each changed
 * stretch as removed-then-added, without empty parts.
 */
function normalise(parts: readonly TextPart[]): TextPart[] {
  const stretches: Stretch[] = [];
  for (const part of parts) {
    if (!part.text) continue;
    const last = stretches[stretches.length - 1];
    const isSame = part.kind === 'same';
    if (last && (isSame ? last.same !== '' : last.same === '')) {
      if (isSame) last.same += part.text;
      else last[part.kind] += part.text;
    } else {
      stretches.push({
        same: isSame ? part.text : '',
        removed: part.kind === 'removed' ? part.text : '',
        added: part.kind === 'added' ? part.text : '',
      });
    }
  }
  const merged: Stretch[] = [];
  for (let k = 0; k < stretches.length; k++) {
    const stretch = stretches[k]!;
    const prev = merged[merged.length - 1];
    const next = stretches[k + 1];
    if (stretch.same && /^\s+$/.test(stretch.same) && prev && !prev.same && next && !next.same) {
      prev.removed += stretch.same + next.removed;
      prev.added += stretch.same + next.added;
      k++;
    } else {
      merged.push({ ...stretch });
    }
  }
  const out: TextPart[] = [];
  for (const stretch of merged) {
    if (stretch.same) out.push({ kind: 'same', text: stretch.same });
    if (stretch.removed) out.push({ kind: 'removed', text: stretch.removed });
    if (stretch.added) out.push({ kind: 'added', text: stretch.added });
  }
  return out;
}

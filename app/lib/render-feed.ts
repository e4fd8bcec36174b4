import type { MeasuredNarration } from '../../shared/scene-duration.ts';
import { parseJsonObject } from '../../shared/json-value.ts';
import type { RenderRecord } from '../../shared/api/renders.ts';
import type { Depiction } from '../../shared/render/depiction.ts';

/** Newest first (by creation, then id, so every client orders ties alike). */
const newestFirst = (a: RenderRecord, b: RenderRecord) =>
  b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

/** The list with `record` in place of the one with its id (or added), newest first. */
export function upsertRender(list: readonly RenderRecord[], record: RenderRecord): RenderRecord[] {
  const next = list.filter((r) => r.id !== record.id);
  next.push(record);
  return next.sort(newestFirst);
}

/**
 * The render in a stateless message of the project document
 * (`{ type: 'render', render }`), or null for any other message.
 */
export function renderFromMessage(payload: string, projectId: string): RenderRecord | null {
  const message = parseJsonObject(payload);
  if (!message) return null;
  const { type, render } = message as { type?: unknown; render?: Partial<RenderRecord> };
  if (type !== 'render' || !render || typeof render !== 'object') return null;
  if (typeof render.id !== 'string' || render.projectId !== projectId) return null;
  return render as RenderRecord;
}

/**
 * The renders of one project as this client knows them: a loaded list, then
 * the live updates the server relays. API answers (a list, or the record an
 * action returned) were read at some moment: a live update received after
 * the request went out is newer, so it wins over the answer.
 */
export class RenderFeed {
  #list: RenderRecord[];
  #clock = 0;
  /** Render id → clock of the last live update applied. */
  #liveAt = new Map<string, number>();
  #listeners = new Set<() => void>();

  constructor(initial: readonly RenderRecord[] = []) {
    this.#list = [...initial].sort(newestFirst);
  }

  subscribe = (listener: () => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  getSnapshot = (): readonly RenderRecord[] => this.#list;

  /** Take before sending a request; give it back with the answer. */
  mark(): number {
    return this.#clock;
  }

  /** A live update (stateless message): always the newest word on that render. */
  live(record: RenderRecord) {
    this.#clock++;
    this.#liveAt.set(record.id, this.#clock);
    this.#set(upsertRender(this.#list, record));
  }

  /** One render as an API call returned it, unless a live update arrived since `mark`. */
  answer(record: RenderRecord, mark: number) {
    if ((this.#liveAt.get(record.id) ?? -1) > mark) return;
    this.#set(upsertRender(this.#list, record));
  }

  /**
   * The first page of the list as the API returned it; live updates newer
   * than `mark` are kept, and so are renders older than the page that "Load
   * more" brought in (when `hasMore`: the page does not reach them).
   */
  replace(records: readonly RenderRecord[], mark: number, hasMore = false) {
    let next = [...records].sort(newestFirst);
    const oldest = next.at(-1);
    const inPage = new Set(next.map((r) => r.id));
    for (const current of this.#list) {
      const liveSince = (this.#liveAt.get(current.id) ?? -1) > mark;
      const olderPage =
        hasMore && !inPage.has(current.id) && (!oldest || newestFirst(oldest, current) < 0);
      if (liveSince || olderPage) next = upsertRender(next, current);
    }
    this.#set(next);
  }

  /** An older page ("Load more"): added unless a live update since `mark` is newer. */
  older(records: readonly RenderRecord[], mark: number) {
    let next = this.#list;
    for (const record of records) {
      if ((this.#liveAt.get(record.id) ?? -1) > mark) continue;
      next = upsertRender(next, record);
    }
    this.#set(next);
  }

  #set(list: RenderRecord[]) {
    this.#list = list;
    for (const listener of this.#listeners) listener();
  }
}

type RenderOutputView = NonNullable<RenderRecord['output']>;

/**
 * Per scene id, what `entries` gives for it in the latest done render that
 * has one (the newest revision first, then the last finished).
 */
function latestPerScene<T>(
  renders: readonly RenderRecord[],
  entries: (output: RenderOutputView) => readonly (readonly [string, T])[],
): Map<string, T> {
  const done = renders
    .filter((r) => r.status === 'done' && r.output)
    .sort(
      (a, b) =>
        (b.revisionNumber ?? 0) - (a.revisionNumber ?? 0) ||
        (b.finishedAt ?? '').localeCompare(a.finishedAt ?? ''),
    );
  const latest = new Map<string, T>();
  for (const render of done) {
    for (const [sceneId, value] of entries(render.output!)) {
      if (!latest.has(sceneId)) latest.set(sceneId, value);
    }
  }
  return latest;
}

/** Per scene id, its thumbnail in the latest done render that has one, for the scene cards. */
export function latestThumbnails(renders: readonly RenderRecord[]): Map<string, string> {
  return latestPerScene(renders, (output) => output.thumbnails.map((t) => [t.sceneId, t.url]));
}

/**
 * Per scene id, its narration as the latest done render that spoke it
 * measured it (with the fingerprint of the text, so an edited narration is
 * estimated again), for the timeline and the scene cards.
 */
export function latestNarrations(renders: readonly RenderRecord[]): Map<string, MeasuredNarration> {
  return latestPerScene(renders, (output) =>
    (output.narrationSec ?? []).map((n) => [n.sceneId, { sec: n.sec, fingerprint: n.fingerprint }]),
  );
}

/** Per scene id, what its picture depicted in the latest done render that recorded it. */
export function latestDepictions(renders: readonly RenderRecord[]): Map<string, Depiction> {
  return latestPerScene(renders, (output) =>
    (output.depictions ?? []).map((d) => [d.sceneId, d.depiction]),
  );
}

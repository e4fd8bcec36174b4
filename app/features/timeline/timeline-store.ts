/**
 * Small external stores of the timeline (no React here; the hooks live in
 * use-timeline-stores.ts).
 *
 * DurationStore: each scene's effective duration, published by its video
 * block (which already listens to that scene's narration and durationSec).
 * The timeline reads it for the ruler, the total and drop targets, so it
 * never has to observe every scene itself and typing in one narration
 * re-renders only that scene's blocks (plus the ruler when the total moves).
 *
 * PreviewStore: the duration shown while someone drags a block's edge, before
 * it is written to the document on release.
 */

type Listener = () => void;

class Emitter {
  #listeners = new Set<Listener>();

  subscribe = (listener: Listener) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  protected emit() {
    for (const listener of [...this.#listeners]) listener();
  }
}

export class DurationStore extends Emitter {
  #secs = new Map<string, number>();
  #version = 0;

  /** Changes whenever any duration does (the snapshot for useSyncExternalStore). */
  getVersion = () => this.#version;

  get(id: string): number | undefined {
    return this.#secs.get(id);
  }

  set(id: string, sec: number) {
    if (this.#secs.get(id) === sec) return;
    this.#secs.set(id, sec);
    this.#version++;
    this.emit();
  }

  delete(id: string) {
    if (!this.#secs.delete(id)) return;
    this.#version++;
    this.emit();
  }
}

export class PreviewStore extends Emitter {
  #current: { id: string; sec: number } | null = null;

  get current(): { id: string; sec: number } | null {
    return this.#current;
  }

  /** The previewed duration of one scene, null when it is not being resized. */
  get(id: string): number | null {
    return this.#current?.id === id ? this.#current.sec : null;
  }

  set(id: string, sec: number) {
    if (this.#current?.id === id && this.#current.sec === sec) return;
    this.#current = { id, sec };
    this.emit();
  }

  clear() {
    if (!this.#current) return;
    this.#current = null;
    this.emit();
  }
}

import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import {
  copyFile,
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { isContentHash } from '../content-key.ts';
import type { GeneratedAssetRecord } from '../render/asset-record.ts';

/**
 * The content-addressed media store: `<root>/<2 hex>/<hash>.<ext>`.
 *
 * Invariants:
 * - A file at its final path is complete: producers write into `<root>/tmp`
 *   and the store renames into place (same file system, so atomic). Two
 *   producers of one hash, even on two machines sharing the volume, both
 *   write complete files and the last rename wins.
 * - A hash names one content: the key of its exact inputs (derived
 *   artifacts) or of its bytes (uploads). Nothing is ever modified in place.
 * - Reusing an artifact refreshes its mtime, so garbage collection's grace
 *   period protects what a running render has just used or made.
 */

export interface StoredArtifact {
  hash: string;
  ext: string;
  path: string;
  /** True when the artifact already existed and `make` did not run. */
  hit: boolean;
}

export interface GarbageReport {
  removed: number;
  freedBytes: number;
  kept: number;
}

export interface Scratch {
  path: string;
  /** A path inside the scratch directory. */
  file(name: string): string;
  dispose(): Promise<void>;
}

const EXT = /^[a-z0-9]{1,8}$/;
const SHARD = /^[0-9a-f]{2}$/;
const ARTIFACT_FILE = /^([0-9a-f]{64})\.([a-z0-9]{1,8})$/;
/** A generated asset's record (issue 14): beside its asset, never found by `locate`. */
const RECORD_FILE = /^([0-9a-f]{64})\.record\.json$/;
const DEFAULT_GRACE_MS = 60 * 60 * 1000;

export class MediaStore {
  readonly root: string;
  /** Who writes through this store (a render node's id, a web instance's): named in asset records. */
  readonly owner: string;
  /** Holds every owner's temporary files (`tmp/<owner>/`). */
  readonly tempRoot: string;
  /** This process's temporary files: a render node clears its own at start (it may have been killed). */
  readonly tempDir: string;
  readonly #inFlight = new Map<string, Promise<StoredArtifact>>();

  constructor(root: string, options: { owner?: string } = {}) {
    this.root = root;
    this.owner = options.owner ?? 'shared';
    this.tempRoot = join(root, 'tmp');
    this.tempDir = join(
      this.tempRoot,
      (options.owner ?? 'shared').replace(/[^A-Za-z0-9._-]/g, '_'),
    );
  }

  pathFor(hash: string, ext: string): string {
    assertArtifactName(hash, ext);
    return join(this.root, hash.slice(0, 2), `${hash}.${ext}`);
  }

  async has(hash: string, ext: string): Promise<boolean> {
    return exists(this.pathFor(hash, ext));
  }

  /** The file of a hash whatever its extension (uploads are referenced by hash only). */
  async locate(hash: string): Promise<string | null> {
    if (!isContentHash(hash)) return null;
    const shard = join(this.root, hash.slice(0, 2));
    const names = await readdir(shard).catch(() => [] as string[]);
    const name = names.find((n) => n.startsWith(`${hash}.`) && ARTIFACT_FILE.test(n));
    return name ? join(shard, name) : null;
  }

  /**
   * The artifact `hash.ext`, made by `make(tempPath)` unless it exists. `make`
   * writes a complete file at `tempPath`; the store renames it into place, or
   * removes it when `make` throws. Concurrent calls for one artifact in this
   * process share one `make`; if that one is cancelled by its own caller,
   * a caller that is still running makes the artifact itself.
   */
  produce(
    hash: string,
    ext: string,
    make: (tempPath: string) => Promise<void>,
    options: { signal?: AbortSignal } = {},
  ): Promise<StoredArtifact> {
    const path = this.pathFor(hash, ext);
    const key = `${hash}.${ext}`;
    const running = this.#inFlight.get(key);
    if (running) {
      return running.then(
        (a) => ({ ...a, hit: true }),
        (error: unknown) => {
          const cancelledElsewhere = isAbort(error) && !options.signal?.aborted;
          if (!cancelledElsewhere) throw error;
          return this.produce(hash, ext, make, options);
        },
      );
    }
    const work = this.#produce(hash, ext, path, make).finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, work);
    return work;
  }

  async #produce(
    hash: string,
    ext: string,
    path: string,
    make: (tempPath: string) => Promise<void>,
  ): Promise<StoredArtifact> {
    if (await exists(path)) {
      await touch(path);
      return { hash, ext, path, hit: true };
    }
    await mkdir(this.tempDir, { recursive: true });
    await mkdir(join(this.root, hash.slice(0, 2)), { recursive: true });
    const temp = join(this.tempDir, `${hash}.${randomBytes(4).toString('hex')}.${ext}`);
    try {
      await make(temp);
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    return { hash, ext, path, hit: false };
  }

  /**
   * The artifact `hash.ext` and the record of how it was made (issue 14),
   * made together by `make`: the record is written (atomically, by rename)
   * before the asset is renamed into place, so an asset a generator made
   * always has its record. An asset that exists is not made again and its
   * record is left as it is.
   */
  async produceRecorded(
    hash: string,
    ext: string,
    make: (tempPath: string) => Promise<GeneratedAssetRecord>,
    options: { signal?: AbortSignal } = {},
  ): Promise<StoredArtifact & { record?: GeneratedAssetRecord }> {
    let record: GeneratedAssetRecord | undefined;
    const made = await this.produce(
      hash,
      ext,
      async (temp) => {
        record = await make(temp);
        await this.#writeRecord(hash, record);
      },
      options,
    );
    // The record only when this call made the asset (a hit made nothing to time).
    return made.hit || !record ? made : { ...made, record };
  }

  /** The record of a generated asset, or null (an upload, a derived artifact, an old asset). */
  async readRecord(hash: string): Promise<GeneratedAssetRecord | null> {
    if (!isContentHash(hash)) return null;
    const text = await readFile(this.#recordPath(hash), 'utf8').catch(() => null);
    if (text === null) return null;
    try {
      return JSON.parse(text) as GeneratedAssetRecord;
    } catch {
      return null;
    }
  }

  #recordPath(hash: string) {
    return join(this.root, hash.slice(0, 2), `${hash}.record.json`);
  }

  async #writeRecord(hash: string, record: GeneratedAssetRecord) {
    if (record.hash !== hash) throw new Error(`the record of ${hash} names ${record.hash}`);
    await mkdir(this.tempDir, { recursive: true });
    const temp = join(this.tempDir, `${hash}.${randomBytes(4).toString('hex')}.record.json`);
    try {
      await writeFile(temp, JSON.stringify(record));
      await rename(temp, this.#recordPath(hash));
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  /** Copies a file in under the hash of its bytes (uploads); returns the hash. */
  async importFile(source: string, ext: string): Promise<string> {
    const digest = createHash('sha256');
    await pipeline(createReadStream(source), digest);
    const hash = digest.digest('hex');
    await this.produce(hash, ext, (temp) => copyFile(source, temp));
    return hash;
  }

  /** A private working directory under the store's temp dir; dispose it in `finally`. */
  async createScratch(): Promise<Scratch> {
    const path = join(this.tempDir, `scratch-${randomBytes(6).toString('hex')}`);
    await mkdir(path, { recursive: true });
    return {
      path,
      file: (name) => join(path, name),
      dispose: () => rm(path, { recursive: true, force: true }),
    };
  }

  /**
   * Removes every artifact whose hash is not in `referenced` and that was not
   * made or reused within `graceMs` (renders in progress reference artifacts
   * no database row knows yet), and temp files older than the grace period
   * (left by a crashed process).
   */
  async garbageCollect(
    referenced: ReadonlySet<string>,
    options: { graceMs?: number; now?: number } = {},
  ): Promise<GarbageReport> {
    const cutoff = (options.now ?? Date.now()) - (options.graceMs ?? DEFAULT_GRACE_MS);
    const report: GarbageReport = { removed: 0, freedBytes: 0, kept: 0 };
    const shards = (await readdir(this.root).catch(() => [] as string[])).filter((n) =>
      SHARD.test(n),
    );
    for (const shard of shards) {
      for (const name of await readdir(join(this.root, shard)).catch(() => [] as string[])) {
        // A record goes with its asset: same hash, same references, same grace.
        const match = ARTIFACT_FILE.exec(name) ?? RECORD_FILE.exec(name);
        if (!match) continue;
        const path = join(this.root, shard, name);
        const info = await stat(path).catch(() => null);
        if (!info) continue;
        if (referenced.has(match[1]!) || info.mtimeMs > cutoff) {
          report.kept++;
          continue;
        }
        await rm(path, { force: true });
        report.removed++;
        report.freedBytes += info.size;
      }
    }
    for (const owner of await readdir(this.tempRoot).catch(() => [] as string[])) {
      const ownerDir = join(this.tempRoot, owner);
      for (const name of await readdir(ownerDir).catch(() => [] as string[])) {
        const path = join(ownerDir, name);
        const info = await stat(path).catch(() => null);
        if (info && info.mtimeMs <= cutoff) await rm(path, { recursive: true, force: true });
      }
    }
    return report;
  }

  /** Removes this owner's temporary files: what a killed predecessor with the same owner left. */
  async clearOwnTemp() {
    await rm(this.tempDir, { recursive: true, force: true });
  }
}

function assertArtifactName(hash: string, ext: string) {
  if (!isContentHash(hash)) throw new Error(`not a content hash: ${hash}`);
  if (!EXT.test(ext)) throw new Error(`not an artifact extension: ${ext}`);
}

const isAbort = (error: unknown) =>
  error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');

async function exists(path: string) {
  return (await stat(path).catch(() => null))?.isFile() ?? false;
}

async function touch(path: string) {
  const now = new Date();
  await utimes(path, now, now).catch(() => undefined);
}

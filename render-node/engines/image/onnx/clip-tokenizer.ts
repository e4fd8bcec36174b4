import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import type { InstalledModel } from '../../../inference/contract.ts';

/**
 * The CLIP tokenizer of an installed model, loaded from its own
 * `tokenizer.json` (and `tokenizer_config.json` when present) with Hugging
 * Face's tokenizers library: the exact BPE, normalisation and special tokens
 * the text encoder was trained with, never a hand-written copy. CLIP reads a
 * fixed number of tokens (77): `<|startoftext|>`, the prompt, `<|endoftext|>`,
 * then padding; longer prompts are cut, keeping the end token.
 */

export interface ClipTokenizer {
  /** Token ids of `text`, padded or truncated to exactly `length`. */
  encode(text: string, length: number): number[];
}

/** Loaded tokenizers by model hash: a model's files never change under the same hash. */
const loaded = new Map<string, Promise<ClipTokenizer>>();

export function clipTokenizer(model: InstalledModel): Promise<ClipTokenizer> {
  let tokenizer = loaded.get(model.hash);
  if (!tokenizer) {
    tokenizer = loadClipTokenizer(model);
    loaded.set(model.hash, tokenizer);
    tokenizer.catch(() => loaded.delete(model.hash));
  }
  return tokenizer;
}

async function readJson(model: InstalledModel, role: string): Promise<object | undefined> {
  const file = model.manifest.files.find((f) => f.role === role);
  if (!file) return undefined;
  const text = await readFile(path.join(model.dir, file.path), 'utf8');
  try {
    return JSON.parse(text) as object;
  } catch (error) {
    throw new Error(
      `model ${model.manifest.id}: ${file.path} is not JSON (${(error as Error).message})`,
    );
  }
}

/** A special token's text from tokenizer_config.json ("<|endoftext|>" or {content: "<|endoftext|>"}). */
function tokenText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (
    value &&
    typeof value === 'object' &&
    typeof (value as { content?: unknown }).content === 'string'
  ) {
    return (value as { content: string }).content;
  }
  return undefined;
}

export async function loadClipTokenizer(model: InstalledModel): Promise<ClipTokenizer> {
  const json = await readJson(model, 'tokenizer');
  if (!json) throw new Error(`model ${model.manifest.id} has no tokenizer file`);
  const config = ((await readJson(model, 'tokenizer_config')) ?? {}) as Record<string, unknown>;
  let tokenizer: Tokenizer;
  try {
    tokenizer = new Tokenizer(json, config);
  } catch (error) {
    throw new Error(
      `model ${model.manifest.id}: its tokenizer does not load (${(error as Error).message})`,
    );
  }
  const idOf = (key: string, fallback: string): number | undefined =>
    tokenizer.token_to_id(tokenText(config[key]) ?? fallback);
  const eos = idOf('eos_token', '<|endoftext|>');
  if (eos === undefined) {
    throw new Error(`model ${model.manifest.id}: its tokenizer has no end-of-text token`);
  }
  // SD 1.x pads with <|endoftext|>, SD 2.x and SD-Turbo with "!": the config says which.
  const pad = idOf('pad_token', '<|endoftext|>') ?? eos;
  return {
    encode(text, length) {
      const ids = tokenizer.encode(text).ids;
      if (ids.length > length) return [...ids.slice(0, length - 1), eos];
      return [...ids, ...new Array<number>(length - ids.length).fill(pad)];
    },
  };
}

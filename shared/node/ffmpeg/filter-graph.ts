/**
 * Builds ffmpeg filter graphs as strings, with ffmpeg's two levels of
 * escaping applied to every option value. Pure; the adapter passes the
 * result to ffmpeg as one `-filter_complex` argument (no shell involved).
 */

export type FilterArgs = Record<string, string | number | boolean>;

/**
 * Escapes a value for a filter option inside a filter graph: first for the
 * option parser (`\ ' :`), then for the graph parser (`\ ' [ ] , ;`).
 * See "Notes on filtergraph escaping" in the ffmpeg filters documentation.
 */
export function escapeFilterValue(value: string | number | boolean): string {
  const optionLevel = String(value).replace(/[\\':]/g, '\\$&');
  return optionLevel.replace(/[\\'[\],;]/g, '\\$&');
}

/** One filter with named options, e.g. `filter('scale', { w: 320, h: -2 })` → `scale=w=320:h=-2`. */
export function filter(name: string, args: FilterArgs = {}): string {
  const parts = Object.entries(args).map(([key, v]) => `${key}=${escapeFilterValue(v)}`);
  return parts.length ? `${name}=${parts.join(':')}` : name;
}

const label = (name: string) => `[${name}]`;

/** A linear chain: `[in1][in2]f1,f2[out]`. */
export function chain(
  inputs: readonly string[],
  filters: readonly string[],
  outputs: readonly string[],
) {
  if (filters.length === 0) throw new Error('a filter chain needs at least one filter');
  return `${inputs.map(label).join('')}${filters.join(',')}${outputs.map(label).join('')}`;
}

/** A whole graph from its chains. */
export const graph = (chains: readonly string[]) => chains.join(';');

import type { Language, StylePreset } from '../../../shared/timeline.ts';
import { RASTER_VERSION, rasteriseSvg } from './rasterise-svg.ts';
import { el, n, text } from './svg.ts';
import { fitLine, measureText, wrapText, type Face } from './typeset.ts';

/**
 * The lettering: the still layer of a storyboard frame (kicker, title, one
 * line of narration, and for the cinematic style the letterbox). It is kept
 * apart from the picture so the picture can zoom and pan under it while the
 * type stays sharp and steady — and so any image engine gets the same
 * typography. Transparent PNG, same size as the picture.
 */

export const LETTERING_VERSION = `lettering-1/${RASTER_VERSION}`;

export interface LetteringRequest {
  /** e.g. "ACT 2 · THE HARBOUR"; may be empty. */
  kicker: string;
  title: string;
  /** One line of narration, quoted; empty for none (captions burned in say it already). */
  narrationLine: string;
  stylePreset: StylePreset;
  language: Language;
  /** The picture palette's accent, so type and picture agree. */
  accent: string;
  /** Lower-left by default; upper-left leaves the bottom to burned-in captions. */
  placement: 'lower' | 'upper';
  width: number;
  height: number;
}

interface TypeLook {
  titleFace: Face;
  quoteFace: Face;
  quoteItalic: boolean;
  ink: string;
  backing: 'scrim' | 'card' | 'label' | 'outline';
  letterbox: boolean;
}

const TYPE_LOOKS: Record<StylePreset, TypeLook> = {
  cinematic: {
    titleFace: 'serif-bold',
    quoteFace: 'serif',
    quoteItalic: true,
    ink: '#ffffff',
    backing: 'scrim',
    letterbox: true,
  },
  photorealistic: {
    titleFace: 'sans-bold',
    quoteFace: 'sans',
    quoteItalic: true,
    ink: '#ffffff',
    backing: 'scrim',
    letterbox: false,
  },
  anime: {
    titleFace: 'sans-bold',
    quoteFace: 'sans',
    quoteItalic: false,
    ink: '#ffffff',
    backing: 'outline',
    letterbox: false,
  },
  '3d-render': {
    titleFace: 'sans-bold',
    quoteFace: 'sans',
    quoteItalic: false,
    ink: '#ffffff',
    backing: 'card',
    letterbox: false,
  },
  watercolor: {
    titleFace: 'serif-bold',
    quoteFace: 'serif',
    quoteItalic: true,
    ink: '#2f2723',
    backing: 'label',
    letterbox: false,
  },
  'line-art': {
    titleFace: 'sans-bold',
    quoteFace: 'sans',
    quoteItalic: false,
    ink: '#1d1d24',
    backing: 'label',
    letterbox: false,
  },
};

const FAMILY: Record<Face, string> = {
  sans: 'DejaVu Sans',
  'sans-bold': 'DejaVu Sans',
  serif: 'DejaVu Serif',
  'serif-bold': 'DejaVu Serif',
  'condensed-bold': 'DejaVu Sans Condensed',
};
const isBold = (face: Face) => face.endsWith('bold');

export function renderLettering(
  request: LetteringRequest,
  outputPath: string,
  signal: AbortSignal,
) {
  return rasteriseSvg(designLettering(request), outputPath, signal);
}

/** The letterbox bar height for a frame: bars to 2:1 on landscape frames, none otherwise. */
export function letterboxHeight(width: number, height: number): number {
  const target = width / 2;
  return width / height >= 1.3 && target < height ? Math.round((height - target) / 2) : 0;
}

/** The lettering as SVG (pure). */
export function designLettering(request: LetteringRequest): string {
  const { width: W, height: H, placement } = request;
  const look = TYPE_LOOKS[request.stylePreset];
  const u = Math.min(W, H) / 100;
  const portrait = H > W * 1.1;
  const bar = look.letterbox ? letterboxHeight(W, H) : 0;
  const marginX = Math.max(5 * u, W * 0.06);
  const marginY = Math.max(5.5 * u, H * 0.07) + bar;
  const maxWidth = portrait ? W - 2 * marginX : Math.min(W * 0.6, W - 2 * marginX);

  const kickerStyle = { face: 'condensed-bold' as Face, size: 2.3 * u, tracking: 0.16 };
  const titleStyle = { face: look.titleFace, size: (portrait ? 6.6 : 6.2) * u };
  const quoteStyle = { face: look.quoteFace, size: 2.9 * u };
  const kicker = request.kicker ? fitLine(request.kicker.toUpperCase(), kickerStyle, maxWidth) : '';
  const titleLines = request.title.trim() ? wrapText(request.title, titleStyle, maxWidth, 2) : [];
  const [open, close] =
    request.language === 'fr' ? ['\u00ab\u00a0', '\u00a0\u00bb'] : ['\u201c', '\u201d'];
  // The marks stay when the line is shortened: fit the words in what the marks leave.
  const marksWidth = measureText(`${open}${close}`, quoteStyle.face, quoteStyle.size);
  const quote = request.narrationLine.trim()
    ? `${open}${fitLine(request.narrationLine, quoteStyle, maxWidth - marksWidth)}${close}`
    : '';

  // Stack the block from its baseline positions, top to bottom.
  type Line = { y: number; content: string };
  const gap = 1.6 * u;
  const blocks: { kicker?: Line; title: Line[]; rule?: number; quote?: Line } = { title: [] };
  let y = 0;
  if (kicker) {
    y += kickerStyle.size;
    blocks.kicker = { y, content: kicker };
    y += gap;
  }
  for (const line of titleLines) {
    y += titleStyle.size * (blocks.title.length ? 1.08 : 1);
    blocks.title.push({ y, content: line });
  }
  if (quote) {
    y += gap * 1.2;
    blocks.rule = y;
    y += gap * 1.2 + quoteStyle.size;
    blocks.quote = { y, content: quote };
  }
  const blockHeight = y + titleStyle.size * 0.25;
  if (blockHeight <= titleStyle.size * 0.25) return emptySvg(W, H, bar);
  const top = placement === 'lower' ? H - marginY - blockHeight : marginY;
  const widest = Math.max(
    kicker ? measureText(kicker, kickerStyle.face, kickerStyle.size, kickerStyle.tracking) : 0,
    ...titleLines.map((l) => measureText(l, titleStyle.face, titleStyle.size)),
    quote ? measureText(quote, quoteStyle.face, quoteStyle.size) : 0,
  );

  const parts: string[] = [];
  const defs: string[] = [];
  if (look.backing === 'scrim' || look.backing === 'outline') {
    const lower = placement === 'lower';
    defs.push(
      el(
        'linearGradient',
        { id: 'scrim', x1: 0, y1: lower ? 0 : 1, x2: 0, y2: lower ? 1 : 0 },
        el('stop', { offset: 0, 'stop-color': '#000', 'stop-opacity': 0 }),
        el('stop', {
          offset: 1,
          'stop-color': '#000',
          'stop-opacity': look.backing === 'scrim' ? 0.62 : 0.3,
        }),
      ),
    );
    const scrimTop = lower ? top - 10 * u : 0;
    const scrimHeight = lower ? H - scrimTop : top + blockHeight + 10 * u;
    parts.push(
      el('rect', { x: 0, y: scrimTop, width: W, height: scrimHeight, fill: 'url(#scrim)' }),
    );
  } else {
    const pad = 2.4 * u;
    parts.push(
      el('rect', {
        x: marginX - pad,
        y: top - pad,
        width: widest + pad * 2,
        height: blockHeight + pad * 2,
        rx: look.backing === 'card' ? 1.6 * u : 0,
        fill: look.backing === 'card' ? '#ffffff' : '#fbf8f1',
        'fill-opacity': look.backing === 'card' ? 0.14 : 0.93,
        stroke: look.backing === 'card' ? '#ffffff' : look.ink,
        'stroke-opacity': look.backing === 'card' ? 0.35 : 0.85,
        'stroke-width': (look.backing === 'card' ? 0.15 : 0.22) * u,
      }),
    );
  }

  const x = marginX;
  const outline =
    look.backing === 'outline'
      ? {
          stroke: '#1b1830',
          'stroke-width': 0.7 * u,
          'paint-order': 'stroke',
          'stroke-linejoin': 'round',
        }
      : {};
  if (blocks.kicker) {
    if (look.backing === 'outline') {
      const w = measureText(kicker, kickerStyle.face, kickerStyle.size, kickerStyle.tracking);
      parts.push(
        el('rect', {
          x: x - 0.9 * u,
          y: top + blocks.kicker.y - kickerStyle.size * 1.05,
          width: w + 1.8 * u,
          height: kickerStyle.size * 1.45,
          rx: 0.5 * u,
          fill: request.accent,
        }),
      );
    }
    parts.push(
      text(
        {
          x,
          y: top + blocks.kicker.y,
          'font-family': FAMILY[kickerStyle.face],
          'font-weight': 'bold',
          'font-size': kickerStyle.size,
          'letter-spacing': kickerStyle.tracking * kickerStyle.size,
          fill: look.backing === 'outline' ? '#1b1830' : request.accent,
        },
        blocks.kicker.content,
      ),
    );
  }
  for (const line of blocks.title) {
    parts.push(
      text(
        {
          x,
          y: top + line.y,
          'font-family': FAMILY[titleStyle.face],
          'font-weight': isBold(titleStyle.face) ? 'bold' : undefined,
          'font-size': titleStyle.size,
          fill: look.ink,
          ...outline,
        },
        line.content,
      ),
    );
  }
  if (blocks.rule !== undefined) {
    parts.push(
      el('rect', { x, y: top + blocks.rule, width: 7 * u, height: 0.32 * u, fill: request.accent }),
    );
  }
  if (blocks.quote) {
    parts.push(
      text(
        {
          x,
          y: top + blocks.quote.y,
          'font-family': FAMILY[quoteStyle.face],
          'font-style': look.quoteItalic ? 'italic' : undefined,
          'font-size': quoteStyle.size,
          fill: look.ink,
          'fill-opacity': 0.92,
          ...outline,
          'stroke-width': look.backing === 'outline' ? 0.45 * u : undefined,
        },
        blocks.quote.content,
      ),
    );
  }
  return el(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', width: W, height: H, viewBox: `0 0 ${W} ${H}` },
    el('defs', {}, ...defs),
    letterbox(W, H, bar),
    ...parts,
  );
}

function letterbox(W: number, H: number, bar: number) {
  if (bar <= 0) return '';
  return el('path', {
    d: `M0 0 H${n(W)} V${n(bar)} H0 Z M0 ${n(H - bar)} H${n(W)} V${n(H)} H0 Z`,
    fill: '#000',
  });
}

function emptySvg(W: number, H: number, bar: number) {
  return el(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', width: W, height: H, viewBox: `0 0 ${W} ${H}` },
    letterbox(W, H, bar),
  );
}

import { mix } from './palette.ts';
import { paint, type Canvas } from './procedural-canvas.ts';
import { drawIcon } from './procedural-icons.ts';
import { el, n, smoothFill } from './svg.ts';

/**
 * The backdrop of each setting family, over the land of its terrain
 * (procedural-land.ts): what makes a café a café and a harbour a harbour.
 * Interiors are built here whole (walls, windows, floor, furniture); places
 * outside add their set dressing (a quay, stalls, a road, orchard rows).
 * Set dressing uses the same icon set as the props, drawn small and far.
 */

export function backdrop(c: Canvas): string {
  switch (c.reading.setting) {
    case 'room':
      return interior(c, { wall: '#b89a7a', window: 'sky', floor: 'boards' }, roomDecor(c));
    case 'cafe':
      return interior(c, { wall: '#7a4a2c', window: 'street', floor: 'tiles' }, cafeDecor(c));
    case 'kitchen':
      return interior(c, { wall: '#e8e1cf', window: 'sky', floor: 'tiles' }, kitchenDecor(c));
    case 'factory':
      return interior(
        c,
        { wall: '#59636e', window: 'industrial', floor: 'concrete' },
        factoryDecor(c),
      );
    case 'office':
      return interior(c, { wall: '#cfd8dc', window: 'street', floor: 'carpet' }, officeDecor(c));
    case 'classroom':
      return interior(c, { wall: '#e6d3a3', window: 'sky', floor: 'boards' }, classroomDecor(c));
    case 'stage':
      return stageSet(c);
    case 'street':
      return road(c);
    case 'market':
      return stalls(c);
    case 'harbour':
      return quay(c);
    case 'beach':
      return sand(c);
    case 'orchard':
      return treeRows(c, 'deciduous-tree', true);
    case 'field':
      return treeRows(c, 'deciduous-tree', false);
    case 'mountain':
      return scatter(c, 'evergreen-tree', 5, c.horizon + 14 * c.u, 9);
    case 'desert':
      return scatter(c, 'cactus', 3, c.horizon + 12 * c.u, 11);
    default:
      return '';
  }
}

/** Set dressing: an icon from the set, far or near. */
function prop(
  c: Canvas,
  icon: string,
  x: number,
  y: number,
  size: number,
  depth = 0.3,
  flip = false,
) {
  return drawIcon(c, { icon, x, y, size, depth, flip }, c.nextId());
}

interface Room {
  wall: string;
  window: 'sky' | 'street' | 'industrial';
  floor: 'boards' | 'tiles' | 'concrete' | 'carpet';
}

function interior(c: Canvas, room: Room, decor: string) {
  const { W, H, u, palette, look } = c;
  const floorY = c.floorY;
  const lightness = c.reading.time === 'night' ? 0.55 : c.reading.time === 'day' ? 0 : 0.25;
  const wallColour = mix(
    mix(room.wall, palette.near, lightness),
    look.paper ?? room.wall,
    look.wash,
  );
  const win =
    room.window === 'industrial'
      ? { x: W * 0.3, y: H * 0.1, w: W * 0.6, h: floorY - H * 0.3 }
      : { x: c.focalX - 16 * u, y: H * 0.14, w: 30 * u, h: floorY - H * 0.14 - 18 * u };
  c.defs.push(
    el(
      'clipPath',
      { id: 'window' },
      el('rect', { x: win.x, y: win.y, width: win.w, height: win.h }),
    ),
  );
  const wall = el('rect', { width: W, height: floorY, ...paint(c, 'mid', wallColour) });
  const outside: string[] = [
    el('rect', { x: win.x, y: win.y, width: win.w, height: win.h, fill: 'url(#sky)' }),
  ];
  if (room.window === 'street') {
    for (let i = 0; i < 6; i++) {
      const bw = win.w / 5;
      const bh = win.h * (0.3 + ((i * 37) % 50) / 100);
      outside.push(
        el('rect', {
          x: win.x + i * bw - bw * 0.2,
          y: win.y + win.h - bh,
          width: bw * 0.9,
          height: bh,
          fill: mix(palette.far, palette.skyBottom, 0.3),
        }),
      );
    }
  } else if (room.window === 'sky') {
    outside.push(
      el('path', {
        d: smoothFill(
          [
            [win.x, win.y + win.h * 0.8],
            [win.x + win.w * 0.5, win.y + win.h * 0.7],
            [win.x + win.w, win.y + win.h * 0.78],
          ],
          win.y + win.h,
        ),
        fill: palette.far,
      }),
    );
  }
  const frameColour = mix(wallColour, '#000000', 0.45);
  const panes = room.window === 'industrial' ? 8 : 2;
  let bars = '';
  for (let i = 1; i < panes; i++) {
    bars += `M${n(win.x + (win.w * i) / panes)} ${n(win.y)} V${n(win.y + win.h)} `;
  }
  for (let i = 1; i < (room.window === 'industrial' ? 4 : 2); i++) {
    const rows = room.window === 'industrial' ? 4 : 2;
    bars += `M${n(win.x)} ${n(win.y + (win.h * i) / rows)} H${n(win.x + win.w)} `;
  }
  const floorColour = {
    boards: '#8d5a3b',
    tiles: '#d9cdb8',
    concrete: '#7f8c8d',
    carpet: '#546e7a',
  }[room.floor];
  const floor = el('rect', {
    x: 0,
    y: floorY,
    width: W,
    height: H - floorY,
    ...paint(
      c,
      'near',
      mix(mix(floorColour, palette.near, lightness), look.paper ?? floorColour, look.wash),
    ),
  });
  const lines: string[] = [];
  if (room.floor === 'boards') {
    for (let i = -8; i <= 8; i++)
      lines.push(`M${n(W / 2 + i * 3 * u)} ${n(floorY)} L${n(W / 2 + i * 22 * u)} ${n(H)}`);
  } else if (room.floor === 'tiles') {
    for (let i = -10; i <= 10; i++)
      lines.push(`M${n(W / 2 + i * 4 * u)} ${n(floorY)} L${n(W / 2 + i * 26 * u)} ${n(H)}`);
    for (let y = floorY + 3 * u, step = 3 * u; y < H; step *= 1.35, y += step)
      lines.push(`M0 ${n(y)} H${n(W)}`);
  }
  return el(
    'g',
    {},
    wall,
    el('g', { 'clip-path': 'url(#window)' }, ...outside),
    el('rect', {
      x: win.x,
      y: win.y,
      width: win.w,
      height: win.h,
      fill: 'none',
      stroke: frameColour,
      'stroke-width': 1.2 * u,
    }),
    el('path', { d: bars, stroke: frameColour, 'stroke-width': 0.6 * u }),
    el('path', {
      d: `M${n(win.x)} ${n(win.y + win.h)} L${n(win.x + win.w)} ${n(win.y + win.h)} L${n(win.x + win.w + 20 * u)} ${n(H)} L${n(win.x - 14 * u)} ${n(H)} Z`,
      fill: palette.glow,
      opacity: c.reading.time === 'night' ? 0.05 : 0.12,
    }),
    floor,
    el('path', {
      d: lines.join(' '),
      stroke: mix(floorColour, '#000000', 0.4),
      'stroke-width': 0.25 * u,
      opacity: 0.5,
    }),
    decor,
  );
}

/** A lamp's pool of light: interiors at night are lit from inside. */
function lampGlow(c: Canvas, x: number, y: number, r: number) {
  return el('circle', {
    cx: x,
    cy: y,
    r,
    fill: 'url(#glow)',
    opacity: c.reading.time === 'day' ? 0.5 : 1,
  });
}

function roomDecor(c: Canvas) {
  const { W, u, floorY } = c;
  return el(
    'g',
    {},
    lampGlow(c, W * 0.14, floorY - 20 * u, 18 * u),
    prop(c, 'couch-and-lamp', W * 0.16, floorY + 2 * u, 26 * u, 0.1),
    prop(c, 'framed-picture', W * 0.42, c.H * 0.36, 12 * u, 0.15),
  );
}

function counter(c: Canvas, top: number, colour: string) {
  const { W, u } = c;
  return el(
    'g',
    {},
    el('rect', {
      x: -u,
      y: top,
      width: W + 2 * u,
      height: c.floorY - top + 4 * u,
      ...paint(c, 'near', colour),
    }),
    el('rect', {
      x: -u,
      y: top - 1.4 * u,
      width: W + 2 * u,
      height: 1.6 * u,
      ...paint(c, 'mid', mix(colour, '#ffffff', 0.25)),
    }),
  );
}

function shelf(c: Canvas, y: number, icons: string[], from: number, to: number) {
  const { u } = c;
  const step = (to - from) / icons.length;
  return el(
    'g',
    {},
    el('rect', {
      x: from - 2 * u,
      y,
      width: to - from + 4 * u,
      height: 0.9 * u,
      ...paint(c, 'mid', '#5d4037'),
    }),
    ...icons.map((icon, i) => prop(c, icon, from + step * (i + 0.5), y, 7 * u, 0.15)),
  );
}

function cafeDecor(c: Canvas) {
  const { W, H, u, floorY } = c;
  const lamps = [0.3, 0.55, 0.8].map((f) =>
    el(
      'g',
      {},
      el('line', {
        x1: W * f,
        y1: 0,
        x2: W * f,
        y2: H * 0.12,
        stroke: '#222',
        'stroke-width': 0.3 * u,
      }),
      lampGlow(c, W * f, H * 0.14, 10 * u),
      el('path', {
        d: `M${n(W * f - 3 * u)} ${n(H * 0.15)} L${n(W * f)} ${n(H * 0.11)} L${n(W * f + 3 * u)} ${n(H * 0.15)} Z`,
        fill: '#f5c16c',
      }),
    ),
  );
  return el(
    'g',
    {},
    shelf(
      c,
      H * 0.34,
      [
        'hot-beverage',
        'bottle-with-popping-cork',
        'teacup-without-handle',
        'croissant',
        'bottle-with-popping-cork',
      ],
      W * 0.05,
      W * 0.3,
    ),
    el('rect', {
      x: W * 0.06,
      y: H * 0.08,
      width: W * 0.16,
      height: H * 0.18,
      ...paint(c, 'mid', '#2d3b2f'),
    }),
    ...lamps,
    counter(c, floorY - 14 * u, '#5a3420'),
  );
}

function kitchenDecor(c: Canvas) {
  const { W, H, u, floorY } = c;
  const tiles: string[] = [];
  for (let x = 0; x < W; x += 4 * u)
    tiles.push(`M${n(x)} ${n(floorY - 30 * u)} V${n(floorY - 14 * u)}`);
  for (let y = floorY - 30 * u; y < floorY - 14 * u; y += 4 * u) tiles.push(`M0 ${n(y)} H${n(W)}`);
  return el(
    'g',
    {},
    el('path', { d: tiles.join(' '), stroke: '#9fb7c2', 'stroke-width': 0.25 * u, opacity: 0.7 }),
    shelf(
      c,
      H * 0.3,
      ['teapot', 'pot-of-food', 'bowl-with-spoon', 'hot-beverage'],
      W * 0.05,
      W * 0.32,
    ),
    counter(c, floorY - 14 * u, '#f2efe8'),
    prop(c, 'shallow-pan-of-food', W * 0.2, floorY - 14 * u, 8 * u, 0),
  );
}

function factoryDecor(c: Canvas) {
  const { W, u, floorY } = c;
  const rollers: string[] = [];
  for (let x = 0; x < W; x += 5 * u)
    rollers.push(el('circle', { cx: x, cy: floorY - 3 * u, r: 1.4 * u }));
  return el(
    'g',
    {},
    prop(c, 'gear', W * 0.12, c.H * 0.32, 14 * u, 0.2),
    prop(c, 'gear', W * 0.2, c.H * 0.42, 9 * u, 0.2),
    prop(c, 'factory', W * 0.6, c.H * 0.56, 22 * u, 0.5),
    el('rect', {
      x: -u,
      y: floorY - 8 * u,
      width: W + 2 * u,
      height: 3 * u,
      ...paint(c, 'near', '#37474f'),
    }),
    el('g', { fill: '#263238' }, ...rollers),
  );
}

function officeDecor(c: Canvas) {
  const { W, u, floorY } = c;
  return el(
    'g',
    {},
    prop(c, 'potted-plant', W * 0.08, floorY + u, 14 * u, 0.1),
    table(c, { x: W * 0.16, width: W * 0.34, top: floorY - 12 * u, legs: [0.06, 0.94] }),
    prop(c, 'desktop-computer', W * 0.26, floorY - 12 * u, 11 * u, 0),
    prop(c, 'file-cabinet', W * 0.56, floorY + u, 14 * u, 0.1),
  );
}

function classroomDecor(c: Canvas) {
  const { W, H, u, floorY } = c;
  const board = { x: W * 0.06, y: H * 0.14, w: W * 0.4, h: H * 0.3 };
  const chalk: string[] = [];
  for (let i = 0; i < 4; i++) {
    const y = board.y + board.h * (0.25 + i * 0.18);
    chalk.push(`M${n(board.x + 3 * u)} ${n(y)} h${n(board.w * (0.35 + ((i * 29) % 40) / 100))}`);
  }
  const desks = [0, 1, 2].map((i) =>
    table(c, { x: W * (0.1 + i * 0.14), width: W * 0.1, top: floorY - 6 * u, legs: [0.5] }),
  );
  return el(
    'g',
    {},
    el('rect', {
      x: board.x,
      y: board.y,
      width: board.w,
      height: board.h,
      ...paint(c, 'mid', '#2f5d46'),
    }),
    el('path', { d: chalk.join(' '), stroke: '#f5f5f5', 'stroke-width': 0.4 * u, opacity: 0.8 }),
    prop(c, 'books', W * 0.52, H * 0.44, 8 * u, 0.1),
    prop(c, 'globe-showing-europe-africa', W * 0.58, H * 0.44, 7 * u, 0.1),
    ...desks,
  );
}

function stageSet(c: Canvas) {
  const { W, H, u, floorY } = c;
  const curtain = (side: 1 | -1) => {
    const x0 = side === 1 ? 0 : W;
    const folds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const x = x0 + side * i * 4 * u;
      folds.push(
        `M${n(x)} 0 Q${n(x + side * 3 * u)} ${n(H * 0.5)} ${n(x + side * 1.5 * u)} ${n(floorY)}`,
      );
    }
    return el(
      'g',
      {},
      el('path', {
        d: `M${n(x0)} 0 H${n(x0 + side * 22 * u)} Q${n(x0 + side * 14 * u)} ${n(H * 0.4)} ${n(x0 + side * 18 * u)} ${n(floorY)} H${n(x0)} Z`,
        ...paint(c, 'near', '#9b1b1b'),
      }),
      el('path', { d: folds.join(' '), stroke: '#5e0b0b', 'stroke-width': 0.6 * u, fill: 'none' }),
    );
  };
  return el(
    'g',
    {},
    el('rect', { width: W, height: floorY, fill: mix('#14101c', c.palette.near, 0.3) }),
    el('path', {
      d: `M${n(c.focalX - 4 * u)} 0 L${n(c.focalX + 4 * u)} 0 L${n(c.focalX + 26 * u)} ${n(H)} L${n(c.focalX - 26 * u)} ${n(H)} Z`,
      fill: '#fff3c4',
      opacity: 0.16,
    }),
    el('rect', { x: 0, y: floorY, width: W, height: H - floorY, ...paint(c, 'near', '#6b4226') }),
    el('rect', { x: 0, y: 0, width: W, height: 7 * u, ...paint(c, 'near', '#7d1616') }),
    curtain(1),
    curtain(-1),
  );
}

function road(c: Canvas) {
  const { W, H, u, horizon } = c;
  const top = horizon + 14 * u;
  const dashes: string[] = [];
  for (let x = 0; x < W; x += 10 * u)
    dashes.push(`M${n(x)} ${n(top + (H - top) * 0.45)} h${n(5 * u)}`);
  const lamps = [0.36, 0.92].map((f) =>
    el(
      'g',
      {},
      el('rect', {
        x: W * f,
        y: top - 24 * u,
        width: 0.7 * u,
        height: 24 * u,
        ...paint(c, 'near', '#263238'),
      }),
      lampGlow(c, W * f + 0.35 * u, top - 24 * u, c.reading.time === 'day' ? 0 : 8 * u),
      el('circle', { cx: W * f + 0.35 * u, cy: top - 24 * u, r: 1.2 * u, fill: c.palette.light }),
    ),
  );
  return el(
    'g',
    {},
    el('rect', { x: 0, y: top, width: W, height: H - top, ...paint(c, 'near', '#3b3f45') }),
    el('rect', { x: 0, y: top, width: W, height: 2 * u, ...paint(c, 'mid', '#9e9e9e') }),
    el('path', { d: dashes.join(' '), stroke: '#f5f5f5', 'stroke-width': 0.6 * u, opacity: 0.7 }),
    ...lamps,
  );
}

function stalls(c: Canvas) {
  const { W, u, horizon } = c;
  const base = horizon + 16 * u;
  const goods = ['red-apple', 'tangerine', 'grapes', 'carrot', 'pear', 'watermelon'];
  const colours = ['#c0392b', '#2e86de', '#27ae60'];
  const parts: string[] = [
    el('rect', {
      x: 0,
      y: horizon + 12 * u,
      width: W,
      height: c.H,
      ...paint(c, 'near', '#8d8172'),
    }),
  ];
  for (let i = 0; i < 3; i++) {
    const x = W * (0.04 + i * 0.33);
    const w = W * 0.28;
    const stripes: string[] = [];
    for (let s = 0; s < 8; s += 2) {
      stripes.push(
        el('rect', {
          x: x + (w * s) / 8,
          y: base - 26 * u,
          width: w / 8,
          height: 6 * u,
          fill: '#fdfdfd',
        }),
      );
    }
    parts.push(
      el('rect', {
        x: x + u,
        y: base - 20 * u,
        width: 0.8 * u,
        height: 20 * u,
        ...paint(c, 'mid', '#5d4037'),
      }),
      el('rect', {
        x: x + w - 1.8 * u,
        y: base - 20 * u,
        width: 0.8 * u,
        height: 20 * u,
        ...paint(c, 'mid', '#5d4037'),
      }),
      el('rect', { x, y: base - 26 * u, width: w, height: 6 * u, ...paint(c, 'mid', colours[i]!) }),
      ...stripes,
      el('rect', { x, y: base - 8 * u, width: w, height: 8 * u, ...paint(c, 'mid', '#a1887f') }),
      ...[0, 1, 2].map((k) =>
        prop(
          c,
          goods[(i * 2 + k) % goods.length]!,
          x + w * (0.2 + k * 0.3),
          base - 7.5 * u,
          6 * u,
          0.1,
        ),
      ),
    );
  }
  return el('g', {}, ...parts);
}

function quay(c: Canvas) {
  const { W, H, u, horizon } = c;
  const top = horizon + (H - horizon) * 0.55;
  const stones: string[] = [];
  for (let x = W * 0.45; x < W; x += 6 * u) stones.push(`M${n(x)} ${n(top)} V${n(H)}`);
  const houses = [0.08, 0.16, 0.24, 0.5].map((f, i) =>
    prop(c, i === 3 ? 'house' : 'houses', W * f, horizon + u, 9 * u, 0.6),
  );
  return el(
    'g',
    {},
    ...houses,
    el('rect', {
      x: W * 0.45,
      y: top,
      width: W * 0.56,
      height: H - top,
      ...paint(c, 'near', '#6d6a66'),
    }),
    el('path', { d: stones.join(' '), stroke: '#3e3b38', 'stroke-width': 0.3 * u }),
    el('rect', {
      x: W * 0.47,
      y: top - 4 * u,
      width: 1.4 * u,
      height: 4 * u,
      ...paint(c, 'near', '#3e2723'),
    }),
    prop(c, 'anchor', W * 0.55, top + 10 * u, 7 * u, 0),
    c.words.some((w) => w === 'lighthouse' || w === 'phare') ? lighthouse(c, W * 0.3) : '',
  );
}

function lighthouse(c: Canvas, x: number) {
  const { u, horizon, palette, reading } = c;
  const base = horizon + u;
  const h = 30 * u;
  const top = base - h;
  const lit = reading.time !== 'day';
  return el(
    'g',
    {},
    lit
      ? el('path', {
          d: `M${n(x)} ${n(top - 2 * u)} L${n(x + c.W * 0.4)} ${n(top - 10 * u)} L${n(x + c.W * 0.4)} ${n(top + 6 * u)} Z`,
          fill: palette.light,
          opacity: 0.2,
        })
      : '',
    el('path', {
      d: `M${n(x - 3 * u)} ${n(base)} L${n(x - 2 * u)} ${n(top)} L${n(x + 2 * u)} ${n(top)} L${n(x + 3 * u)} ${n(base)} Z`,
      ...paint(c, 'mid', '#f0ece2'),
    }),
    el('rect', {
      x: x - 2.6 * u,
      y: top - 10 * u + h * 0.45,
      width: 5.2 * u,
      height: 3 * u,
      fill: '#c0392b',
    }),
    el('rect', {
      x: x - 2.4 * u,
      y: top - 4 * u,
      width: 4.8 * u,
      height: 4 * u,
      fill: lit ? palette.light : '#9e9e9e',
    }),
    el('path', {
      d: `M${n(x - 3 * u)} ${n(top - 4 * u)} L${n(x)} ${n(top - 7 * u)} L${n(x + 3 * u)} ${n(top - 4 * u)} Z`,
      fill: '#2d3436',
    }),
    lit ? el('circle', { cx: x, cy: top - 2 * u, r: 8 * u, fill: 'url(#glow)' }) : '',
  );
}

function sand(c: Canvas) {
  const { W, H, u, horizon } = c;
  const top = horizon + (H - horizon) * 0.4;
  return el(
    'g',
    {},
    el('path', {
      d: smoothFill(
        [
          [-W * 0.05, top + 6 * u],
          [W * 0.4, top],
          [W * 1.05, top - 3 * u],
        ],
        H + u,
      ),
      ...paint(c, 'near', '#e3c58f'),
    }),
    prop(c, 'palm-tree', W * 0.92, top + 4 * u, 34 * u, 0.05),
    prop(c, 'umbrella-on-ground', W * 0.52, top + 8 * u, 14 * u, 0.05),
  );
}

/** Rows of trees receding to the horizon; an orchard's are in lines, with fruit. */
function treeRows(c: Canvas, icon: string, orchard: boolean) {
  const { W, u, horizon, H } = c;
  const parts: string[] = [];
  const rows = orchard ? 3 : 1;
  for (let r = 0; r < rows; r++) {
    const depth = 1 - r / 3;
    const y = horizon + (2 + r * 7) * u;
    const size = (7 + r * 6) * u;
    const count = orchard ? 9 - r * 2 : 4;
    for (let i = 0; i < count; i++) {
      const x = ((i + (r % 2) * 0.5 + 0.25) / count) * W + c.rng.range(-1, 1) * u;
      if (!orchard && c.rng.chance(0.4)) continue;
      parts.push(prop(c, icon, x, Math.min(H, y), size, depth * 0.6));
      if (orchard) {
        for (let a = 0; a < 3; a++) {
          parts.push(
            el('circle', {
              cx: x + (a - 1) * size * 0.18,
              cy: y - size * (0.55 + (a % 2) * 0.12),
              r: size * 0.045,
              fill: c.reading.time === 'night' ? '#7a2a2a' : '#d63031',
            }),
          );
        }
      }
    }
  }
  return el('g', {}, ...parts);
}

function scatter(c: Canvas, icon: string, count: number, y: number, size: number) {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const x = c.rng.range(0.05, 0.95) * c.W;
    parts.push(
      prop(c, icon, x, y + c.rng.range(-2, 2) * c.u, size * c.u * c.rng.range(0.7, 1.2), 0.35),
    );
  }
  return el('g', {}, ...parts);
}

/** A table or desk: a top and legs (at fractions of its width) down to the floor. */
function table(c: Canvas, t: { x: number; width: number; top: number; legs: number[] }) {
  const { u, floorY } = c;
  return el(
    'g',
    {},
    el('rect', {
      x: t.x,
      y: t.top,
      width: t.width,
      height: 1.4 * u,
      ...paint(c, 'mid', '#a1887f'),
    }),
    ...t.legs.map((f) =>
      el('rect', {
        x: t.x + t.width * f - 0.5 * u,
        y: t.top + 1.4 * u,
        width: u,
        height: floorY - t.top + u,
        ...paint(c, 'mid', '#6d4c41'),
      }),
    ),
  );
}

/** A tile's place in its layout's box, in CSS pixels from the box's top left corner. */
export interface TileRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ArrangeOptions {
  /** Space between tiles. */
  gap?: number;
  /** The tallest shape a tile may take (width / height); cameras are cropped to fill it. Default 3:4. */
  minAspect?: number;
  /** The widest shape a tile may take. Default 16:9. */
  maxAspect?: number;
  /** The shape preferred among arrangements that fill the box about as well. Default 16:9. */
  preferredAspect?: number;
  /** At most this many tiles side by side (a phone in portrait: 2). */
  maxColumns?: number;
}

export interface Arrangement {
  /** One rectangle per tile, in reading order. */
  rects: TileRect[];
  /** The share of the box the tiles cover, 0 to 1. */
  coverage: number;
  /** The tiles' shape (all tiles share it). */
  aspect: number;
}

const DEFAULTS = { gap: 0, minAspect: 3 / 4, maxAspect: 16 / 9, preferredAspect: 16 / 9, maxColumns: Infinity };
/** Arrangements whose coverage differs by less than this are as good as each other: the shape decides. */
const COVERAGE_TIE = 0.03;

/** `count` tiles in `lines` lines, as even as possible, fuller lines first (so a line of fewer, larger tiles comes last). */
function split(count: number, lines: number): number[] {
  const base = Math.floor(count / lines);
  const fuller = count % lines;
  return Array.from({ length: lines }, (_, line) => base + (line < fuller ? 1 : 0));
}

/**
 * Rows across a `width` x `height` box, each row filling the width with its tiles, all tiles of one shape:
 * a row of fewer tiles is taller. The shape is the one that fills the height exactly, kept within the
 * allowed range; outside it, the tiles shrink to fit and the whole is centred.
 */
function rows(counts: number[], width: number, height: number, o: typeof DEFAULTS): Arrangement {
  const { gap } = o;
  const tileWidths = counts.map((k) => (width - gap * (k - 1)) / k);
  const free = height - gap * (counts.length - 1);
  let aspect = tileWidths.reduce((sum, w) => sum + w, 0) / Math.max(free, 1);
  aspect = Math.min(o.maxAspect, Math.max(o.minAspect, aspect));
  const natural = tileWidths.map((w) => w / aspect);
  const used = natural.reduce((sum, h) => sum + h, 0);
  // Too tall at this shape: everything shrinks; the rows then no longer fill the width.
  const scale = Math.min(1, free / used);
  const rects: TileRect[] = [];
  let y = (height - (used * scale + gap * (counts.length - 1))) / 2;
  counts.forEach((k, line) => {
    const tileHeight = natural[line]! * scale;
    const tileWidth = tileHeight * aspect;
    const rowWidth = tileWidth * k + gap * (k - 1);
    let x = (width - rowWidth) / 2;
    for (let i = 0; i < k; i++) {
      rects.push({ x, y, width: tileWidth, height: tileHeight });
      x += tileWidth + gap;
    }
    y += tileHeight + gap;
  });
  const covered = rects.reduce((sum, r) => sum + r.width * r.height, 0);
  return { rects, coverage: covered / (width * height), aspect };
}

const transpose = (r: TileRect): TileRect => ({ x: r.y, y: r.x, width: r.height, height: r.width });

/**
 * Lays `count` tiles out in a box so that they cover as much of it as they can without being cropped beyond
 * `minAspect`..`maxAspect`: in rows or in columns, with lines of as even a number of tiles as possible, all
 * tiles of one shape. Three people in a wide box become one large tile beside two smaller ones rather than
 * a 2x2 grid with a hole; on a phone in portrait they stack. Among arrangements that cover about as much,
 * the one whose shape is nearest `preferredAspect` wins, then rows over columns.
 */
export function arrangeTiles(count: number, width: number, height: number, options: ArrangeOptions = {}): Arrangement {
  const o = { ...DEFAULTS, ...options };
  if (count <= 0 || width <= 0 || height <= 0) return { rects: [], coverage: 0, aspect: o.preferredAspect };
  const distance = (a: Arrangement) => Math.abs(Math.log(a.aspect / o.preferredAspect));
  let best: Arrangement | undefined;
  const consider = (candidate: Arrangement) => {
    const better = !best
      ? true
      : Math.abs(candidate.coverage - best.coverage) >= COVERAGE_TIE
        ? candidate.coverage > best.coverage
        : distance(candidate) < distance(best) - 1e-9;
    if (better) best = candidate;
  };
  for (let lines = 1; lines <= count; lines++) {
    const counts = split(count, lines);
    // Rows: the tiles side by side are a row's count. Columns: they are the number of columns.
    if (counts[0]! <= o.maxColumns) consider(rows(counts, width, height, o));
    if (lines <= o.maxColumns) {
      const inverse = { ...o, minAspect: 1 / o.maxAspect, maxAspect: 1 / o.minAspect, preferredAspect: 1 / o.preferredAspect };
      const columns = rows(counts, height, width, inverse);
      consider({ rects: columns.rects.map(transpose), coverage: columns.coverage, aspect: 1 / columns.aspect });
    }
  }
  const arrangement = best!;
  return {
    ...arrangement,
    rects: arrangement.rects.map((r) => ({ x: Math.round(r.x), y: Math.round(r.y), width: Math.floor(r.width), height: Math.floor(r.height) })),
  };
}

/** The smallest a tile may be before the grid pages instead: a face and a name still readable. */
export const MIN_TILE = { width: 160, height: 100 };
/** The most tiles on one page, however large the screen. */
export const MAX_TILES_PER_PAGE = 25;

/** How many tiles fit on one page of a box without any falling below {@link MIN_TILE}. At least one. */
export function tilesPerPage(width: number, height: number, options: ArrangeOptions = {}, limit = MAX_TILES_PER_PAGE): number {
  if (width <= 0 || height <= 0) return limit;
  let fits = 1;
  for (let count = 2; count <= limit; count++) {
    const { rects } = arrangeTiles(count, width, height, options);
    if (rects.some((r) => r.width < MIN_TILE.width || r.height < MIN_TILE.height)) break;
    fits = count;
  }
  return fits;
}

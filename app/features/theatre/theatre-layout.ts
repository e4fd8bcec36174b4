/** A width and height in CSS pixels. */
export interface Size {
  width: number;
  height: number;
}

/** Room the chapter list (and the downloads) takes beside the video (its width and the gap). */
export const SIDE_PANEL_PX = 272;
/** Room the chapter list takes below the video (its height and the gap). */
export const BELOW_PANEL_PX = 112;

/** The largest size of the given aspect inside `box` (whole pixels, never negative). */
export function fitInside(box: Size, aspect: Size): Size {
  if (aspect.width <= 0 || aspect.height <= 0) return { width: 0, height: 0 };
  const ratio = aspect.width / aspect.height;
  const width = Math.max(0, Math.min(box.width, box.height * ratio));
  return { width: Math.floor(width), height: Math.floor(width / ratio) };
}

/**
 * Where the chapters go in the theatre, beside or below the video, whichever
 * leaves the video larger for its aspect (a 9:16 video in a wide stage takes
 * the full height with the chapters beside it; in a narrow one they go
 * below), and the video's size.
 */
export function theatreLayout(stage: Size, video: Size): { layout: 'side' | 'below'; video: Size } {
  const side = fitInside({ width: stage.width - SIDE_PANEL_PX, height: stage.height }, video);
  const below = fitInside({ width: stage.width, height: stage.height - BELOW_PANEL_PX }, video);
  return side.width * side.height >= below.width * below.height
    ? { layout: 'side', video: side }
    : { layout: 'below', video: below };
}

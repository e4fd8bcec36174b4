import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

/** Set to a folder to keep screenshots (docs/screenshots/<area> takes the committed ones). */
export const SCREENSHOT_DIR = process.env.MONTAGE_SCREENSHOT_DIR;

/** The laptop screens every screen is checked at (issue 12). */
export const LAPTOP_SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
] as const;

/**
 * `<name>-<width>x<height>.png` at each laptop size when MONTAGE_SCREENSHOT_DIR
 * is set (nothing otherwise); the page gets its viewport back afterwards.
 */
export async function screenshotAtLaptopSizes(page: Page, name: string) {
  if (!SCREENSHOT_DIR) return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize();
  for (const size of LAPTOP_SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({
      path: path.join(SCREENSHOT_DIR, `${name}-${size.width}x${size.height}.png`),
    });
  }
  if (original) await page.setViewportSize(original);
}

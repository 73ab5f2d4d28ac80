import { encodePng, type RgbImage } from './png-codec';

export interface ImageComparison {
  /** Share of pixels whose channels differ by more than the channel tolerance, 0 to 1. */
  differing: number;
  sameSize: boolean;
  /** The expected image greyed out, with differing pixels in red: for a person to look at. */
  diffPng: Buffer;
}

/** Compares two renderings pixel by pixel, tolerating anti-aliasing noise of up to `channelTolerance`. */
export function comparePageImages(
  expected: RgbImage,
  actual: RgbImage,
  channelTolerance = 48,
): ImageComparison {
  const sameSize = expected.width === actual.width && expected.height === actual.height;
  const width = Math.max(expected.width, actual.width);
  const height = Math.max(expected.height, actual.height);
  const diff = new Uint8Array(width * height * 3);
  let differing = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const e = pixelAt(expected, x, y);
      const a = pixelAt(actual, x, y);
      const at = (y * width + x) * 3;
      const differs =
        e === null ||
        a === null ||
        e.some((value, c) => Math.abs(value - (a[c] ?? 0)) > channelTolerance);
      if (differs) {
        differing++;
        diff.set([255, 0, 0], at);
      } else {
        const grey = 160 + Math.round(((e[0] ?? 0) + (e[1] ?? 0) + (e[2] ?? 0)) / 3 / 2.7);
        diff.set([grey, grey, grey], at);
      }
    }
  }
  return {
    differing: differing / (width * height),
    sameSize,
    diffPng: encodePng({ width, height, pixels: diff }),
  };
}

function pixelAt(image: RgbImage, x: number, y: number): [number, number, number] | null {
  if (x >= image.width || y >= image.height) return null;
  const at = (y * image.width + x) * 3;
  return [image.pixels[at] ?? 0, image.pixels[at + 1] ?? 0, image.pixels[at + 2] ?? 0];
}

/** A PDF number: two decimals at most, never "-0". */
export function formatPdfNumber(value: number): string {
  return formatHundredths(Math.round(value * 100));
}

/** A number given in hundredths, formatted with integer arithmetic, which is cheap. */
export function formatHundredths(hundredths: number): string {
  if (hundredths % 100 === 0) return String(hundredths / 100 || 0);
  const magnitude = Math.abs(hundredths);
  const fraction = magnitude % 100;
  const digits =
    fraction < 10 ? `0${fraction}` : fraction % 10 === 0 ? String(fraction / 10) : String(fraction);
  return `${hundredths < 0 ? '-' : ''}${(magnitude - fraction) / 100}.${digits}`;
}

const rgbCache = new Map<string, string>();

/** "0.122 0.161 0.2" for "#1f2933": the operands of rg and RG. */
export function formatRgb(hex: string): string {
  let rgb = rgbCache.get(hex);
  if (rgb === undefined) {
    const channel = (offset: number) =>
      String(Math.round((Number.parseInt(hex.slice(offset, offset + 2), 16) / 255) * 1000) / 1000);
    rgb = `${channel(1)} ${channel(3)} ${channel(5)}`;
    rgbCache.set(hex, rgb);
  }
  return rgb;
}

/** A closed rounded rectangle path (corner radius `radius`) in the current coordinates. */
export function traceRoundedRect(
  x: number,
  y: number,
  width: number,
  height: number,
  radius: number,
): string {
  const k = radius * 0.4477;
  const [l, b, r, t] = [x, y, x + width, y + height].map(formatPdfNumber);
  const [lr, br, rr, tr] = [x + radius, y + radius, x + width - radius, y + height - radius].map(
    formatPdfNumber,
  );
  const [lk, bk, rk, tk] = [x + k, y + k, x + width - k, y + height - k].map(formatPdfNumber);
  return `${lr} ${b} m ${rr} ${b} l ${rk} ${b} ${r} ${bk} ${r} ${br} c ${r} ${tr} l ${r} ${tk} ${rk} ${t} ${rr} ${t} c ${lr} ${t} l ${lk} ${t} ${l} ${tk} ${l} ${tr} c ${l} ${br} l ${l} ${bk} ${lk} ${b} ${lr} ${b} c h`;
}

/**
 * Turns raw bytes into a string or a clear reason why not: empty, binary, not UTF-8, too large.
 */

export class InputError extends Error {}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

export function decodeBytes(bytes: Uint8Array, maxBytes = DEFAULT_MAX_BYTES): string {
  if (bytes.length === 0) throw new InputError("empty file");
  if (bytes.length > maxBytes) {
    throw new InputError(
      `file too large: ${formatSize(bytes.length)} exceeds the ${formatSize(maxBytes)} limit`,
    );
  }
  if (looksBinary(bytes)) throw new InputError("binary file (not text, Markdown or HTML)");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`invalid UTF-8 at byte ${firstInvalidUtf8(bytes)}`);
  }
  if (text.trim().length === 0) throw new InputError("empty file (only whitespace)");
  return text;
}

export function formatSize(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round(n / (1024 * 1024))} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

/** A NUL byte, or many control bytes, in the first 8 KB: text formats have neither. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control / n > 0.1;
}

/** Index of the first byte of the first malformed UTF-8 sequence (what TextDecoder does not say). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    for (let k = 1; k < len; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += len;
  }
  return i;
}

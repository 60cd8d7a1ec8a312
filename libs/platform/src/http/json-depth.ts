/** Deeper than any body the API takes (a bulk item's bank account sits at level 6), far below what overflows a stack. */
export const MAX_JSON_DEPTH = 32;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export class JsonTooDeepError extends Error {
  readonly status = 400;
  constructor() {
    super(`body: is nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
}

/**
 * Refuses a JSON text nested deeper than the limit, in one pass over the raw bytes and before it
 * is parsed: validation, hashing and the codecs walk bodies recursively and would overflow the
 * stack on a body nested a few thousand levels deep.
 */
export function assertJsonDepth(raw: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (++depth > MAX_JSON_DEPTH) throw new JsonTooDeepError();
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) depth--;
  }
}

/**
 * A UUID in small letters as its 16 bytes and back, by table: a regular expression, `write(…, 'hex')`
 * of its five parts, `toString('hex')` and slicing cost several times more per event (issue 14).
 */

/** The value of each small hexadecimal digit by its character code, -1 for any other ASCII character. */
const HEX_VALUE = Array.from({ length: 128 }, (_, code) => '0123456789abcdef'.indexOf(String.fromCharCode(code)));

/** Writes the 16 bytes of a UUID in small letters at `at`, checking it as it goes: false when it is not one. */
export function writeUuid(bytes: Uint8Array, at: number, uuid: string): boolean {
  if (uuid.length !== 36) return false;
  let char = 0;
  for (let n = 0; n < 16; n++) {
    if (n === 4 || n === 6 || n === 8 || n === 10) {
      if (uuid.charCodeAt(char) !== 0x2d) return false;
      char++;
    }
    const high = HEX_VALUE[uuid.charCodeAt(char)];
    const low = HEX_VALUE[uuid.charCodeAt(char + 1)];
    // Past ASCII the table has no entry: undefined is not >= 0 either.
    if (!(high >= 0 && low >= 0)) return false;
    bytes[at + n] = high * 16 + low;
    char += 2;
  }
  return true;
}

const HEX = Array.from({ length: 256 }, (_, n) => n.toString(16).padStart(2, '0'));

/** The UUID, in small letters, of the 16 bytes at `at`. */
export function uuidText(bytes: Uint8Array, at: number): string {
  let text = '';
  for (let n = 0; n < 16; n++) {
    if (n === 4 || n === 6 || n === 8 || n === 10) text += '-';
    text += HEX[bytes[at + n]];
  }
  return text;
}

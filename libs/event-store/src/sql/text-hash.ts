/**
 * A 32-bit FNV-1a hash of a text's UTF-16 code units, as a signed integer (SQLite stores it in four
 * bytes): for an index that finds long texts by a short number instead of holding them a second
 * time. Equal texts hash alike; different ones rarely do, so a lookup compares the texts as well.
 * SQLite connections know it as `text_hash(text)` (see sql-database.ts), so that a statement can
 * hash the texts it is given.
 */
export function textHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash | 0;
}

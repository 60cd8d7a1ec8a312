/** Bidi embeddings, overrides and isolates, zero-width spaces and joiners, the word joiner and the BOM. */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;
const CONTROL = /\p{Cc}/u;
// Emoji shown as pictures, and the selector that turns a symbol into one; © and ™ stay allowed.
const EMOJI = /[\p{Emoji_Presentation}\uFE0F\u{1F000}-\u{1FAFF}]/u;
const MARKUP = /[<>]/;

/**
 * Why `text` cannot be the name a person or a shop goes by, or undefined when it can: invisible
 * characters make one name display as another (or reversed), and emoji and markup are never part
 * of a name but may be of an attack on whoever displays it.
 */
export function plainTextProblem(text: string): string | undefined {
  if (CONTROL.test(text)) return 'must not contain control characters';
  if (INVISIBLE.test(text)) return 'must not contain invisible formatting characters (bidi overrides, zero-width characters)';
  if (EMOJI.test(text)) return 'must not contain emoji';
  if (MARKUP.test(text)) return 'must not contain < or >';
  return undefined;
}

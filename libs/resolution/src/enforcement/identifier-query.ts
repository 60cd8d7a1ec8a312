import { DomainError, IdentifierKind, parseIdentifier } from '@registry/shared-kernel';

/** The identifier a search names, normalised by the one parser of its kind; a value that does not parse is a 400 naming `value`. */
export function queriedIdentifier<K extends IdentifierKind>(kind: K, value: unknown): { kind: K; value: string } {
  const parsed = parseIdentifier(kind, value);
  if (!parsed.ok) throw DomainError.invalid('value', parsed.reason);
  return { kind, value: parsed.value.value };
}

import { DomainError, FieldProblem, Identifier, IdentifierKind, IdentifierOf, Parsed, parseCalendarDate, parseIdentifier } from '@registry/shared-kernel';

/** Free text kept as the source wrote it, beside the folded form used to compare. */
export interface FoldedText {
  readonly original: string;
  readonly folded: string;
}

/** Who or what a claim or attestation is about, every identifier in its normalised form. */
export interface Subject {
  readonly fullName?: FoldedText;
  readonly nationalId?: string;
  readonly taxCode?: string;
  readonly dateOfBirth?: string;
  readonly phone?: string;
  readonly email?: string;
  readonly address?: FoldedText;
  readonly bankAccount?: string;
  readonly eWallet?: string;
}

/** The subject as a source sends it. */
export interface SubjectInput {
  readonly fullName?: string;
  readonly nationalId?: string;
  readonly taxCode?: string;
  readonly dateOfBirth?: string;
  readonly phone?: string;
  readonly email?: string;
  readonly address?: string;
  readonly bankAccount?: { readonly bankCode: string; readonly accountNumber: string } | string;
  readonly eWallet?: { readonly provider: string; readonly accountId: string } | string;
}

const IDENTIFIER_FIELDS: ReadonlyArray<[keyof SubjectInput, IdentifierKind]> = [
  ['nationalId', 'nationalId'],
  ['taxCode', 'taxCode'],
  ['phone', 'phone'],
  ['email', 'email'],
  ['bankAccount', 'bankAccount'],
  ['eWallet', 'eWallet'],
];

/**
 * What a field was parsed to already (by the same parser, when the request was validated), if it
 * was: it is then not parsed again.
 */
export type ParsedAlready = (field: keyof SubjectInput) => Identifier | undefined;

const notParsed: ParsedAlready = () => undefined;

/** Normalises every field with the shared value objects; reports every bad field, named by its path. */
export function parseSubject(input: SubjectInput, path = 'subject', parsedAlready: ParsedAlready = notParsed): Subject {
  const problems: FieldProblem[] = [];
  const subject: Record<string, unknown> = {};
  // Taken only when it is of the kind this field needs.
  const known = <K extends IdentifierKind>(kind: K, field: keyof SubjectInput): Parsed<IdentifierOf<K>> | undefined => {
    const identifier = parsedAlready(field);
    return identifier?.kind === kind ? { ok: true, value: identifier as IdentifierOf<K> } : undefined;
  };

  for (const [field, kind] of IDENTIFIER_FIELDS) {
    if (input[field] === undefined) continue;
    const parsed = known(kind, field) ?? parseIdentifier(kind, input[field]);
    if (parsed.ok) subject[field] = parsed.value.value;
    else problems.push({ field: `${path}.${field}`, reason: parsed.reason });
  }
  for (const field of ['fullName', 'address'] as const) {
    if (input[field] === undefined) continue;
    const kind = field === 'fullName' ? 'personName' : 'address';
    const parsed = known(kind, field) ?? parseIdentifier(kind, input[field]);
    if (parsed.ok) subject[field] = { original: parsed.value.original, folded: parsed.value.folded };
    else problems.push({ field: `${path}.${field}`, reason: parsed.reason });
  }
  if (input.dateOfBirth !== undefined) {
    const parsed = parseCalendarDate(input.dateOfBirth);
    if (parsed.ok) subject.dateOfBirth = parsed.value.value;
    else problems.push({ field: `${path}.dateOfBirth`, reason: parsed.reason });
  }
  if (problems.length === 0 && Object.keys(subject).length === 0) {
    problems.push({ field: path, reason: 'must name at least one identifier, name or address' });
  }
  if (problems.length > 0) throw new DomainError('invalid', problems.map((p) => `${p.field}: ${p.reason}`).join('; '), problems);
  return subject as Subject;
}

/** What a CSV row needs of the operator answer. */
interface Person {
  readonly name: string | null;
  readonly nationalId: string | null;
  readonly taxCode: string | null;
}
export interface OperatorToExport {
  readonly asOf: { readonly position: number };
  readonly operator: {
    readonly operatorId: string;
    readonly shops: readonly {
      readonly shop: string;
      readonly platformId: string;
      readonly status: string | null;
      readonly declaredOwners: readonly { readonly person: Person | null }[];
      readonly nomineeSuspected: { readonly controlledBy: Person | null } | null;
    }[];
    readonly controllers: readonly { readonly person: Person; readonly confidence: { readonly value: number }; readonly attested: boolean }[];
    readonly confidence: { readonly value: number };
  };
}

const COLUMNS = [
  'operator_id',
  'platform_id',
  'shop',
  'status',
  'declared_owners',
  'nominee_suspected',
  'controlled_by',
  'top_controller',
  'top_controller_national_id',
  'top_controller_confidence',
  'confidence',
  'as_of_position',
] as const;

/** The operator as a spreadsheet: one row per shop, the operator's controller and confidence repeated on each. */
export function operatorToCsv({ asOf, operator }: OperatorToExport): string {
  const top = operator.controllers[0];
  const rows = operator.shops.map((shop) => [
    operator.operatorId,
    shop.platformId,
    shop.shop,
    shop.status ?? '',
    shop.declaredOwners.map((owner) => personText(owner.person)).join('; '),
    shop.nomineeSuspected ? 'yes' : 'no',
    personText(shop.nomineeSuspected?.controlledBy ?? null),
    top?.person.name ?? '',
    top?.person.nationalId ?? top?.person.taxCode ?? '',
    top ? String(top.confidence.value) : '',
    String(operator.confidence.value),
    String(asOf.position),
  ]);
  return `${[COLUMNS as readonly string[], ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

const personText = (person: Person | null) => (person ? [person.name, person.nationalId ?? person.taxCode].filter(Boolean).join(' ') : '');

/**
 * RFC 4180 quoting; a cell a spreadsheet would run as a formula (a name or shop id a seller chose
 * can start with `=`) is written as text.
 */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

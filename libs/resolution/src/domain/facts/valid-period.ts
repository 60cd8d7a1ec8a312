/** A period in calendar dates `YYYY-MM-DD`, both ends inclusive, an open end null. Dates compare as text. */
export interface Period {
  readonly from: string | null;
  readonly to: string | null;
}

export const periodOf = (fact: { readonly validFrom: string | null; readonly validTo: string | null }): Period => ({
  from: fact.validFrom,
  to: fact.validTo,
});

export const contains = (period: Period, date: string): boolean => (period.from === null || period.from <= date) && (period.to === null || date <= period.to);

export const overlaps = (a: Period, b: Period): boolean =>
  (a.from === null || b.to === null || a.from <= b.to) && (b.from === null || a.to === null || b.from <= a.to);

/** The day a claim was made: its stated start, or the day it was recorded when it states none. */
export const startDateOf = (fact: { readonly validFrom: string | null; readonly provenance: { readonly recordedAt: string } }): string =>
  fact.validFrom ?? fact.provenance.recordedAt.slice(0, 10);

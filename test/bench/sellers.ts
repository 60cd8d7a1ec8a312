import { aRegistration } from '../api/shops-api.suite';

/**
 * A registration like aRegistration, for the n-th seller of a market: its own owner, phone, payout
 * account and pickup point. aRegistration's one person on every shop made all of them one operator,
 * one component that every write resolves again: a market of one seller, not what platforms send.
 */
export function aSeller(shopId: string, n: number) {
  const registration = aRegistration(shopId);
  const digits = (width: number) => String(n % 10 ** width).padStart(width, '0');
  const [owner, payout, pickup] = registration.claims;
  return {
    ...registration,
    claims: [
      { ...owner, subject: { ...owner.subject, nationalId: `001089${digits(6)}`, phone: `091${digits(7)}` } },
      { ...payout, subject: { ...payout.subject, bankAccount: { bankCode: 'vcb', accountNumber: `0011${digits(9)}` } } },
      { ...pickup, subject: { address: `${n} P.Bến Nghé, Q.1, TP.HCM`, phone: `098${digits(7)}` } },
    ],
  };
}

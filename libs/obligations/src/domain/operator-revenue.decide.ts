import { Decider } from '@registry/shared-kernel';
import { Dong, formatDong, parseDong } from './money';
import { OperatorRevenueAttributed } from './obligation.events';

/** One shop of an operator in one year, for one seller: the net revenue of the months attributed to that seller (usually all of them). */
export interface OperatorMemberRevenue {
  readonly platformId: string;
  readonly shopId: string;
  readonly attributionKey: string;
  readonly revenue: Dong;
  readonly shopMonths: number;
}

/** What the tax office was last told about an operator's year: the figure, and the shops and sellers in it. */
export interface OperatorRevenueState {
  readonly revenue: Dong | null;
  readonly members: string;
}

/** The operator's shops in a year as the identity graph groups them now; none when they all went to other operators. */
export interface AttributeOperatorRevenue {
  readonly type: 'AttributeOperatorRevenue';
  readonly operatorId: string;
  readonly year: number;
  readonly members: readonly OperatorMemberRevenue[];
  readonly graphPosition: number;
}

const memberKey = (m: { platformId: string; shopId: string }) => `${m.platformId}:${m.shopId}`;
const byKey =
  <T>(key: (item: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

export const initialOperatorRevenueState = (): OperatorRevenueState => ({ revenue: null, members: '' });

/** The shops, their figures and their sellers, as one comparable text. */
const fingerprintOf = (
  members: readonly { platformId: string; shopId: string; revenue: string }[],
  sellers: readonly { attributionKey: string; revenue: string }[],
) => [...members.map((m) => `${memberKey(m)}=${m.revenue}`), ...sellers.map((s) => `${s.attributionKey}=${s.revenue}`)].join(',');

export function evolveOperatorRevenue(_state: OperatorRevenueState, event: OperatorRevenueAttributed): OperatorRevenueState {
  return { revenue: parseDong(event.data.revenue) ?? 0n, members: fingerprintOf(event.data.members, event.data.sellers) };
}

/** A new figure when the sum or the shops behind it moved; nothing for an operator the tax office never heard of and that has nothing. */
export function decideOperatorRevenue(command: AttributeOperatorRevenue, state: OperatorRevenueState): OperatorRevenueAttributed[] {
  const byShop = new Map<string, { platformId: string; shopId: string; revenue: Dong }>();
  for (const m of command.members) {
    const entry = byShop.get(memberKey(m)) ?? { platformId: m.platformId, shopId: m.shopId, revenue: 0n };
    byShop.set(memberKey(m), { ...entry, revenue: entry.revenue + m.revenue });
  }
  const members = [...byShop.values()].sort(byKey(memberKey));
  const revenue = members.reduce((sum, m) => sum + m.revenue, 0n);
  const memberList = members.map((m) => ({ platformId: m.platformId, shopId: m.shopId, revenue: formatDong(m.revenue) }));
  const bySeller = new Map<string, Dong>();
  for (const m of command.members) bySeller.set(m.attributionKey, (bySeller.get(m.attributionKey) ?? 0n) + m.revenue);
  const sellers = [...bySeller].sort(byKey(([key]) => key)).map(([attributionKey, amount]) => ({ attributionKey, revenue: formatDong(amount) }));
  if (state.revenue === null && members.length === 0) return [];
  if (state.revenue === revenue && state.members === fingerprintOf(memberList, sellers)) return [];
  return [
    {
      type: 'OperatorRevenueAttributed',
      data: {
        operatorId: command.operatorId,
        year: command.year,
        revenue: formatDong(revenue),
        previousRevenue: state.revenue === null ? null : formatDong(state.revenue),
        shops: members.length,
        platforms: new Set(members.map((m) => m.platformId)).size,
        shopMonths: command.members.reduce((n, m) => n + m.shopMonths, 0),
        sellers,
        members: memberList,
        graphPosition: command.graphPosition,
      },
    },
  ];
}

export const operatorRevenueDecider: Decider<OperatorRevenueState, AttributeOperatorRevenue, OperatorRevenueAttributed> = {
  initialState: initialOperatorRevenueState,
  evolve: evolveOperatorRevenue,
  decide: decideOperatorRevenue,
};

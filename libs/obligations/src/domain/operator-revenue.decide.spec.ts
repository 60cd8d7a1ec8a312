import { deciderSpec } from '@registry/shared-kernel/testing/decider-spec';
import { AttributeOperatorRevenue, OperatorMemberRevenue, operatorRevenueDecider } from './operator-revenue.decide';

const given = deciderSpec(operatorRevenueDecider);
const member = (platformId: string, shopId: string, attributionKey: string, revenue: bigint, shopMonths = 1): OperatorMemberRevenue => ({
  platformId,
  shopId,
  attributionKey,
  revenue,
  shopMonths,
});
const attribute = (members: OperatorMemberRevenue[], graphPosition = 10): AttributeOperatorRevenue => ({
  type: 'AttributeOperatorRevenue',
  operatorId: 'op:shopee:front-1',
  year: 2025,
  members,
  graphPosition,
});
const fronts = [
  member('shopee', 'front-1', 'tin:a', 60_000_000n, 2),
  member('lazada', 'front-2', 'tin:b', 55_000_000n),
  member('tiktok', 'front-3', 'tin:c', 70_000_000n),
];
const [told] = operatorRevenueDecider.decide(attribute(fronts), operatorRevenueDecider.initialState());

describe('an operator’s yearly revenue', () => {
  it('is one figure over the front shops of three sellers on three platforms, naming each seller’s share', () =>
    given([])
      .when(attribute(fronts))
      .then([
        {
          type: 'OperatorRevenueAttributed',
          data: {
            operatorId: 'op:shopee:front-1',
            year: 2025,
            revenue: '185000000',
            previousRevenue: null,
            shops: 3,
            platforms: 3,
            shopMonths: 4,
            sellers: [
              { attributionKey: 'tin:a', revenue: '60000000' },
              { attributionKey: 'tin:b', revenue: '55000000' },
              { attributionKey: 'tin:c', revenue: '70000000' },
            ],
            members: [
              { platformId: 'lazada', shopId: 'front-2', revenue: '55000000' },
              { platformId: 'shopee', shopId: 'front-1', revenue: '60000000' },
              { platformId: 'tiktok', shopId: 'front-3', revenue: '70000000' },
            ],
            graphPosition: 10,
          },
        },
      ]));

  it('says nothing when neither the figure nor its shops moved, even at a later graph position', () =>
    given([told])
      .when(attribute([...fronts].reverse(), 99))
      .thenNothingHappens());

  it('sends the figure again when a shop leaves the operator, with what it was before', () => {
    const [event] = operatorRevenueDecider.decide(attribute(fronts.slice(0, 2)), operatorRevenueDecider.evolve(operatorRevenueDecider.initialState(), told));
    expect(event.data).toMatchObject({ revenue: '115000000', previousRevenue: '185000000', shops: 2, platforms: 2 });
  });

  it('sends the figure again when a shop’s revenue moves to another of the operator’s sellers, though the sum stays', () => {
    const moved = [fronts[0], { ...fronts[1], attributionKey: 'tin:a' }, fronts[2]];
    const [event] = operatorRevenueDecider.decide(attribute(moved), operatorRevenueDecider.evolve(operatorRevenueDecider.initialState(), told));
    expect(event.data).toMatchObject({
      revenue: '185000000',
      previousRevenue: '185000000',
      sellers: [
        { attributionKey: 'tin:a', revenue: '115000000' },
        { attributionKey: 'tin:c', revenue: '70000000' },
      ],
    });
  });

  it('sends the corrected figure when one shop’s month is corrected', () => {
    const corrected = [fronts[0], { ...fronts[1], revenue: 50_000_000n }, fronts[2]];
    const [event] = operatorRevenueDecider.decide(attribute(corrected), operatorRevenueDecider.evolve(operatorRevenueDecider.initialState(), told));
    expect(event.data).toMatchObject({ revenue: '180000000', previousRevenue: '185000000' });
  });

  it('closes an operator whose shops all went to another operator with a figure of zero', () => {
    const [event] = operatorRevenueDecider.decide(attribute([]), operatorRevenueDecider.evolve(operatorRevenueDecider.initialState(), told));
    expect(event.data).toMatchObject({ revenue: '0', previousRevenue: '185000000', shops: 0, platforms: 0, sellers: [], members: [] });
  });

  it('says nothing about an operator it never reported that has no revenue', () => given([]).when(attribute([])).thenNothingHappens());
});

describe('an operator’s shop whose months are attributed to two sellers', () => {
  it('counts the shop once and each seller with its own months', () => {
    const [event] = operatorRevenueDecider.decide(
      attribute([member('shopee', 'front-1', 'shop:shopee:front-1', 10_000_000n, 1), member('shopee', 'front-1', 'tin:a', 30_000_000n, 2)]),
      operatorRevenueDecider.initialState(),
    );
    expect(event.data).toMatchObject({
      revenue: '40000000',
      shops: 1,
      shopMonths: 3,
      members: [{ platformId: 'shopee', shopId: 'front-1', revenue: '40000000' }],
      sellers: [
        { attributionKey: 'shop:shopee:front-1', revenue: '10000000' },
        { attributionKey: 'tin:a', revenue: '30000000' },
      ],
    });
  });
});

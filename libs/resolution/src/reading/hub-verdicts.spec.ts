import { HubVerdicts, JudgementReads } from './hub-verdicts';

const reads = (shops: string[], keys: string[]): JudgementReads => ({ shops: new Set(shops), keys: new Set(keys) });
const noChange = { shops: new Set<string>(), keys: new Set<string>() };

describe('hub verdicts shared by the walks at one point', () => {
  const judgedAt100 = () => {
    const verdicts = new HubVerdicts(100, '2026-12-01');
    // A collection account judged a hub from its sample alone.
    verdicts.record(['bankAccount:collect'], () => true, reads(['shopee:1', 'shopee:2'], ['bankAccount:collect', 'phone:agent']));
    // An owner's ID and account judged together: one group, no hub.
    verdicts.record(['nationalId:n1', 'bankAccount:b1'], () => false, reads(['tiki:1', 'tiki:2'], ['nationalId:n1', 'bankAccount:b1', 'email:e1']));
    return verdicts;
  };

  it('gives a key its verdict and the keys judged with it', () => {
    const verdicts = judgedAt100();
    expect(verdicts.judgementOf('bankAccount:b1')).toMatchObject({ hub: false, judgedWith: ['nationalId:n1', 'bankAccount:b1'] });
    expect(verdicts.judgementOf('bankAccount:collect')?.hub).toBe(true);
    expect(verdicts.judgementOf('phone:agent')).toBeUndefined();
  });

  it('carries a verdict to a later point when no change names a shop or a key its judgement read', () => {
    const later = judgedAt100().carriedTo(120, '2026-12-01', { shops: new Set(['lazada:9']), keys: new Set(['bankAccount:other']) });
    expect(later.judgementOf('bankAccount:collect')?.hub).toBe(true);
    expect(later.judgementOf('nationalId:n1')?.hub).toBe(false);
  });

  it('drops the verdicts whose sample shops changed, with every key judged with them', () => {
    const later = judgedAt100().carriedTo(120, '2026-12-01', { shops: new Set(['tiki:2']), keys: new Set() });
    expect(later.judgementOf('nationalId:n1')).toBeUndefined();
    expect(later.judgementOf('bankAccount:b1')).toBeUndefined();
    expect(later.judgementOf('bankAccount:collect')?.hub).toBe(true);
  });

  it('drops the verdicts that read a changed key: a new shop on the key, or an attestation on what a sample states', () => {
    expect(
      judgedAt100()
        .carriedTo(120, '2026-12-01', { shops: new Set(), keys: new Set(['phone:agent']) })
        .judgementOf('bankAccount:collect'),
    ).toBeUndefined();
    expect(
      judgedAt100()
        .carriedTo(120, '2026-12-01', { shops: new Set(), keys: new Set(['email:e1']) })
        .judgementOf('bankAccount:b1'),
    ).toBeUndefined();
  });

  it('gives no verdict for a key one of whose fellows was judged again since and then dropped', () => {
    const verdicts = judgedAt100();
    verdicts.record(['bankAccount:b1'], () => false, reads(['tiki:3'], ['bankAccount:b1']));
    const later = verdicts.carriedTo(120, '2026-12-01', { shops: new Set(['tiki:3']), keys: new Set() });
    expect(later.judgementOf('nationalId:n1')).toBeUndefined();
  });

  it('carries on only the verdicts judged or taken at the point, not every one it was handed', () => {
    const first = judgedAt100();
    const second = first.carriedTo(120, '2026-12-01', noChange);
    expect(second.judgementOf('bankAccount:collect')?.hub).toBe(true);
    const third = second.carriedTo(140, '2026-12-01', noChange);
    expect(third.judgementOf('bankAccount:collect')?.hub).toBe(true);
    expect(third.judgementOf('nationalId:n1')).toBeUndefined();
  });
});

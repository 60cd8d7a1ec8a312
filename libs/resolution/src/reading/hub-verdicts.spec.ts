import { HubVerdicts, JudgementReads } from './hub-verdicts';

const reads = (shops: string[], keys: string[]): JudgementReads => ({ shops: new Set(shops), keys: new Set(keys) });
const noChange = { shops: new Set<string>(), keys: new Set<string>() };

describe('hub verdicts shared by the walks at one point', () => {
  const judgedAt100 = () => {
    const verdicts = new HubVerdicts(100, '2026-12-01');
    // A collection account judged a hub from its sample alone.
    verdicts.record(new Map([['bankAccount:collect', true]]), reads(['shopee:1', 'shopee:2'], ['bankAccount:collect', 'phone:agent']));
    // An owner's ID and account judged together: one group, no hub.
    verdicts.record(
      new Map([
        ['nationalId:n1', false],
        ['bankAccount:b1', false],
      ]),
      reads(['tiki:1', 'tiki:2'], ['nationalId:n1', 'bankAccount:b1', 'email:e1']),
    );
    return verdicts;
  };

  it('gives a key its verdict and the keys judged with it', () => {
    const verdicts = judgedAt100();
    expect([...verdicts.judgementOf('bankAccount:b1')!.verdicts]).toEqual([
      ['nationalId:n1', false],
      ['bankAccount:b1', false],
    ]);
    expect(verdicts.judgementOf('bankAccount:collect')?.verdicts.get('bankAccount:collect')).toBe(true);
    expect(verdicts.judgementOf('phone:agent')).toBeUndefined();
  });

  it('carries a verdict to a later point when no change names a shop or a key its judgement read', () => {
    const later = judgedAt100().carriedTo(120, '2026-12-01', { shops: new Set(['lazada:9']), keys: new Set(['bankAccount:other']) });
    expect(later.judgementOf('bankAccount:collect')?.verdicts.get('bankAccount:collect')).toBe(true);
    expect(later.judgementOf('nationalId:n1')?.verdicts.get('nationalId:n1')).toBe(false);
  });

  it('drops the verdicts whose sample shops changed, with every key judged with them', () => {
    const later = judgedAt100().carriedTo(120, '2026-12-01', { shops: new Set(['tiki:2']), keys: new Set() });
    expect(later.judgementOf('nationalId:n1')).toBeUndefined();
    expect(later.judgementOf('bankAccount:b1')).toBeUndefined();
    expect(later.judgementOf('bankAccount:collect')?.verdicts.get('bankAccount:collect')).toBe(true);
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

  it('gives a key judged again the later judgement, and drops it with what that judgement read', () => {
    const verdicts = judgedAt100();
    verdicts.record(new Map([['bankAccount:b1', true]]), reads(['tiki:3'], ['bankAccount:b1']));
    expect(verdicts.judgementOf('bankAccount:b1')?.verdicts.get('bankAccount:b1')).toBe(true);
    const later = verdicts.carriedTo(120, '2026-12-01', { shops: new Set(['tiki:3']), keys: new Set() });
    expect(later.judgementOf('bankAccount:b1')).toBeUndefined();
    // The ID keeps the judgement it was judged in, which holds, with both verdicts of it.
    expect([...later.judgementOf('nationalId:n1')!.verdicts.values()]).toEqual([false, false]);
  });

  it('carries on only the verdicts judged or taken at the point, not every one it was handed', () => {
    const first = judgedAt100();
    const second = first.carriedTo(120, '2026-12-01', noChange);
    expect(second.judgementOf('bankAccount:collect')?.verdicts.get('bankAccount:collect')).toBe(true);
    const third = second.carriedTo(140, '2026-12-01', noChange);
    expect(third.judgementOf('bankAccount:collect')?.verdicts.get('bankAccount:collect')).toBe(true);
    expect(third.judgementOf('nationalId:n1')).toBeUndefined();
  });
});

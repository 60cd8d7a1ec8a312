import { attribute } from './attribution';
import { HolderAttestationFact } from './facts';
import { FactLog } from '../testing/fact-log';

const log = new FactLog();
const held = (nationalId: string, validFrom: string | null, validTo: string | null): HolderAttestationFact =>
  log.attest('phone', '+84912000000', { nationalId }, { validFrom, validTo });

describe('attributing a claimed phone or account to its holder', () => {
  const first = held('A', '2019-01-01', '2021-12-31');
  const second = held('B', '2022-03-01', null);

  it('takes the one holder attested while the claim has stood, whoever holds the number now', () => {
    expect(attribute('2020-05-01', { from: '2020-05-01', to: '2021-10-31' }, [first, second], '2024-06-01')).toMatchObject({
      status: 'attested',
      person: { nationalId: 'A' },
    });
    expect(attribute('2020-05-01', { from: '2020-05-01', to: null }, [first, second], '2021-06-01')).toMatchObject({
      status: 'attested',
      person: { nationalId: 'A' },
    });
    expect(attribute('2023-01-01', { from: '2023-01-01', to: null }, [first, second], '2024-06-01')).toMatchObject({
      status: 'attested',
      person: { nationalId: 'B' },
    });
  });

  it('takes the holder attested later in the claim when none covers its first day', () => {
    expect(attribute('2018-06-01', { from: '2018-06-01', to: '2019-06-01' }, [first, second], '2024-06-01')).toMatchObject({ person: { nationalId: 'A' } });
  });

  it('is ambiguous when the claim still stands after the number passed to another subscriber, attested or not', () => {
    expect(attribute('2020-05-01', { from: '2020-05-01', to: null }, [first, second], '2024-06-01')).toMatchObject({ status: 'ambiguous' });
    expect(attribute('2020-05-01', { from: '2020-05-01', to: null }, [first], '2024-06-01')).toMatchObject({
      status: 'ambiguous',
      persons: [{ nationalId: 'A' }],
    });
  });

  it('is unattested when nobody is attested while it stood', () => {
    expect(attribute('2022-01-15', { from: '2022-01-15', to: '2022-02-01' }, [first, second], '2024-06-01')).toEqual({ status: 'unattested' });
    expect(attribute('2022-01-15', { from: null, to: null }, [], '2024-06-01')).toEqual({ status: 'unattested' });
  });
});

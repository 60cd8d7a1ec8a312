import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ClaimInputDto } from './claim-input.dto';
import { toClaim } from './to-claim';

const input = {
  role: 'declared_owner',
  subject: { fullName: '  Nguyễn  Văn An ', nationalId: '001 089 012 345', phone: '0912 345 678', address: '12 P.Bến Nghé, Q.1, TP.HCM' },
};

describe('a claim from the request', () => {
  it('has the same subject whether the request was validated first (identifiers parsed once) or not', () => {
    const validated = plainToInstance(ClaimInputDto, input);
    expect(validateSync(validated, { whitelist: true, forbidNonWhitelisted: true })).toEqual([]);
    const unvalidated = plainToInstance(ClaimInputDto, input);
    const subject = toClaim(validated, 'shopee-api', 'claims[0]', 'c-1').subject;
    expect(subject).toEqual(toClaim(unvalidated, 'shopee-api', 'claims[0]', 'c-1').subject);
    expect(subject).toMatchObject({ nationalId: '001089012345', phone: '+84912345678', fullName: { folded: 'nguyen van an' } });
  });

  it('parses a subject changed after it was validated as it now reads', () => {
    const validated = plainToInstance(ClaimInputDto, input);
    validateSync(validated);
    validated.subject.nationalId = '001189012345';
    expect(toClaim(validated, 'shopee-api', 'claims[0]', 'c-1').subject.nationalId).toBe('001189012345');
  });
});

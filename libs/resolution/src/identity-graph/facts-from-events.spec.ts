import { subjectValues } from './facts-from-events';

const kinds = (subject: object) => subjectValues(subject as never).map(({ kind, normalised }) => `${kind}:${normalised}`);

describe('the identifiers of a claim subject', () => {
  it('takes a personal tax code given alone as the national ID it is', () => {
    expect(kinds({ taxCode: '001089012345' })).toEqual(['nationalId:001089012345']);
  });

  it('takes it once when the subject gives the same number as its national ID', () => {
    expect(kinds({ nationalId: '001089012345', taxCode: '001089012345' })).toEqual(['nationalId:001089012345']);
  });

  it('keeps it a tax code beside another national ID (an old CMND), so that the subject has one ID number of each kind', () => {
    expect(kinds({ nationalId: '012345678', taxCode: '001089012345' })).toEqual(['nationalId:012345678', 'taxCode:001089012345']);
  });

  it("keeps an enterprise's or a branch's tax code a tax code", () => {
    expect(kinds({ taxCode: '0314409058-002' })).toEqual(['taxCode:0314409058-002']);
  });

  it('shows a name and an address as written, and matches them folded', () => {
    const [name] = subjectValues({ fullName: { folded: 'nguyen van an', original: 'Nguyễn Văn An' } } as never);
    expect(name).toEqual({ kind: 'personName', normalised: 'nguyen van an', shown: 'Nguyễn Văn An' });
  });
});

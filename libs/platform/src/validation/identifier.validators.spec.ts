import { validateSync } from 'class-validator';
import { IsCalendarDate, IsIdentifier, IsShopId, identifierParsedFor } from './identifier.validators';

class RegisterShopBody {
  @IsIdentifier('nationalId')
  ownerNationalId: unknown;

  @IsIdentifier('phone')
  phone: unknown;

  @IsCalendarDate()
  openedOn: unknown;
}

class ContactsBody {
  @IsIdentifier('email', { each: true })
  emails: unknown;

  @IsIdentifier('taxCode', { message: 'give the MST of the seller' })
  taxCode: unknown;
}

class ShopRefBody {
  @IsShopId()
  shopId: unknown;
}

const messages = (body: object) => Object.fromEntries(validateSync(body).map((error) => [error.property, Object.values(error.constraints ?? {})]));

const build = <T extends object>(type: new () => T, values: Record<string, unknown>): T => Object.assign(new type(), values);

describe('identifier validators', () => {
  it('accept values the domain parsers accept, however they are written', () => {
    const body = build(RegisterShopBody, { ownerNationalId: '001 089 012 345', phone: '(+84) 162 123 4567', openedOn: '2024-02-29' });
    expect(validateSync(body)).toEqual([]);
  });

  it('name the property and give the parser reason', () => {
    const body = build(RegisterShopBody, { ownerNationalId: '12345', phone: '+1 212 555 0100', openedOn: '2023-02-30' });
    expect(messages(body)).toEqual({
      ownerNationalId: ['ownerNationalId: must be 12 digits (CCCD) or 9 digits (CMND)'],
      phone: ['phone: must be a Vietnamese number (+84)'],
      openedOn: ['openedOn: day must be from 01 to 28 in that month'],
    });
  });

  it('report a missing value rather than accept it', () => {
    expect(messages(new RegisterShopBody())).toEqual({
      ownerNationalId: ['ownerNationalId: must be a string'],
      phone: ['phone: must be a string'],
      openedOn: ['openedOn: must be a string'],
    });
  });

  it('name the first failing element of an array validated with each', () => {
    const body = build(ContactsBody, { emails: ['an@example.vn', 'an@localhost'], taxCode: '0100233488' });
    expect(messages(body)).toEqual({ emails: ['emails: the domain must contain a dot'] });
  });

  it('use a message given in the options instead of the default', () => {
    const body = build(ContactsBody, { emails: [], taxCode: '0100233480' });
    expect(messages(body)).toEqual({ taxCode: ['give the MST of the seller'] });
  });

  it('register under names a client can match', () => {
    const [nationalId, , openedOn] = validateSync(build(RegisterShopBody, {}));
    expect(Object.keys(nationalId.constraints ?? {})).toEqual(['isIdentifier']);
    expect(Object.keys(openedOn.constraints ?? {})).toEqual(['isCalendarDate']);
  });

  it('keep what a valid identifier was parsed to, for as long as the property holds the value validated', () => {
    const body = build(RegisterShopBody, { ownerNationalId: '001 089 012 345', phone: '12345', openedOn: '2024-02-29' });
    validateSync(body);
    expect(identifierParsedFor(body, 'ownerNationalId')).toMatchObject({ kind: 'nationalId', value: '001089012345' });
    expect(identifierParsedFor(body, 'phone')).toBeUndefined(); // refused: nothing kept
    body.ownerNationalId = '001089099999';
    expect(identifierParsedFor(body, 'ownerNationalId')).toBeUndefined();
    expect(identifierParsedFor(build(RegisterShopBody, { ownerNationalId: '001089012345' }), 'ownerNationalId')).toBeUndefined(); // never validated
  });

  it('check a shop id as the ShopId value object does, kept as sent', () => {
    expect(validateSync(build(ShopRefBody, { shopId: 'Shop_889.123-a' }))).toEqual([]);
    expect(messages(build(ShopRefBody, { shopId: 'a b' }))).toEqual({ shopId: ['shopId: must be 1 to 100 letters, digits or . _ -'] });
    expect(messages(build(ShopRefBody, { shopId: 12345 }))).toEqual({ shopId: ['shopId: must be a string'] });
  });
});

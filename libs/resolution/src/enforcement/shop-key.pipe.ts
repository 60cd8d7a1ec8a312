import { PipeTransform } from '@nestjs/common';
import { DomainError } from '@registry/shared-kernel';
import { SHOP_PART } from './enforcement-query';

/** A platform or shop id from the path, checked like the body fields it mirrors; the field named is the parameter. */
export class ShopPartPipe implements PipeTransform<string, string> {
  constructor(private readonly field: string) {}

  transform(value: string): string {
    if (!SHOP_PART.test(value)) throw DomainError.invalid(this.field, 'must be 1 to 100 letters, digits or . _ -');
    return value;
  }
}

import { BadRequestException, PipeTransform } from '@nestjs/common';
import { SHOP_ID } from '../register-shop/register-shop.dto';

/** The `:shopId` of a route, checked like the body field it came from. */
export class ShopIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!SHOP_ID.test(value)) throw new BadRequestException('shopId: must be 1 to 100 letters, digits or . _ -');
    return value;
  }
}

import { CommandContext, seededEventId, timeOrderedId } from '@registry/event-store';
import { toClaim } from '../claim-input/to-claim';
import { ShopCommand } from '../domain/shop/shop.decide';
import { RegisterShopDto } from './register-shop.dto';

/** The registration request in the domain's terms; claims without an id get one derived from the request. */
export function toRegisterCommand(
  platformId: string,
  input: RegisterShopDto,
  assertedBy: string,
  context: CommandContext,
): Extract<ShopCommand, { type: 'RegisterShop' }> {
  return {
    type: 'RegisterShop',
    platformId,
    shopId: input.shopId,
    profile: { displayName: input.displayName, url: input.url ?? null, category: input.category ?? null },
    claims: (input.claims ?? []).map((claim, i) =>
      toClaim(claim, assertedBy, `claims[${i}]`, context.idSeed ? seededEventId(context.idSeed, 1000 + i) : timeOrderedId()),
    ),
  };
}

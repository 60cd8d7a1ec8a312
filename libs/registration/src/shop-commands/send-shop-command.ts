import { CommandBus } from '@nestjs/cqrs';
import { IdempotentRequest, Principal, commandContext, etagOf } from '@registry/platform';
import { HttpResponse } from '@registry/platform';
import { ShopCommand } from '../domain/shop/shop.decide';
import { platformOf } from '../platform-of';
import { ExecuteShopCommand, ShopWriteResult } from './execute-shop-command';

/** What every shop write route does: dispatch the domain command for the caller's own shop, answer with the new ETag. */
export async function sendShopCommand(
  commands: CommandBus,
  http: { principal: Principal; request: IdempotentRequest; response: HttpResponse },
  shopId: string,
  command: ShopCommand,
): Promise<ShopWriteResult> {
  const context = commandContext(http.request, http.principal);
  const result = await commands.execute<ExecuteShopCommand, ShopWriteResult>(new ExecuteShopCommand(platformOf(http.principal), shopId, command, context));
  http.response.header('ETag', etagOf(result.version));
  return result;
}

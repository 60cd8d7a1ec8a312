import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, EventStore, handleCommand } from '@registry/event-store';
import { ShopCommand, shopDecider } from '../domain/shop/shop.decide';
import { shopStream } from '../domain/shop/shop.events';

/** Any change to one shop's stream: the domain command, and where it comes from. */
export class ExecuteShopCommand {
  constructor(
    readonly platformId: string,
    readonly shopId: string,
    readonly command: ShopCommand,
    readonly context: CommandContext,
  ) {}
}

export interface ShopWriteResult {
  readonly platformId: string;
  readonly shopId: string;
  /** The shop's version after the request, also sent as its ETag. */
  readonly version: number;
  /** False when the request changed nothing (it had been applied before, or asked for the current state). */
  readonly changed: boolean;
}

@CommandHandler(ExecuteShopCommand)
export class ExecuteShopCommandHandler implements ICommandHandler<ExecuteShopCommand, ShopWriteResult> {
  constructor(private readonly store: EventStore) {}

  async execute({ platformId, shopId, command, context }: ExecuteShopCommand): Promise<ShopWriteResult> {
    const result = await handleCommand(this.store, shopStream(platformId, shopId), shopDecider, command, context);
    return { platformId, shopId, version: result.version, changed: result.events.length > 0 };
  }
}

import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, EventStore, handleStreamsCommand, readingStreams } from '@registry/event-store';
import { shopStream } from '@registry/registration/domain';
import { FlagShop, shopFlagDecider } from '../../domain/flag/shop-flag.decide';
import { ShopFlagged, flagStream } from '../../domain/flag/shop-flagged';

export interface FlagShopResult extends Readonly<ShopFlagged['data']> {
  readonly platformId: string;
  readonly shopId: string;
  readonly flagId: string;
  /** The version of the shop's flag stream after the flag. */
  readonly version: number;
}

export class FlagShopCommand extends Command<FlagShopResult> {
  constructor(
    readonly flag: FlagShop,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** The flag goes to the shop's flag stream, decided on the shop's own stream too: the platform's stream stays the platform's. */
const flagging = readingStreams(shopFlagDecider, ({ platformId, shopId }: FlagShop) => ({
  reads: [shopStream(platformId, shopId)],
  writes: flagStream(platformId, shopId),
}));

@CommandHandler(FlagShopCommand)
export class FlagShopHandler implements ICommandHandler<FlagShopCommand> {
  constructor(private readonly store: EventStore) {}

  async execute({ flag, context }: FlagShopCommand): Promise<FlagShopResult> {
    const { platformId, shopId } = flag;
    const { changes, versions } = await handleStreamsCommand(this.store, flagging, flag, context);
    const [event] = changes[0].events;
    return { platformId, shopId, flagId: event.id, version: versions.get(flagStream(platformId, shopId))!, ...(event.data as ShopFlagged['data']) };
  }
}

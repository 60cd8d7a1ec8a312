import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, EventStore, handleCommand, loadState } from '@registry/event-store';
import { DomainError } from '@registry/shared-kernel';
import { LinkCommand, linkDecider } from '../domain/link/link.decide';
import { ShopRef, linkPair, linkStream } from '../domain/link/link.events';
import { shopDecider } from '../domain/shop/shop.decide';
import { shopStream } from '../domain/shop/shop.events';

/** Any change to the link of one pair of shops. */
export class ExecuteLinkCommand {
  constructor(
    readonly shops: readonly [ShopRef, ShopRef],
    /** The shops the caller may know of, which must exist (404 otherwise); never another platform's. */
    readonly mustExist: readonly ShopRef[],
    readonly command: LinkCommand,
    readonly context: CommandContext,
  ) {}
}

export interface LinkWriteResult {
  readonly a: ShopRef;
  readonly b: ShopRef;
  /** The pair's version after the request: every party's statements count. */
  readonly version: number;
  /** False when the caller's own statement already stood (or was already withdrawn). */
  readonly changed: boolean;
}

@CommandHandler(ExecuteLinkCommand)
export class ExecuteLinkCommandHandler implements ICommandHandler<ExecuteLinkCommand, LinkWriteResult> {
  constructor(private readonly store: EventStore) {}

  async execute({ shops, mustExist, command, context }: ExecuteLinkCommand): Promise<LinkWriteResult> {
    for (const shop of mustExist) {
      const { state } = await loadState(this.store, shopStream(shop.platformId, shop.shopId), shopDecider);
      if (!state.exists) throw DomainError.notFound('shop');
    }
    const result = await handleCommand(this.store, linkStream(...shops), linkDecider, command, context);
    return { ...linkPair(...shops), version: result.version, changed: result.events.length > 0 };
  }
}

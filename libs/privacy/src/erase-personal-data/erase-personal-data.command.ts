import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventMetadata } from '@registry/event-store';
import { ErasureResult, PersonalDataEraser } from '../erasure/personal-data-eraser';
import { LegalGround } from '../erasure/erasure.events';

/** Whose data: a shop's records, or every record of the person an identifier names (its value normalised already). */
export type ErasureTarget =
  { readonly shop: { readonly platformId: string; readonly shopId: string } } | { readonly identifier: { readonly kind: string; readonly value: string } };

export type ErasePersonalDataResult = ErasureResult & { readonly keptRecordsNamingOthers?: number };

export class ErasePersonalData extends Command<ErasePersonalDataResult> {
  constructor(
    readonly target: ErasureTarget,
    readonly how: { readonly legalGround: LegalGround; readonly reference: string },
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}

@CommandHandler(ErasePersonalData)
export class ErasePersonalDataHandler implements ICommandHandler<ErasePersonalData> {
  constructor(private readonly eraser: PersonalDataEraser) {}

  async execute({ target, how, metadata }: ErasePersonalData): Promise<ErasePersonalDataResult> {
    if ('shop' in target) {
      const keyIds = await this.eraser.recordsOfShop(target.shop.platformId, target.shop.shopId);
      return this.eraser.erase(keyIds, { matchedBy: 'shop', ...how }, metadata);
    }
    const { kind, value } = target.identifier;
    const subject = await this.eraser.recordsOfSubject(kind, value);
    const result = await this.eraser.erase(subject.keyIds, { matchedBy: `identifier:${kind}`, ...how }, metadata);
    return { ...result, keptRecordsNamingOthers: subject.namingOthers };
  }
}

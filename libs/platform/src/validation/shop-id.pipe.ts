import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '@registry/shared-kernel';
import { parseShopId } from '@registry/shared-kernel/identifiers';

/**
 * A shop id in the path (`:shopId`, `:otherShopId`), checked like the body field it mirrors; the
 * problem names the parameter. A `:platformId` beside it is checked with the same rule: every
 * platform id (a lowercase principal id) passes it, so an unknown platform answers 404 like an
 * unknown shop, and neither part can hold the colon that separates them in a shop's key.
 */
@Injectable()
export class ShopIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    const parsed = parseShopId(value);
    if (!parsed.ok) throw DomainError.invalid(metadata.data ?? 'shopId', parsed.reason);
    return parsed.value.value;
  }
}

import { BadRequestException, Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, IdempotentRequest, Principal, Roles, exampleSchema, requestMetadata } from '@registry/platform';
import { parseIdentifier } from '@registry/shared-kernel';
import { PersonalDataEraser } from '../erasure/personal-data-eraser';
import { ErasePersonalDataDto } from './erase-personal-data.dto';
import examples from './erase-personal-data.examples.json';

@ApiTags('admin: personal data')
@Roles('admin')
@Controller('admin/erasures')
export class ErasePersonalDataController {
  constructor(private readonly eraser: PersonalDataEraser) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Erase a data subject: destroys the data keys of every matching record; the erasure is an event without the erased data',
  })
  @ApiOkResponse({ description: 'The erasure: how many records lost their data keys, under which legal ground', schema: exampleSchema(examples.erase) })
  async erase(@Body() body: ErasePersonalDataDto, @CurrentPrincipal() principal: Principal, @Req() request: IdempotentRequest) {
    if ((body.identifier === undefined) === (body.shop === undefined)) {
      throw new BadRequestException('identifier: give exactly one of identifier and shop');
    }
    let keyIds: string[];
    let matchedBy: string;
    if (body.identifier) {
      const parsed = parseIdentifier(body.identifier.kind, body.identifier.value);
      if (!parsed.ok) throw new BadRequestException(`identifier.value: ${parsed.reason}`);
      keyIds = await this.eraser.recordsWithIdentifier(body.identifier.kind, parsed.value.value);
      matchedBy = `identifier:${body.identifier.kind}`;
    } else {
      keyIds = await this.eraser.recordsOfShop(body.shop!.platformId, body.shop!.shopId);
      matchedBy = 'shop';
    }
    return this.eraser.erase(keyIds, { matchedBy, legalGround: body.legalGround, reference: body.reference }, requestMetadata(request, principal));
  }
}

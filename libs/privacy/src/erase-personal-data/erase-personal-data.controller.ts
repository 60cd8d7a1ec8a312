import { BadRequestException, Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, IdempotentRequest, Principal, Roles, exampleSchema, requestMetadata } from '@registry/platform';
import { parseIdentifier } from '@registry/shared-kernel';
import { ErasePersonalData } from './erase-personal-data.command';
import { ErasePersonalDataDto } from './erase-personal-data.dto';
import examples from './erase-personal-data.examples.json';

@ApiTags('admin: personal data')
@Roles('admin')
@Controller('admin/erasures')
export class ErasePersonalDataController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Erase a data subject: destroys the data keys of every record of the person (found through every identifier of theirs), says what was erased by kind and count; the erasure is an event without the erased data',
  })
  @ApiOkResponse({ description: 'The erasure: how many records lost their data keys, under which legal ground', schema: exampleSchema(examples.erase) })
  async erase(@Body() body: ErasePersonalDataDto, @CurrentPrincipal() principal: Principal, @Req() request: IdempotentRequest) {
    if ((body.identifier === undefined) === (body.shop === undefined)) {
      throw new BadRequestException('identifier: give exactly one of identifier and shop');
    }
    const how = { legalGround: body.legalGround, reference: body.reference };
    if (body.shop) return this.commands.execute(new ErasePersonalData({ shop: body.shop }, how, requestMetadata(request, principal)));
    const parsed = parseIdentifier(body.identifier!.kind, body.identifier!.value);
    if (!parsed.ok) throw new BadRequestException(`identifier.value: ${parsed.reason}`);
    const identifier = { kind: body.identifier!.kind, value: parsed.value.value };
    return this.commands.execute(new ErasePersonalData({ identifier }, how, requestMetadata(request, principal)));
  }
}

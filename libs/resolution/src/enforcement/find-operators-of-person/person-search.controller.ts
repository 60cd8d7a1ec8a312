import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, ReadRoute, exampleSchema } from '@registry/platform';
import { HttpRequest } from '@registry/platform';
import { IdentityGraphReader } from '../../reading/identity-graph.reader';
import { AuditedRead } from '../audited-read';
import { EnforcementReads } from '../enforcement-read.decorator';
import { queriedIdentifier } from '../identifier-query';
import { FindOperatorsOfPerson } from './operators-of-person.query';
import { PersonSearchDto } from './person-search.dto';
import examples from './person-search.examples.json';

@EnforcementReads()
@Controller('enforcement/person-searches')
export class PersonSearchController {
  constructor(
    private readonly queries: QueryBus,
    private readonly reader: IdentityGraphReader,
    private readonly audited: AuditedRead,
  ) {}

  @Post()
  @ReadRoute()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Every operator a person controls or fronts, with the role (controller, declared owner, nominee), the shops and the evidence; the person named by an ID number, or the attested holder or subscriber of an account, wallet or phone on the date',
  })
  @ApiOkResponse({
    description:
      'The person as found, and each operator they control, declare or front, with the role, the shops tied to them and the evidence; one audit record',
    schema: exampleSchema(examples.search),
  })
  async search(@Body() body: PersonSearchDto, @CurrentPrincipal() principal: Principal, @Req() request: HttpRequest) {
    const identifier = queriedIdentifier(body.kind, body.value);
    // The audit names the identifier by its blind index, never in clear.
    const params = { kind: body.kind, key: this.reader.keyOf(body.kind, identifier.value), asOf: body.asOf ?? null };
    const answer = await this.audited.run(request, principal, { name: 'operatorsOfPerson', params }, () =>
      this.queries.execute(new FindOperatorsOfPerson(identifier, body.asOf ? new Date(body.asOf) : undefined)),
    );
    // `point` is the name the person pivot was specified with; `asOf` the one every enforcement answer carries.
    return { ...answer, point: answer.asOf };
  }
}

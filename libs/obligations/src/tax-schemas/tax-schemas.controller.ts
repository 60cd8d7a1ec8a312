import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public, exampleSchema } from '@registry/platform';
import { DomainError } from '@registry/shared-kernel';
import annualRevenueAttributed from '../../schemas/annual-revenue-attributed.v1.json';
import cloudEvent from '../../schemas/cloudevent.v1.json';
import common from '../../schemas/common.v1.json';
import obligationAssessed from '../../schemas/obligation-assessed.v1.json';
import operatorRevenueAttributed from '../../schemas/operator-revenue-attributed.v1.json';
import sellerIdentified from '../../schemas/seller-identified.v1.json';
import unidentifiedSellerRevenue from '../../schemas/unidentified-seller-revenue.v1.json';
import withholdingRules from '../../schemas/withholding-rules.schema.json';
import withholdingShortfallDetected from '../../schemas/withholding-shortfall-detected.v1.json';
import { TAX_SCHEMA_PATH } from '../tax-events/tax-cloud-event';

/** Imported, not read from disk, so that the build carries them wherever the service runs. */
const SCHEMAS: readonly { $id: string }[] = [
  annualRevenueAttributed,
  cloudEvent,
  common,
  obligationAssessed,
  operatorRevenueAttributed,
  sellerIdentified,
  unidentifiedSellerRevenue,
  withholdingRules,
  withholdingShortfallDetected,
];
const BY_FILE = new Map(SCHEMAS.map((schema) => [schema.$id.slice(`${TAX_SCHEMA_PATH}/`.length), schema]));

/**
 * Every JSON Schema of the tax delivery at the path its `$id` and the events' `dataschema` name,
 * so a consumer resolves them (and the `$ref`s between them) against the registry. Public: they
 * describe formats and hold no data.
 */
@ApiTags('tax')
@Public()
@Controller('schemas/tax')
export class TaxSchemasController {
  @Get(':file')
  @Header('Content-Type', 'application/schema+json')
  @ApiOperation({ summary: 'A JSON Schema of the tax delivery: the CloudEvent envelope, each event payload, the withholding rule table' })
  @ApiParam({ name: 'file', enum: [...BY_FILE.keys()] })
  @ApiOkResponse({ description: 'The JSON Schema (draft 2020-12)', schema: exampleSchema(sellerIdentified) })
  schema(@Param('file') file: string): object {
    const schema = BY_FILE.get(file);
    if (!schema) throw DomainError.notFound(`schema ${file}`);
    return schema;
  }
}

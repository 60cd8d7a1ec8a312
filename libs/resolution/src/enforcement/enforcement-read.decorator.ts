import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { Roles } from '@registry/platform';
import { PURPOSE_HEADER_DESCRIPTION, PURPOSE_NOTE_DESCRIPTION } from '../audit/read-context';

/**
 * A controller of audited enforcement reads: enforcement keys only, and the headers every read is
 * recorded under (AuditedRead refuses a read without them), documented once for all of them.
 */
export const EnforcementReads = (tag = 'enforcement: resolution') =>
  applyDecorators(
    ApiTags(tag),
    Roles('enforcement'),
    ApiHeader({ name: 'X-Case-Reference', required: true, description: 'The case this read serves (recorded in the audit trail)' }),
    ApiHeader({ name: 'X-Purpose', required: true, description: PURPOSE_HEADER_DESCRIPTION }),
    ApiHeader({ name: 'X-Purpose-Note', required: false, description: PURPOSE_NOTE_DESCRIPTION }),
  );

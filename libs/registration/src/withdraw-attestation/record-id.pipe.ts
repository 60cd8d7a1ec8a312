import { BadRequestException, PipeTransform } from '@nestjs/common';
import { RECORD_ID, RECORD_ID_RULE } from '../submit-attestation/attestation.dto';

/** The `:recordId` of a route, checked like the body field it came from. */
export class RecordIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!RECORD_ID.test(value)) throw new BadRequestException(`recordId: ${RECORD_ID_RULE}`);
    return value;
  }
}

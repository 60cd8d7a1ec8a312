import { OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, problemType } from '../problem-details';

const PROBLEM_SCHEMA = {
  type: 'object',
  description:
    'RFC 9457 problem details. `type` is `/problems/<status name>` (e.g. `/problems/bad-request`, `/problems/not-found`, ' +
    '`/problems/conflict`, `/problems/precondition-failed`); `detail` says every fault as `field: rule`, never the value sent; ' +
    '`errors` lists the invalid fields, headers or parameters, one message per fault.',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', example: problemType(400) },
    title: { type: 'string', example: 'Bad Request' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string', example: 'claims[0].subject.nationalId: must be 12 digits (CCCD) or 9 digits (CMND)' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: {
          field: { type: 'string', example: 'claims[0].subject.nationalId' },
          message: { type: 'string', example: 'must be 12 digits (CCCD) or 9 digits (CMND)' },
        },
      },
    },
  },
};

/**
 * Every error answer is a problem document, so it is described once, as a component, and every
 * operation refers to it for its 4xx and 5xx answers.
 */
export function withProblemResponses(document: OpenAPIObject): OpenAPIObject {
  const problem = { $ref: '#/components/responses/Problem' };
  const paths = Object.fromEntries(
    Object.entries(document.paths).map(([path, item]) => [
      path,
      Object.fromEntries(
        Object.entries(item).map(([method, operation]) =>
          typeof operation === 'object' && operation !== null && 'responses' in operation
            ? [method, { ...operation, responses: { ...operation.responses, '4XX': problem, '5XX': problem } }]
            : [method, operation],
        ),
      ),
    ]),
  );
  return {
    ...document,
    paths,
    components: {
      ...document.components,
      schemas: { ...document.components?.schemas, ProblemDetails: PROBLEM_SCHEMA },
      responses: {
        ...document.components?.responses,
        Problem: {
          description: 'The request failed: problem details',
          content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
        },
      },
    },
  };
}

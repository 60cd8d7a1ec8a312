import { RunningRegistry, startRegistry } from '../support/registry-app';

jest.setTimeout(60_000);

interface Operation {
  readonly operationId: string;
  readonly responses: Record<string, { $ref?: string; content?: Record<string, { schema?: { type?: string } }> }>;
}

/** The OpenAPI document is the integrator's contract: every operation says what it answers, and how it fails. */
describe('the OpenAPI document', () => {
  let registry: RunningRegistry;
  let document: { paths: Record<string, Record<string, Operation>>; components: { responses: Record<string, { content: Record<string, unknown> }> } };
  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })));

  beforeAll(async () => {
    registry = await startRegistry();
    document = (await registry.http().get('/docs-json').expect(200)).body;
  });
  afterAll(() => registry.close());

  it('is served at /docs-json, where NestJS users look, and at /docs/openapi.json', async () => {
    const other = await registry.http().get('/docs/openapi.json').expect(200);

    expect(other.body).toEqual(document);
    expect(operations().length).toBeGreaterThanOrEqual(43);
  });

  it('gives every operation a success body with a schema and an example', () => {
    const undocumented = operations()
      .filter(({ op }) => {
        const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
        return !success.some(([, response]) =>
          Object.values(response.content ?? {}).some((media) => media.schema?.type !== undefined && JSON.stringify(media).includes('"example"')),
        );
      })
      .map(({ name }) => name);

    expect(undocumented).toEqual([]);
  });

  it('refers every operation to the one problem details answer for its 4xx and 5xx', () => {
    const without = operations()
      .filter(({ op }) => op.responses['4XX']?.$ref !== '#/components/responses/Problem' || op.responses['5XX']?.$ref !== '#/components/responses/Problem')
      .map(({ name }) => name);

    expect(without).toEqual([]);
    expect(Object.keys(document.components.responses.Problem.content)).toEqual(['application/problem+json']);
  });
});

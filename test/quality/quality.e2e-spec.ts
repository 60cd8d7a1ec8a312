import { AddressInfo } from 'node:net';
import { RunningRegistry, startRegistry } from '../support/registry-app';
import { generateMarket } from './market';
import { loadMarket, readOperators } from './market-api';
import { qualityReport, QualityReport } from './quality-report';

/**
 * The targets of issue 10 on a small generated market, loaded and read over the HTTP API on the
 * embedded store: the registry must tell who runs each shop as well on every change of its rules.
 * `npm run bench:quality` measures the same on bigger markets and several seeds.
 */
describe('who runs each shop of a generated market, over the API on SQLite', () => {
  let registry: RunningRegistry;
  let report: QualityReport;

  beforeAll(async () => {
    registry = await startRegistry();
    const { port } = registry.app.getHttpServer().address() as AddressInfo;
    const endpoint = { url: `http://127.0.0.1:${port}`, adminKey: registry.key('bootstrap-admin'), officerKey: registry.key('demo-officer') };
    const market = generateMarket({ seed: 'regression', operators: 90 });
    await loadMarket(endpoint, market);
    report = qualityReport(market, (await readOperators(endpoint, market)).answers);
  }, 600_000);

  afterAll(() => registry?.close());

  it('has an operator for every shop', () => {
    expect(report.unanswered).toBe(0);
  });

  it('puts shops under one operator exactly when one operator runs them (pairwise F1 ≥ 0.99)', () => {
    expect(report.registry.f1).toBeGreaterThanOrEqual(0.99);
  });

  it('joins fewer than 0.1% of pairs of shops that different operators run', () => {
    expect(report.registry.falseJoins).toBeLessThan(0.001);
  });

  it('names the true operator as the top controller for at least 95% of shops', () => {
    expect(report.controllerRight).toBeGreaterThanOrEqual(0.95);
  });

  it('flags nominee-declared shops with precision and recall of at least 90%', () => {
    expect(report.nominees.precision).toBeGreaterThanOrEqual(0.9);
    expect(report.nominees.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('does better than union over the declared national IDs, the naive answer', () => {
    expect(report.registry.f1).toBeGreaterThan(report.declaredIdsOnly.f1);
  });
});

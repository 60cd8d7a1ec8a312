import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BrowserContext, Page, chromium } from 'playwright-core';
import { RunningRegistry, startRegistry } from '../support/registry-app';
import { Scenario, seedScenario } from './scenario';

/** Debian's Chromium, never a downloaded one; `.ci/install-chromium.sh` installs it. */
const CHROMIUM = '/usr/bin/chromium';
const WORKSPACE = resolve('dist/workspace');
const ARTIFACTS = resolve('test/browser/artifacts');
const CASE = { reference: 'QLTT-HN-2026-0117', purpose: 'counterfeit_goods' };

describe('the investigator workspace in headless Chromium', () => {
  let registry: RunningRegistry;
  let scenario: Scenario;
  let profile: string;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    // Loud, never skipped: a browser test that quietly does not run proves nothing.
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: run .ci/install-chromium.sh (apt-get install chromium)`);
    if (!existsSync(join(WORKSPACE, 'index.html'))) throw new Error(`the workspace is not built in ${WORKSPACE}: run npm run build:workspace`);
    registry = await startRegistry({ REGISTRY_HUB_THRESHOLD: '3', REGISTRY_WORKSPACE_DIR: WORKSPACE });
    scenario = await seedScenario(registry);
    profile = mkdtempSync(join(tmpdir(), 'workspace-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      acceptDownloads: true,
      viewport: { width: 1400, height: 1100 },
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await registry?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  const origin = () => {
    const address = registry.app.getHttpServer().address() as { port: number };
    return `http://127.0.0.1:${address.port}`;
  };
  const nodes = (kind: string) =>
    page.locator(`#network-nodes li[data-kind="${kind}"]`).evaluateAll((items) => items.map((item) => item.getAttribute('data-node')).sort());
  const edges = () =>
    page.locator('#network-edges li').evaluateAll((items) =>
      items.map((item) => ({
        source: item.getAttribute('data-source'),
        target: item.getAttribute('data-target'),
        joins: item.getAttribute('data-joins'),
        text: item.textContent,
      })),
    );

  it('an officer opens a case session, searches a shop and sees who runs it: the holder the bank attested, the shops on three platforms, the hub apart', async () => {
    await page.goto(`${origin()}/workspace/`);
    await page.fill('#sign-in input[name=apiKey]', registry.key('demo-officer'));
    await page.fill('#sign-in input[name=caseReference]', CASE.reference);
    await page.selectOption('#sign-in select[name=purpose]', CASE.purpose);
    await page.click('#sign-in button[type=submit]');

    await page.fill('#search-shop textarea', `${scenario.first.platformId}:${scenario.first.shopId}`);
    await page.click('#search-shop button[type=submit]');
    await page.waitForSelector('#timeline-entries li');

    expect(await page.textContent('#controller')).toBe(`${scenario.holder.name} · ID ${scenario.holder.nationalId}`);
    expect(await page.locator('#shops li .badge.nominee').count()).toBe(3);
    expect(await nodes('shop')).toEqual(scenario.shops);
    expect(await nodes('person')).toEqual(['nationalId:001085099999', 'nationalId:001089012301', 'nationalId:001089012303', 'nationalId:001189012302']);
    expect(await nodes('hub')).toEqual(['phone:+842439998888']);
    const drawn = await edges();
    // The bank's attestation: each shop's payout account leads to the holder, and joins.
    const holderEdges = drawn
      .filter((e) => e.target === `nationalId:${scenario.holder.nationalId}`)
      .map((e) => [e.source, e.joins, e.text?.includes('attested holder')]);
    expect(holderEdges.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual(scenario.shops.map((shop) => [shop, 'true', true]));
    expect(drawn.filter((e) => e.target === 'phone:+842439998888')).toEqual([expect.objectContaining({ source: 'shopee:my-pham-an', joins: 'false' })]);
    expect(await page.locator('#network canvas').count()).toBeGreaterThan(0);

    // The tax card: one yearly figure across both platforms that reported, the shortfall lazada left.
    await page.waitForSelector('#tax .tax-year');
    const tax = await page.textContent('#tax');
    expect(tax).toContain('2026: 100.000.000 ₫ across 2 platforms');
    expect(tax).toContain('VAT due 1.000.000 ₫, withheld 600.000 ₫, shortfall 400.000 ₫');
    expect(tax).toContain('Shortfall: 600.000 ₫ withheld too little');
    expect(tax).toContain('lazada:binh-beauty — 40.000.000 ₫ in 1 month; VAT short 400.000 ₫, PIT short 200.000 ₫');

    // A node opened from the list shows its evidence, as a click on the drawing does.
    await page.click('#network-list summary');
    await page.click(`#network-nodes li[data-node="nationalId:${scenario.holder.nationalId}"] button`);
    expect(await page.textContent('#evidence')).toContain('attested holder (joins)');
    // Why two shops have one operator: the chain through the shared account.
    await page.click('#shops li[data-shop="tiktok:cuong-store"] a');
    expect(await page.textContent('#why-chain')).toContain(`share bankAccount:VCB:${scenario.account}`);
    await page.screenshot({ path: join(ARTIFACTS, 'operator.png'), fullPage: true });
  });

  it('moving asOf before the third shop was registered redraws the network with two shops and no attested holder; now brings them back; the slider steps through what was learned', async () => {
    await page.fill('#asof-input', scenario.before);
    await page.click('#timeline form.asof button[type=submit]');
    await page.waitForSelector(`#asof-label:has-text("${scenario.before}")`);
    expect(await nodes('shop')).toEqual(['lazada:binh-beauty', 'shopee:my-pham-an']);
    expect((await edges()).filter((e) => e.text?.includes('attested holder'))).toEqual([]);
    expect(await page.textContent('#controller')).not.toContain(scenario.holder.name);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, 'operator-as-of.png') });

    await page.click('#timeline form.asof button[type=button]');
    await page.waitForSelector('#asof-label:has-text("knows it now")');
    expect(await nodes('shop')).toEqual(scenario.shops);

    // The slider's first step: as known when the first shop was registered, alone.
    await page.fill('#asof-slider', '0');
    await page.waitForSelector('#asof-label:has-text("knew it on")');
    expect(await nodes('shop')).toEqual(['shopee:my-pham-an']);
    await page.click('#timeline form.asof button[type=button]');
    await page.waitForSelector('#asof-label:has-text("knows it now")');
  });

  it('exports the network as GraphML and the operator as CSV: files that parse to the drawn network and the shops, each export in the audit trail', async () => {
    const listed = { nodes: await page.locator('#network-nodes li').count(), edges: await page.locator('#network-edges li').count() };
    const [graphml] = await Promise.all([page.waitForEvent('download'), page.click('#exports button[data-format=graphml]')]);
    expect(graphml.suggestedFilename()).toBe('op_shopee_my-pham-an.graphml');
    const xml = readFileSync((await graphml.path())!, 'utf8');
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        nodes: doc.getElementsByTagName('node').length,
        edges: doc.getElementsByTagName('edge').length,
        hub: [...doc.getElementsByTagName('node')].find((n) => n.getAttribute('id') === 'phone:+842439998888')?.querySelector('data[key=n_hub]')?.textContent,
      };
    }, xml);
    expect(parsed).toEqual({ error: null, ...listed, hub: 'true' });

    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#exports button[data-format=csv]')]);
    const rows = readFileSync((await csv.path())!, 'utf8')
      .trim()
      .split('\r\n')
      .map((row) => row.split(','));
    expect(
      rows
        .slice(1)
        .map((row) => row[rows[0].indexOf('shop')])
        .sort(),
    ).toEqual(scenario.shops);
    expect(rows.slice(1).map((row) => row[rows[0].indexOf('top_controller')])).toEqual([scenario.holder.name, scenario.holder.name, scenario.holder.name]);
    expect(await page.textContent('#export-status')).toMatch(/recorded in the audit trail as [0-9a-f-]{36}/);

    await registry.settle();
    const audit = await registry
      .http()
      .post('/admin/enforcement-audit/search')
      .set('x-api-key', registry.key('bootstrap-admin'))
      .send({ caseReference: CASE.reference })
      .expect(200);
    const reads = audit.body.records.map(
      (r: { query: { name: string; params: { format?: string } }; purpose: string }) =>
        `${r.query.name}${r.query.params.format ? `:${r.query.params.format}` : ''}`,
    );
    expect(reads).toEqual(
      expect.arrayContaining([
        'operatorOfShop',
        'operatorNetwork',
        'shopHistory',
        'operatorFormation',
        'whyTogether',
        'operatorNetwork:graphml',
        'operatorOfShop:csv',
      ]),
    );
    expect(new Set(audit.body.records.map((r: { purpose: string }) => r.purpose))).toEqual(new Set([CASE.purpose]));
  });

  it('searches by identifier across platforms, by several shops at once and by person where the registry offers them (a clear notice where it does not yet)', async () => {
    await page.goto(`${origin()}/workspace/#/`);
    await page.selectOption('#search-identifier select', 'bankAccount');
    await page.fill('#search-identifier input[name=value]', `vcb:${scenario.account}`);
    await page.click('#search-identifier button[type=submit]');
    await page.waitForSelector('#identifier-results');
    expect(await page.locator('#identifier-results tbody td:first-child').allTextContents()).toEqual(scenario.shops);

    const officer = { 'x-api-key': registry.key('demo-officer'), 'x-case-reference': CASE.reference, 'x-purpose': CASE.purpose };
    const batch = await registry
      .http()
      .post('/enforcement/operator-searches')
      .set(officer)
      .send({
        shops: [
          { platformId: 'lazada', shopId: 'binh-beauty' },
          { platformId: 'shopee', shopId: 'kho-neighbour-1' },
        ],
      });
    await page.fill('#search-shop textarea', 'lazada:binh-beauty\nshopee:kho-neighbour-1');
    await page.click('#search-shop button[type=submit]');
    if (batch.status === 404) {
      await page.waitForSelector('#results .notice');
      expect(await page.textContent('#results .notice')).toBe(
        'Several shops at once is not offered by this registry yet (HTTP 404). The other reads work as usual.',
      );
    } else {
      await page.waitForSelector('#batch-results');
      expect(await page.locator('#batch-results tbody td:nth-child(2)').allTextContents()).toEqual(['op:shopee:my-pham-an', 'op:shopee:kho-neighbour-1']);
    }

    const offered = await registry.http().post('/enforcement/person-searches').set(officer).send({ kind: 'nationalId', value: scenario.holder.nationalId });
    await page.fill('#search-person input[name=value]', scenario.holder.nationalId);
    await page.click('#search-person button[type=submit]');
    if (offered.status === 404) {
      await page.waitForSelector('#results .notice');
      expect(await page.textContent('#results .notice')).toBe('Person search is not offered by this registry yet (HTTP 404). The other reads work as usual.');
    } else {
      await page.waitForSelector('#person-results');
      expect(await page.locator('#person-results tbody tr').count()).toBe(offered.body.operators.length);
    }
  });
});

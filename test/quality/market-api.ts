/**
 * A market through the registry's HTTP API, as platforms, partners and enforcement use it: one API
 * key per platform and partner, the bulk endpoints to load, the enforcement API to ask who runs each
 * shop. Used by `npm run bench:quality` (a child process) and by the regression test (in process).
 */
import { Market, PLATFORMS } from './market';
import { OperatorAnswer, shopKeyOf } from './quality-report';

export interface RegistryEndpoint {
  readonly url: string;
  readonly adminKey: string;
  readonly officerKey: string;
}

/** Items per bulk request: well under the 5,000 allowed, so one request never holds the server for long. */
const BULK = 1000;
const CASE_HEADERS = { 'x-case-reference': 'QUALITY-2026-0001', 'x-purpose': 'counterfeit_goods' };

async function post(endpoint: RegistryEndpoint, path: string, key: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${endpoint.url}${path}`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json', ...CASE_HEADERS },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function get(endpoint: RegistryEndpoint, path: string, key: string): Promise<{ status: number; body: unknown }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(`${endpoint.url}${path}`, { headers: { 'x-api-key': key, ...CASE_HEADERS } });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    } catch (error) {
      // A kept-alive connection closed by the server as the request went out: a read can be sent again.
      if (attempt >= 3) throw error;
    }
  }
}

/** How long a load waits for the registry to catch up: a default-size market's projections take minutes. */
const CATCH_UP_MS = 30 * 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Creates a principal and returns its key once the key works. A 202 says the principal was created
 * but the principal directory had not caught up within the registry's wait (the projections behind a
 * bulk load): the key works once it has, which this waits for.
 */
export async function createPrincipal(endpoint: RegistryEndpoint, profile: Record<string, string>): Promise<string> {
  const { status, body } = await post(endpoint, '/admin/principals', endpoint.adminKey, profile);
  const apiKey = (body as { apiKey?: string } | null)?.apiKey;
  if ((status !== 201 && status !== 202) || !apiKey)
    throw new Error(`could not create principal ${profile.principalId}: HTTP ${status} ${JSON.stringify(body)}`);
  if (status === 202) await untilKeyWorks(endpoint, apiKey, profile.principalId);
  return apiKey;
}

async function untilKeyWorks(endpoint: RegistryEndpoint, apiKey: string, principalId: string): Promise<void> {
  const deadline = Date.now() + CATCH_UP_MS;
  for (;;) {
    const { status } = await get(endpoint, '/whoami', apiKey);
    if (status === 200) return;
    if (status !== 401) throw new Error(`GET /whoami with the key of ${principalId}: HTTP ${status}`);
    if (Date.now() > deadline) throw new Error(`the key of ${principalId} still refused after ${CATCH_UP_MS / 60_000} minutes`);
    await sleep(100);
  }
}

interface BulkAnswer {
  counts: Record<string, number>;
  results: { status: string; problems?: unknown; message?: string }[];
}

/** Sends `items` in bulk requests; every item must be recorded (or already be), anything else stops the run. */
async function sendBulk(
  endpoint: RegistryEndpoint,
  path: string,
  key: string,
  field: string,
  items: readonly unknown[],
  recorded: readonly string[],
): Promise<void> {
  for (let start = 0; start < items.length; start += BULK) {
    const { status, body } = await post(endpoint, path, key, { [field]: items.slice(start, start + BULK) });
    if (status !== 200) throw new Error(`POST ${path}: HTTP ${status} ${JSON.stringify(body).slice(0, 1000)}`);
    const refused = (body as BulkAnswer).results.find((result) => !recorded.includes(result.status));
    if (refused) throw new Error(`POST ${path} refused an item of the market: ${JSON.stringify(refused).slice(0, 1000)}`);
  }
}

/** Registers every shop in its platform's name and every attestation in its partner's, then waits until the projections have read it all. */
export async function loadMarket(endpoint: RegistryEndpoint, market: Market): Promise<void> {
  for (const platformId of PLATFORMS) {
    const shops = market.shops.filter((shop) => shop.platformId === platformId).map((shop) => shop.registration);
    if (shops.length === 0) continue;
    const key = await createPrincipal(endpoint, { principalId: `quality-${platformId}`, role: 'platform', name: `${platformId} (quality market)`, platformId });
    await sendBulk(endpoint, '/platform/shops/bulk', key, 'shops', shops, ['registered', 'unchanged']);
  }
  for (const partner of market.partners) {
    const key = await createPrincipal(endpoint, {
      principalId: `quality-${partner.partnerId}`,
      role: 'partner',
      name: partner.name,
      partnerId: partner.partnerId,
      partnerKind: partner.partnerKind,
    });
    await sendBulk(endpoint, '/partner/attestations/bulk', key, 'attestations', partner.attestations, ['recorded', 'unchanged']);
  }
  await waitForProjections(endpoint);
}

async function waitForProjections(endpoint: RegistryEndpoint): Promise<void> {
  const deadline = Date.now() + CATCH_UP_MS;
  for (;;) {
    const { status, body } = await get(endpoint, '/admin/projections', endpoint.adminKey);
    if (status !== 200) throw new Error(`GET /admin/projections: HTTP ${status}`);
    const statuses = body as { name: string; lag: number; lastError: string | null }[];
    const failing = statuses.find((s) => s.lastError);
    if (failing) throw new Error(`projection ${failing.name} failed: ${failing.lastError}`);
    if (statuses.every((s) => s.lag === 0)) return;
    if (Date.now() > deadline) throw new Error(`projections still behind: ${JSON.stringify(statuses)}`);
    await sleep(100);
  }
}

type PersonBody = { nationalId: string | null; taxCode?: string | null };

/** The part of an operator answer that is scored: the full answer ranks `controllers`, the batch summary names its `topController`. */
interface OperatorBody {
  operatorId: string;
  shops: { shop: string; nomineeSuspected: unknown }[];
  controllers?: { person: PersonBody }[];
  topController?: { person: PersonBody } | null;
}

function toAnswer(shop: string, operator: OperatorBody): OperatorAnswer {
  const top = operator.controllers ? operator.controllers[0]?.person : operator.topController?.person;
  const personalTaxCode = top?.taxCode && /^\d{12}$/.test(top.taxCode) ? top.taxCode : null;
  const member = operator.shops.find((s) => s.shop === shop);
  if (!member) throw new Error(`the operator answered for ${shop} does not list it among its shops`);
  return {
    operatorId: operator.operatorId,
    controllerNationalId: top?.nationalId ?? personalTaxCode,
    nomineeSuspected: member.nomineeSuspected !== null && member.nomineeSuspected !== undefined && member.nomineeSuspected !== false,
  };
}

export interface ReadOptions {
  /** Single reads in flight (default 8) when the registry has no batch read. */
  readonly concurrency?: number;
  /** Told the number of shops read so far, every 30 seconds at most. */
  readonly progress?: (done: number) => void;
}

function progressEvery(progress: ReadOptions['progress']): (done: number) => void {
  let last = Date.now();
  return (done) => {
    if (!progress || Date.now() - last < 30_000) return;
    last = Date.now();
    progress(done);
  };
}

export interface ReadFigures {
  readonly answers: Map<string, OperatorAnswer>;
  /** How the answers were read: one batch request per 1,000 shops, or one request per shop. */
  readonly mode: 'batch' | 'single';
  readonly requests: number;
}

/**
 * Asks the operator of every shop of the market: through `POST /enforcement/operator-searches` (the
 * summary view: operator, shops with their nominee flags, top controller) where
 * the registry has it, else one `GET /enforcement/shops/:p/:s/operator` per shop, a few at once.
 * A shop the registry has no operator for (404) has no answer.
 */
export async function readOperators(endpoint: RegistryEndpoint, market: Market, options: ReadOptions = {}): Promise<ReadFigures> {
  const shops = market.shops.map((shop) => ({ key: shopKeyOf(shop), platformId: shop.platformId, shopId: shop.registration.shopId }));
  const report = progressEvery(options.progress);
  const batch = await readInBatches(endpoint, shops, report);
  if (batch) return batch;
  const answers = new Map<string, OperatorAnswer>();
  let next = 0;
  const worker = async () => {
    while (next < shops.length) {
      report(next);
      const shop = shops[next++];
      const { status, body } = await get(endpoint, `/enforcement/shops/${shop.platformId}/${encodeURIComponent(shop.shopId)}/operator`, endpoint.officerKey);
      if (status === 404) continue;
      if (status !== 200) throw new Error(`GET the operator of ${shop.key}: HTTP ${status} ${JSON.stringify(body).slice(0, 500)}`);
      answers.set(shop.key, toAnswer(shop.key, (body as { operator: OperatorBody }).operator));
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  return { answers, mode: 'single', requests: shops.length };
}

/** Null where the registry has no batch read (404 or 405 on the first request). */
async function readInBatches(
  endpoint: RegistryEndpoint,
  shops: readonly { key: string; platformId: string; shopId: string }[],
  report: (done: number) => void,
): Promise<ReadFigures | null> {
  const answers = new Map<string, OperatorAnswer>();
  let requests = 0;
  for (let start = 0; start < shops.length; start += BULK) {
    report(start);
    const slice = shops.slice(start, start + BULK);
    const { status, body } = await post(endpoint, '/enforcement/operator-searches?view=summary', endpoint.officerKey, {
      shops: slice.map(({ platformId, shopId }) => ({ platformId, shopId })),
    });
    requests++;
    if (requests === 1 && (status === 404 || status === 405)) return null;
    if (status !== 200 && status !== 201) throw new Error(`POST /enforcement/operator-searches: HTTP ${status} ${JSON.stringify(body).slice(0, 500)}`);
    const results = batchResults(body);
    slice.forEach((shop, i) => {
      const operator = results[i];
      if (operator) answers.set(shop.key, toAnswer(shop.key, operator));
    });
  }
  return { answers, mode: 'batch', requests };
}

/** The operators of a batch answer in request order, null for a shop without one. */
function batchResults(body: unknown): (OperatorBody | null)[] {
  const results = (body as { results?: unknown[] } | null)?.results;
  if (!Array.isArray(results)) throw new Error(`POST /enforcement/operator-searches answered without results: ${JSON.stringify(body).slice(0, 500)}`);
  return results.map((result) => (result as { operator?: OperatorBody | null }).operator ?? null);
}

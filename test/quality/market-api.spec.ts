import { AddressInfo } from 'node:net';
import { Server, createServer } from 'node:http';
import { createPrincipal } from './market-api';

/** A stand-in registry on loopback: creating a principal answers `created`, and the new key works after `refusals` refused reads. */
async function standIn(created: number, refusals: number): Promise<{ url: string; whoamiCalls: () => number; server: Server }> {
  let calls = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (request.method === 'POST' && request.url === '/admin/principals') {
        response.writeHead(created, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ principalId: 'quality-bank', apiKey: 'sir_new' }));
        return;
      }
      if (request.method === 'GET' && request.url === '/whoami' && request.headers['x-api-key'] === 'sir_new') {
        calls++;
        response.writeHead(calls > refusals ? 200 : 401, { 'content-type': 'application/json' });
        response.end(JSON.stringify(calls > refusals ? { principalId: 'quality-bank' } : { status: 401 }));
        return;
      }
      response.writeHead(404);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, whoamiCalls: () => calls, server };
}

const profile = { principalId: 'quality-bank', role: 'partner', name: 'Bank', partnerId: 'bank', partnerKind: 'bank' };

/** Creates the principal against a stand-in: the key it gave (or its error), and how often the key was tried. */
async function createAgainst(created: number, refusals: number): Promise<{ key: string | Error; whoamiCalls: number }> {
  const registry = await standIn(created, refusals);
  try {
    const key = await createPrincipal({ url: registry.url, adminKey: 'admin', officerKey: 'officer' }, profile).catch((error: Error) => error);
    return { key, whoamiCalls: registry.whoamiCalls() };
  } finally {
    registry.server.close();
  }
}

describe('creating a principal for a quality market', () => {
  it('takes a 202 (the directory had not caught up) and returns the key once it works', async () => {
    expect(await createAgainst(202, 3)).toEqual({ key: 'sir_new', whoamiCalls: 4 });
  });

  it('returns the key of a 201 at once', async () => {
    expect(await createAgainst(201, 0)).toEqual({ key: 'sir_new', whoamiCalls: 0 });
  });

  it('stops on any other answer', async () => {
    const { key } = await createAgainst(409, 0);
    expect(key).toBeInstanceOf(Error);
    expect((key as Error).message).toContain('HTTP 409');
  });
});

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

describe('creating a principal for a quality market', () => {
  const profile = { principalId: 'quality-bank', role: 'partner', name: 'Bank', partnerId: 'bank', partnerKind: 'bank' };

  it('takes a 202 (the directory had not caught up) and returns the key once it works', async () => {
    const registry = await standIn(202, 3);
    try {
      await expect(createPrincipal({ url: registry.url, adminKey: 'admin', officerKey: 'officer' }, profile)).resolves.toBe('sir_new');
      expect(registry.whoamiCalls()).toBe(4);
    } finally {
      registry.server.close();
    }
  });

  it('returns the key of a 201 at once', async () => {
    const registry = await standIn(201, 0);
    try {
      await expect(createPrincipal({ url: registry.url, adminKey: 'admin', officerKey: 'officer' }, profile)).resolves.toBe('sir_new');
      expect(registry.whoamiCalls()).toBe(0);
    } finally {
      registry.server.close();
    }
  });

  it('stops on any other answer', async () => {
    const registry = await standIn(409, 0);
    try {
      await expect(createPrincipal({ url: registry.url, adminKey: 'admin', officerKey: 'officer' }, profile)).rejects.toThrow('HTTP 409');
    } finally {
      registry.server.close();
    }
  });
});

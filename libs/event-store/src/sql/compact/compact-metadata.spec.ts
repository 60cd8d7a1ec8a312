import { randomUUID } from 'node:crypto';
import { compactMetadata, metadataFromBytes } from './compact-metadata';

describe('the compact form of event metadata', () => {
  it('stores a request correlation, a causation and a principal as bytes and reads them back', () => {
    for (const metadata of [
      { correlationId: randomUUID(), causationId: null, principal: 'bench-shopee' },
      { correlationId: randomUUID(), causationId: randomUUID(), principal: 'system:retention' },
      { correlationId: randomUUID(), causationId: null, principal: 'cán bộ' },
    ]) {
      const stored = compactMetadata(metadata)!;
      expect(stored.length).toBeLessThan(JSON.stringify(Object.values(metadata)).length);
      expect(metadataFromBytes(stored)).toEqual(metadata);
    }
  });

  it('leaves any other metadata to the JSON form', () => {
    for (const metadata of [
      { correlationId: 'retention-2026', causationId: null, principal: 'system:retention' },
      { correlationId: randomUUID().toUpperCase(), causationId: null, principal: 'p' },
      { correlationId: randomUUID(), causationId: 'cause-1', principal: 'p' },
      { correlationId: randomUUID(), causationId: null, principal: 'p', reason: 'extra' },
      { correlationId: randomUUID(), causationId: null, principal: '\ud800' },
    ]) {
      expect(compactMetadata(metadata)).toBeUndefined();
    }
  });
});

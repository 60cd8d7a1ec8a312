import { API_KEY_PREFIX, generateApiKey, hashApiKey } from './api-keys';

describe('API keys', () => {
  it('are sir_ and 32 random bytes in base64url, different every time', () => {
    const keys = new Set(Array.from({ length: 100 }, generateApiKey));
    expect(keys.size).toBe(100);
    for (const key of keys) {
      expect(key).toMatch(/^sir_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(key.slice(API_KEY_PREFIX.length), 'base64url')).toHaveLength(32);
    }
  });

  it('are kept only as their sha256 hex digest', () => {
    expect(hashApiKey('sir_example')).toBe('98bdf948554b90baca280f8391af4fb1e3a2a9448a8937bb4d66d90f13aaa078');
  });
});

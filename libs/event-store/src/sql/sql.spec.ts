import { preparedName, preparedOnPostgres } from './sql';

describe('preparedOnPostgres', () => {
  it('names a marked text once, by the same name each time it is marked, and leaves other texts unnamed', () => {
    const text = 'SELECT position FROM projection_checkpoints WHERE name = $1 -- spec';
    expect(preparedName(text)).toBeUndefined();
    expect(preparedOnPostgres(text)).toBe(text);
    const name = preparedName(text);
    expect(name).toMatch(/^registry_statement_\d+$/);
    preparedOnPostgres(text);
    expect(preparedName(text)).toBe(name);
    expect(preparedName('SELECT 1')).toBeUndefined();
  });

  it('stops naming at 200 texts: texts that vary, marked by mistake, run unnamed rather than pile up on every connection', () => {
    const texts = Array.from({ length: 250 }, (_, i) => `SELECT ${i} -- varying`);
    texts.forEach(preparedOnPostgres);
    const named = texts.filter((text) => preparedName(text) !== undefined);
    expect(named.length).toBeGreaterThan(150);
    expect(named.length).toBeLessThanOrEqual(200);
    expect(preparedName(texts[249])).toBeUndefined();
    expect(new Set(named.map(preparedName)).size).toBe(named.length);
  });
});

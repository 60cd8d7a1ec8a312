import fc from 'fast-check';
import { ShownSource, clearValuesFrom, reveal, revealOwned, tokensIn } from './reveal';

/** What reveal stands for (and was): the tokens replaced in the answer's JSON text, and that text parsed again. */
const throughJson = (answer: unknown, clear: ReadonlyMap<string, string>) =>
  clear.size === 0
    ? answer
    : JSON.parse(JSON.stringify(answer).replace(/[A-Za-z0-9_-]{43}/g, (token) => (clear.has(token) ? JSON.stringify(clear.get(token)).slice(1, -1) : token)));

const tokenChar = fc.constantFrom(...'ABCxyz0189_-');
const token = fc.string({ unit: tokenChar, minLength: 43, maxLength: 43 });
/** Text around tokens, with what JSON escapes (quotes, backslashes, control characters, lone surrogates) and letters a token is made of. */
const filler = fc.string({ unit: fc.constantFrom('a', 'Z', '9', '-', ' ', '"', '\\', '\n', '\u0001', '\ud800', 'ệ', '😀'), maxLength: 6 });

/** Runs the check on answers of every kind (tokens in values and keys, escapes, Dates, Maps, sparse arrays) and on clear values for some of their tokens. */
function forAnswers(check: (answer: unknown, clear: ReadonlyMap<string, string>) => void): void {
  fc.assert(
    fc.property(
      fc.uniqueArray(token, { minLength: 1, maxLength: 4 }),
      fc.array(fc.string({ unit: fc.constantFrom('a', 'Ê', '"', '\\', '\n', '0', '\ud800'), maxLength: 8 }), { minLength: 4, maxLength: 4 }),
      fc.nat(),
      (tokens, values, seed) => {
        const clear = new Map(tokens.filter((_, i) => (seed >> i) % 2 === 0).map((t, i) => [t, values[i]]));
        const text = fc.oneof(
          fc.constantFrom(...tokens),
          fc.tuple(filler, fc.constantFrom(...tokens), filler, fc.constantFrom(...tokens, ''), filler).map((parts) => parts.join('')),
          fc.string({ unit: tokenChar, minLength: 40, maxLength: 90 }),
          filler,
        );
        const answers = fc
          .anything({
            key: text,
            values: [text, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constant(-0)],
            maxDepth: 3,
            withNullPrototype: true,
            withSparseArray: true,
            withDate: true,
            withMap: true,
            withSet: true,
            withObjectString: true,
            withBoxedValues: true,
          })
          .filter((answer) => answer !== undefined);
        fc.assert(
          fc.property(answers, (answer) => check(answer, clear)),
          { numRuns: 20 },
        );
      },
    ),
    { numRuns: 100 },
  );
}

describe('revealing the blind indexes of an answer', () => {
  it('gives what replacing them in the JSON text and parsing it again gives, whatever the answer holds', () => {
    forAnswers((answer, clear) => {
      const expected = throughJson(answer, clear);
      const actual = reveal(answer, clear);
      expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
      expect(actual).toStrictEqual(expected);
    });
  });

  it('gives the same in place, in an answer that nothing else holds', () => {
    forAnswers((answer, clear) => {
      const expected = throughJson(answer, clear);
      const actual = revealOwned(answer, clear);
      expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
      expect(actual).toStrictEqual(expected);
    });
  });

  it('reveals a plain answer in its own objects rather than a copy', () => {
    const token = 'A'.repeat(43);
    const answer = { person: { key: `nationalId:${token}`, name: token }, shops: [{ shop: 'shopee:s-1' }] };
    const revealed = revealOwned(answer, new Map([[token, 'Nguyễn Văn A']]));
    expect(revealed).toBe(answer);
    expect(answer.person).toEqual({ key: 'nationalId:Nguyễn Văn A', name: 'Nguyễn Văn A' });
  });

  it('replaces a token that only the JSON text of a string holds, where its escape runs into it', () => {
    // JSON writes \u0001 as six letters, the last five of which run into the 38 after it: 43 letters.
    const answer = { shortest: `\u0001${'A'.repeat(38)}`, inKey: { [`\u0001${'A'.repeat(38)}`]: 1 } };
    // What the JSON text then says: the escape's backslash before the value, here a new line.
    const clear = new Map([[`u0001${'A'.repeat(38)}`, 'nB']]);
    expect(reveal(answer, clear)).toEqual(throughJson(answer, clear));
    expect(revealOwned(answer, clear)).toEqual({ shortest: '\nB', inKey: { '\nB': 1 } });
  });

  it('leaves an answer alone when no value is known', () => {
    const answer = { a: 'x'.repeat(43) };
    expect(reveal(answer, new Map())).toBe(answer);
  });
});

describe('the tokens of an answer', () => {
  it('are all that revealing it looks up: their values alone give the answer the same JSON text as all values do', () => {
    forAnswers((answer, clear) => {
      const tokens = tokensIn(answer);
      for (const match of JSON.stringify(answer)?.matchAll(/[A-Za-z0-9_-]{43}/g) ?? []) expect(tokens).toContain(match[0]);
      const shown = new Map([...clear].filter(([token]) => tokens.has(token)));
      expect(JSON.stringify(reveal(answer, shown))).toBe(JSON.stringify(reveal(answer, clear)));
    });
  });
});

describe('clear values from the events that show an answer', () => {
  /** Tokens that often share their first letters, as the tokens of one answer now and then do. */
  const tokens = ['AAAA', 'AAAA', 'AAAB', 'xyz_', '9-9-'].map((start, n) => `${start}${String(n).repeat(39)}`);
  const event = fc.record({
    values: fc.dictionary(fc.constantFrom(...tokens), fc.constantFrom('Nguyễn Văn A', 'NGUYỄN VĂN A', '12 Lê Lợi', '+84912345678')),
    // What its source says it shows: what it states (kept with the view), anything, or more than it states.
    said: fc.constantFrom('states', 'any', 'more'),
    // Erased since the view was kept: it shows nothing now, whatever its source says.
    erased: fc.boolean(),
  });

  it('are, for each token, those of the last event that states it, as reading every event in position order gives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { maxLength: 12 }), fc.subarray(tokens), async (events, asked) => {
        const positions = events.map((_, n) => 10 + 3 * n);
        const now = (n: number) => (events[n].erased ? new Map<string, string>() : new Map(Object.entries(events[n].values)));
        const sources: ShownSource[] = events.map(({ values, said }, n) => ({
          position: positions[n],
          shows: said === 'any' ? null : [...Object.keys(values), ...(said === 'more' ? [tokens[4]] : [])].map((t) => t.slice(0, 4)).join(''),
        }));
        const reads: number[][] = [];
        const found = await clearValuesFrom(asked, [...sources].reverse(), async (wanted) => {
          reads.push([...wanted]);
          return new Map(wanted.map((position) => [position, now(positions.indexOf(position))]));
        });
        const everything = new Map<string, string>();
        events.forEach((_, n) => now(n).forEach((value, token) => everything.set(token, value)));
        expect(found).toEqual(new Map([...everything].filter(([token]) => asked.includes(token))));
        // Each event is read once, in two reads at most.
        expect(reads.length).toBeLessThanOrEqual(2);
        expect(new Set(reads.flat()).size).toBe(reads.flat().length);
      }),
      { numRuns: 300 },
    );
  });

  it('reads one event a token when every source says what it states and none was erased since', async () => {
    const owner = 'O'.repeat(43);
    const name = 'N'.repeat(43);
    const bank = 'B'.repeat(43);
    const sources: ShownSource[] = [
      { position: 1, shows: 'OOOONNNN' },
      { position: 2, shows: 'BBBB' },
      { position: 3, shows: 'OOOONNNN' },
    ];
    const stated: Record<number, Map<string, string>> = {
      1: new Map([
        [owner, '001089012345'],
        [name, 'Nguyễn Văn An'],
      ]),
      2: new Map([[bank, 'VCB:0011004455667']]),
      3: new Map([
        [owner, '001089012345'],
        [name, 'NGUYỄN VĂN AN'],
      ]),
    };
    const read: number[] = [];
    const found = await clearValuesFrom([owner, name], sources, async (positions) => {
      read.push(...positions);
      return new Map(positions.map((position) => [position, stated[position]]));
    });
    expect(read).toEqual([3]);
    expect(found).toEqual(stated[3]);
  });
});

import { plainTextProblem } from './plain-text';

describe('plain text for names', () => {
  it('takes Vietnamese names, other scripts and ordinary punctuation', () => {
    for (const name of ['Nguyễn Văn An', 'Mỹ phẩm chính hãng Hà Nội', 'Иван Петров', 'O’Brien & Co. (HN) – 24/7', 'Nike® Store™']) {
      expect({ name, problem: plainTextProblem(name) }).toEqual({ name, problem: undefined });
    }
  });

  it.each([
    ['a right-to-left override', 'Nguyễn \u202EnA', /invisible/],
    ['a right-to-left isolate', 'An\u2067b', /invisible/],
    ['a zero-width space', 'Ng\u200Buyễn', /invisible/],
    ['a zero-width joiner', 'An\u200D', /invisible/],
    ['a byte-order mark', '\uFEFFAn', /invisible/],
    ['a control character', 'An\u0007', /control/],
    ['a newline', 'An\nBình', /control/],
    ['an emoji', 'Shop 🌸', /emoji/],
    ['a symbol made emoji by its selector', 'Shop \u2764\uFE0F', /emoji/],
    ['a script tag', '<script>alert(1)</script>', /< or >/],
  ])('refuses %s', (_, text, reason) => expect(plainTextProblem(text)).toMatch(reason));
});

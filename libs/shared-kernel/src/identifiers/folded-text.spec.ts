import { foldText, parseAddress, parsePersonName } from './folded-text';

describe('foldText', () => {
  it('lower-cases and removes Vietnamese diacritics', () => {
    expect(foldText('Nguyễn Văn An')).toBe('nguyen van an');
    expect(foldText('TRƯƠNG THỊ HỒNG NHUNG')).toBe('truong thi hong nhung');
  });

  it('turns đ and Đ, and the look-alike Ð, into d', () => {
    expect(foldText('Đặng Đức đạt')).toBe('dang duc dat');
    expect(foldText('\u00D0ào')).toBe('dao');
  });

  it('folds precomposed and decomposed input alike', () => {
    expect(foldText('Huế'.normalize('NFD'))).toBe(foldText('Huế'.normalize('NFC')));
  });

  it('turns punctuation into spaces, collapses whitespace and trims', () => {
    expect(foldText('  Số 12/3,  ngõ\t45 - (Hà Nội)! ')).toBe('so 12 3 ngo 45 ha noi');
  });

  it('keeps letters and digits of other scripts', () => {
    expect(foldText('Café_Hà')).toBe('cafe ha');
  });
});

describe('foldText against look-alike and invisible characters', () => {
  it('is not split by a zero-width space or a soft hyphen', () => {
    expect(foldText('Ng\u200Buyễn Văn\u00AD An')).toBe('nguyen van an');
  });

  it('folds Cyrillic and Greek look-alikes onto the Latin letters they imitate', () => {
    expect(foldText('Nguy\u0435n V\u0103n \u0410n')).toBe('nguyen van an');
    expect(foldText('\u041D\u041E\u0410NG')).toBe('hoang');
    expect(foldText('\u039Fanh')).toBe('oanh');
  });

  it('reads full-width letters as ASCII ones', () => expect(foldText('\uFF2E\uFF47\uFF55\uFF59\uFF45\uFF4E')).toBe('nguyen'));
});

describe('parsePersonName', () => {
  it('keeps the trimmed original beside the folded form (DOMAIN.md example)', () => {
    expect(parsePersonName('  Nguyễn Văn An ')).toEqual({
      ok: true,
      value: { kind: 'personName', value: 'nguyen van an', original: 'Nguyễn Văn An', folded: 'nguyen van an' },
    });
  });

  it('stores the original in NFC', () => {
    const parsed = parsePersonName('Lê Thị Hường'.normalize('NFD'));
    expect(parsed).toMatchObject({ ok: true, value: { original: 'Lê Thị Hường'.normalize('NFC') } });
  });

  it('accepts 200 characters and rejects 201', () => {
    expect(parsePersonName('a'.repeat(200))).toMatchObject({ ok: true });
    expect(parsePersonName('a'.repeat(201))).toEqual({ ok: false, reason: 'must be at most 200 characters' });
  });

  it('rejects a name without any letter', () => {
    expect(parsePersonName('123 - 456')).toEqual({ ok: false, reason: 'must contain a letter' });
  });

  it('rejects non-strings and empty strings', () => {
    expect(parsePersonName(42)).toEqual({ ok: false, reason: 'must be a string' });
    expect(parsePersonName('   ')).toEqual({ ok: false, reason: 'must not be empty' });
  });
});

describe('parseAddress', () => {
  const folded = (raw: string) => {
    const parsed = parseAddress(raw);
    return parsed.ok ? parsed.value.folded : parsed.reason;
  };

  it('expands abbreviations written without a space after the dot', () => {
    expect(parseAddress('P.Bến Nghé, Q.1, TP.HCM')).toEqual({
      ok: true,
      value: {
        kind: 'address',
        value: 'phuong ben nghe quan 1 thanh pho hcm',
        original: 'P.Bến Nghé, Q.1, TP.HCM',
        folded: 'phuong ben nghe quan 1 thanh pho hcm',
      },
    });
  });

  it('expands abbreviations written with a space after the dot, in any case', () => {
    expect(folded('12 Lê Lợi, p. Bến Thành, q. 1, Tp. Hồ Chí Minh')).toBe('12 le loi phuong ben thanh quan 1 thanh pho ho chi minh');
  });

  it('expands TX., TT., H. and KP.', () => {
    expect(folded('KP.3, TT.Trảng Bom, H.Trảng Bom')).toBe('khu pho 3 thi tran trang bom huyen trang bom');
    expect(folded('tx. Sơn Tây')).toBe('thi xa son tay');
  });

  it('expands only whole tokens followed by a dot', () => {
    expect(folded('Quang Trung, HQ. 5, Phường 7, Q1')).toBe('quang trung hq 5 phuong 7 q1');
    expect(folded('Số 5A.P.3')).toBe('so 5a phuong 3');
  });

  it('keeps the original as written', () => {
    expect(parseAddress(' Q.3 ')).toMatchObject({ ok: true, value: { original: 'Q.3' } });
  });

  it('accepts 500 characters and rejects 501', () => {
    expect(parseAddress('a'.repeat(500))).toMatchObject({ ok: true });
    expect(parseAddress('a'.repeat(501))).toEqual({ ok: false, reason: 'must be at most 500 characters' });
  });

  it('rejects an address of punctuation only', () => {
    expect(parseAddress('--/--')).toEqual({ ok: false, reason: 'must contain a letter or a digit' });
  });

  it('rejects non-strings and empty strings', () => {
    expect(parseAddress(['Q.1'])).toEqual({ ok: false, reason: 'must be a string' });
    expect(parseAddress('')).toEqual({ ok: false, reason: 'must not be empty' });
  });
});

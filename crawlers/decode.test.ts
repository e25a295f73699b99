import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody } from './decode.ts';

// Our own sentences, encoded the way old Moroccan sites serve them.
const ARABIC = 'قررت اللجنة الوطنية مراقبة حماية المعطيات الشخصية لدى الشركة';
const FRENCH = 'La Commission a rappelé les obligations de sécurité et de déclaration préalable.';

describe('decodeBody', () => {
  it('uses the charset of the Content-Type header', () => {
    const body = iconv.encode(`<p>${ARABIC}</p>`, 'windows-1256');
    const decoded = decodeBody(body, 'text/html; charset=windows-1256');
    expect(decoded).toMatchObject({ charset: 'windows-1256', charsetSource: 'header' });
    expect(decoded.text).toContain(ARABIC);
  });

  it('falls back to <meta charset> and <meta http-equiv>', () => {
    const a = iconv.encode(
      `<html><head><meta charset="windows-1256"></head><body>${ARABIC}</body></html>`,
      'windows-1256',
    );
    expect(decodeBody(a, 'text/html').text).toContain(ARABIC);
    const b = iconv.encode(
      `<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-6"></head><body>${ARABIC}</body></html>`,
      'iso-8859-6',
    );
    expect(decodeBody(b, null)).toMatchObject({ charset: 'iso-8859-6', charsetSource: 'meta' });
    expect(decodeBody(b, null).text).toContain(ARABIC);
  });

  it('reads ISO-8859-1 as windows-1252, as browsers do', () => {
    const body = iconv.encode(`<p>${FRENCH} Coût : 20 000 DH – fin.</p>`, 'windows-1252');
    const decoded = decodeBody(body, 'text/html; charset=ISO-8859-1');
    expect(decoded.text).toContain(FRENCH);
    expect(decoded.text).toContain('–');
  });

  it('sniffs undeclared bodies: UTF-8, then Arabic vs Western single-byte', () => {
    expect(decodeBody(Buffer.from(ARABIC), null)).toMatchObject({
      text: ARABIC,
      charset: 'utf-8',
      charsetSource: 'sniff',
    });
    expect(decodeBody(iconv.encode(ARABIC, 'windows-1256'), null)).toMatchObject({
      text: ARABIC,
      charset: 'windows-1256',
    });
    expect(decodeBody(iconv.encode(FRENCH, 'latin1'), null)).toMatchObject({ text: FRENCH, charset: 'windows-1252' });
  });

  it('takes the XML declaration of feeds and honours a BOM over everything', () => {
    const xml = iconv.encode(
      `<?xml version="1.0" encoding="windows-1256"?><rss><title>${ARABIC}</title></rss>`,
      'windows-1256',
    );
    expect(decodeBody(xml, 'application/xml').text).toContain(ARABIC);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(FRENCH)]);
    expect(decodeBody(bom, 'text/html; charset=iso-8859-1')).toMatchObject({ text: FRENCH, charsetSource: 'bom' });
  });
});

import { csvRecords } from './csv';

describe('csvRecords', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, any line ending, no BOM or blank lines', () => {
    expect(csvRecords('\uFEFFa,b\r\n"x, y","say ""hi""\nthere"\n\nlast,\r')).toEqual([['a', 'b'], ['x, y', 'say "hi"\nthere'], ['last', '']]);
  });

  it('refuses an unterminated quote with a coded bilingual error', () => {
    expect(() => csvRecords('a,"b')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', messageVi: expect.stringContaining('CSV') }));
  });
});

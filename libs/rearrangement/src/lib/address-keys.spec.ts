import { addressKeysOf, villageKeys } from './address-keys';

describe('address keys of a divided source', () => {
  it('keeps the type word and also offers the name without it, unless that is a number or one syllable', () => {
    expect(villageKeys('Thôn Phú Mỹ')).toEqual(['thon phu my', 'phu my']);
    expect(villageKeys('Tổ dân phố 05')).toEqual(['to dan pho 5']);
    expect(villageKeys('Thôn Bắc')).toEqual(['thon bac']);
    expect(villageKeys('Phú Mỹ')).toEqual(['phu my']);
  });

  it('only for divided sources; a key two targets share stays for both (an address naming it goes to review)', () => {
    const rows = addressKeysOf([
      { sourceCode: '00001', targets: [{ code: '00097', villageNames: ['Thôn A B'] }], divided: false },
      { sourceCode: '00007', divided: true, targets: [{ code: '00025', villageNames: ['Thôn Phú Mỹ'] }, { code: '00008', villageNames: ['Ấp Phú Mỹ', 'Thôn Phú Mỹ'] }] },
    ]);
    expect(rows).toEqual([
      { source: '00007', key: 'thon phu my', target: '00025' },
      { source: '00007', key: 'phu my', target: '00025' },
      { source: '00007', key: 'ap phu my', target: '00008' },
      { source: '00007', key: 'phu my', target: '00008' },
      { source: '00007', key: 'thon phu my', target: '00008' },
    ]);
  });
});

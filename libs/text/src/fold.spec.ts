import { foldVietnamese, wordKey } from './fold';

describe('foldVietnamese', () => {
  it.each([
    ['Phường Ba Đình', 'phuong ba dinh'],
    ['  Đăng ký   khai sinh ', 'dang ky khai sinh'],
    ['Tỉnh Lào Cai', 'tinh lao cai'],
    ['Xã Quảng Ngãi', 'xa quang ngai'],
    ['ĐẶC KHU CÔN ĐẢO', 'dac khu con dao'],
  ])('%s → %s', (input, expected) => expect(foldVietnamese(input)).toBe(expected));

  it('leaves text without accents as it is, lower-cased', () => expect(foldVietnamese('Ba Dinh 2025')).toBe('ba dinh 2025'));
});

describe('wordKey', () => {
  it.each([
    ['Thôn  Phú-Mỹ, xã Hòa Phú', 'thon phu my xa hoa phu'],
    ['Tổ dân phố 05', 'to dan pho 5'],
    ['Tho\u0302n Phu\u0301 My\u0303', 'thon phu my'],
    ['Số 12/3 (ngõ 004) Đường Láng', 'so 12 3 ngo 4 duong lang'],
    ['05a 00', '05a 0'],
    ['  ', ''],
  ])('%s → %s', (input, expected) => expect(wordKey(input)).toBe(expected));
});

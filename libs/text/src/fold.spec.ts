import { foldVietnamese } from './fold';

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

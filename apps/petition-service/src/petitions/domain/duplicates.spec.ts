import { bestDuplicate, distanceMeters, findDuplicates, jaccard, normalizeText, type DuplicateCandidate } from './duplicates';

const at = new Date('2026-03-02T02:00:00Z');
const days = (n: number) => new Date(at.getTime() + n * 86_400_000);

describe('text normalisation and similarity', () => {
  it('is accent-insensitive and handles đ', () => {
    expect(normalizeText('Đường Nguyễn Trãi bị NGẬP!')).toBe('duong nguyen trai bi ngap');
    expect(jaccard('Đèn đường hỏng', 'den duong hong')).toBe(1);
  });

  it('ignores stop words and punctuation; scores overlap', () => {
    expect(jaccard('thu hồi đất của tôi', 'thu hồi đất')).toBe(1);
    expect(jaccard('thu hồi đất', 'cấp giấy phép xây dựng')).toBe(0);
    expect(jaccard('x y z w', 'x y z v')).toBeCloseTo(3 / 5);
    expect(jaccard('', '')).toBe(0);
  });

  it('measures distances in metres', () => {
    // ~0.0009° latitude ≈ 100 m
    expect(distanceMeters({ lat: 21.0, lon: 105.8 }, { lat: 21.0009, lon: 105.8 })).toBeGreaterThan(99);
    expect(distanceMeters({ lat: 21.0, lon: 105.8 }, { lat: 21.0009, lon: 105.8 })).toBeLessThan(101);
    expect(distanceMeters({ lat: 10, lon: 106 }, { lat: 10, lon: 106 })).toBe(0);
  });
});

describe('findDuplicates', () => {
  const candidates: DuplicateCandidate[] = [
    { code: 'A', kind: 'COMPLAINT', petitionerKeys: ['pk-1'], title: 'Khiếu nại', content: 'Khiếu nại quyết định thu hồi đất số 12 của UBND xã', receivedAt: at },
    { code: 'B', kind: 'COMPLAINT', petitionerKeys: ['pk-2'], content: 'Khiếu nại quyết định thu hồi đất số 12 của UBND xã', receivedAt: at },
    { code: 'C', kind: 'FEEDBACK', petitionerKeys: [], content: 'Ổ gà', category: 'ROAD', location: { lat: 21.0, lon: 105.8 }, receivedAt: at },
    { code: 'D', kind: 'FEEDBACK', petitionerKeys: [], content: 'Đèn hỏng', category: 'LIGHTING', location: { lat: 21.0, lon: 105.8 }, receivedAt: at },
  ];

  it('matches the same petitioner with similar content (not another petitioner)', () => {
    const m = findDuplicates(
      { kind: 'COMPLAINT', petitionerKey: 'pk-1', title: 'khieu nai', content: 'khieu nai quyet dinh thu hoi dat so 12 UBND xa', receivedAt: days(5) },
      candidates,
    );
    expect(m.map((x) => [x.code, x.reason])).toEqual([['A', 'SAME_PETITIONER_SIMILAR_CONTENT']]);
    expect(m[0].score).toBe(1);
  });

  it('does not match the same petitioner on different content', () => {
    expect(findDuplicates({ kind: 'COMPLAINT', petitionerKey: 'pk-1', content: 'Tố cáo cán bộ địa chính nhận tiền', receivedAt: at }, candidates)).toEqual([]);
  });

  it('matches feedback within 100 m and the same category inside the window', () => {
    const probe = { kind: 'FEEDBACK' as const, content: 'đường có ổ gà lớn', category: 'road', location: { lat: 21.0005, lon: 105.8 }, receivedAt: days(10) };
    const m = bestDuplicate(probe, candidates);
    expect(m).toMatchObject({ code: 'C', reason: 'SAME_PLACE_AND_CATEGORY' });
    expect(m!.distanceMeters).toBeGreaterThan(50);
    expect(m!.distanceMeters).toBeLessThan(60);
    expect(findDuplicates({ ...probe, location: { lat: 21.0015, lon: 105.8 } }, candidates)).toEqual([]); // ~167 m
    expect(findDuplicates({ ...probe, receivedAt: days(31) }, candidates)).toEqual([]); // out of window
    expect(findDuplicates(probe, candidates, { windowDays: 60 })).toHaveLength(1);
    expect(findDuplicates({ ...probe, category: undefined }, candidates)).toEqual([]);
  });

  it('orders matches best first', () => {
    const many: DuplicateCandidate[] = [
      { code: 'far', kind: 'FEEDBACK', petitionerKeys: [], content: '', category: 'ROAD', location: { lat: 21.0008, lon: 105.8 }, receivedAt: at },
      { code: 'near', kind: 'FEEDBACK', petitionerKeys: [], content: '', category: 'ROAD', location: { lat: 21.0001, lon: 105.8 }, receivedAt: at },
    ];
    expect(findDuplicates({ kind: 'FEEDBACK', content: '', category: 'ROAD', location: { lat: 21.0, lon: 105.8 }, receivedAt: at }, many).map((m) => m.code)).toEqual(['near', 'far']);
  });
});

import { encodeKeyset } from '@xaso/api';
import { reviewPage } from './saga-views';

describe('review-queue page requests', () => {
  it('reads a cursor of the queue’s key, refuses any other (coded, before the database)', () => {
    expect(reviewPage(5, encodeKeyset([0, 'dossier', 'dossier', '00007-1']))).toEqual({ first: 5, after: [0, 'dossier', 'dossier', '00007-1'] });
    expect(reviewPage(undefined, null)).toEqual({ first: 20, after: null });
    for (const key of [['a', 'b', 'c', 'd'], [2, 'b', 'c', 'd'], [0, 1, 'c', 'd'], [0, 'b', 'c']]) {
      expect(() => reviewPage(1, encodeKeyset(key))).toThrow(expect.objectContaining({ code: expect.any(String) }));
    }
  });
});

import { connectionOfSlice, decodeKeyset, encodeKeyset, keysetRequest, restListOfSlice, sliceOf } from './keyset';

describe('keyset paging', () => {
  const rows = [
    { code: 'a', at: '2026-01-01' },
    { code: 'b', at: '2026-01-02' },
    { code: 'c', at: '2026-01-03' },
  ];
  const keyOf = (r: { code: string; at: string }) => [r.at, r.code] as const;

  it('round-trips a key through the opaque cursor', () => {
    expect(decodeKeyset(encodeKeyset(['2026-01-02', 'b']), 2)).toEqual(['2026-01-02', 'b']);
    expect(decodeKeyset(null, 2)).toBeNull();
  });

  it('refuses a cursor of another shape with a coded error', () => {
    for (const bad of [encodeKeyset(['x']), encodeKeyset([{}, 'b'] as never), 'not-a-cursor', Buffer.from('{"o":3}').toString('base64url')]) {
      expect(() => decodeKeyset(bad, 2)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    }
  });

  it('trims the extra row into hasNextPage and builds the connection and the REST list from the same slice', () => {
    const request = keysetRequest(2, null, 2);
    const slice = sliceOf(rows, request.first, 3);
    expect(slice).toEqual({ items: rows.slice(0, 2), hasNextPage: true, totalCount: 3 });
    const connection = connectionOfSlice(slice, request, keyOf, (r) => r.code);
    expect(connection.edges.map((e) => e.node)).toEqual(['a', 'b']);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(decodeKeyset(connection.pageInfo.endCursor, 2)).toEqual(['2026-01-02', 'b']);
    const list = restListOfSlice(slice, keyOf, (r) => r.code);
    expect(list).toEqual({ items: ['a', 'b'], pageInfo: { hasNextPage: true, endCursor: connection.pageInfo.endCursor }, totalCount: 3 });
    const last = sliceOf(rows.slice(2), 2, 3);
    expect(restListOfSlice(last, keyOf, (r) => r.code).pageInfo).toEqual({ hasNextPage: false, endCursor: encodeKeyset(['2026-01-03', 'c']) });
    expect(restListOfSlice(sliceOf([], 2, 0), keyOf, (r) => r.code).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});

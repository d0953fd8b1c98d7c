import { headerRecord } from './gateway-graphql';
import { SubgraphResponse } from './subgraph-fetcher';

// The Headers class Apollo Gateway builds its subgraph requests with (node-fetch, its dependency).
const { Headers } = require(require.resolve('node-fetch', { paths: [require.resolve('@apollo/gateway')] })) as typeof import('node-fetch');

describe('headerRecord', () => {
  it("gives every header of Apollo's node-fetch Headers once, repeated values joined", () => {
    const headers = new Headers();
    headers.set('Content-Type', 'application/json');
    headers.set('authorization', 'Bearer abc');
    headers.append('accept-language', 'vi');
    headers.append('accept-language', 'en');
    const record = headerRecord(headers as never);
    expect(Object.fromEntries(Object.entries(record).map(([name, value]) => [name.toLowerCase(), value]))).toEqual({
      'content-type': 'application/json',
      authorization: 'Bearer abc',
      'accept-language': 'vi, en',
    });
  });

  it('reads headers without raw() through their iterator', () => {
    const headers = new Map([['x-correlation-id', 'c-1']]);
    expect(headerRecord(headers as never)).toEqual({ 'x-correlation-id': 'c-1' });
  });
});

describe('SubgraphResponse headers', () => {
  it('reads names in any case, joins repeated values, and knows no inherited names', () => {
    const response = new SubgraphResponse('http://s/graphql', 200, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'], gone: undefined }, '{}');
    expect(response.headers.get('Content-Type')).toBe('application/json');
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(response.headers.get('constructor')).toBeNull();
    expect(response.headers.get('gone')).toBeNull();
    expect([...response.headers]).toEqual([
      ['content-type', 'application/json'],
      ['set-cookie', 'a=1, b=2'],
    ]);
  });
});

import { parse } from 'node:url';
import { searchOf } from './graphql-http-handler';

describe('searchOf (the query string Apollo reads for GET operations)', () => {
  it.each(['/', '/graphql', '/?query=%7Ba%7D', '/graphql?query={a}&variables=%7B%7D', '/?a=1#frag', '/?', '/#x?y', '?a=b?c'])(
    'gives what url.parse gives for %s',
    (target) => {
      expect(searchOf(target)).toBe(parse(target).search ?? '');
    },
  );
});

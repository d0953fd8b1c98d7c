import { Writable } from 'node:stream';
import type { DestinationStream } from 'pino';
import { runWithCorrelationId } from './correlation';
import { createLogger } from './logging';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream: stream as unknown as DestinationStream };
}

describe('correlation id on log lines outside HTTP requests', () => {
  it('adds the current correlation id (runWithCorrelationId), never twice, nothing outside a context', async () => {
    const { lines, stream } = capture();
    const logger = createLogger({ service: 'logtest', destination: stream });
    logger.info('outside');
    runWithCorrelationId('job-1', () => {
      logger.info('inside');
      logger.child({ correlationId: 'bound-1' }).info('bound child');
      logger.info({ correlationId: 'explicit-1' }, 'explicit');
    });
    await new Promise((r) => setImmediate(r));
    const byMsg = Object.fromEntries(lines.map((l) => [JSON.parse(l).msg, l]));
    expect(JSON.parse(byMsg['outside'])).not.toHaveProperty('correlationId');
    expect(JSON.parse(byMsg['inside'])).toMatchObject({ correlationId: 'job-1', service: 'logtest' });
    for (const [msg, id] of [['bound child', 'bound-1'], ['explicit', 'explicit-1']]) {
      expect(byMsg[msg].match(/"correlationId"/g)).toHaveLength(1);
      expect(JSON.parse(byMsg[msg]).correlationId).toBe(id);
    }
  });
});

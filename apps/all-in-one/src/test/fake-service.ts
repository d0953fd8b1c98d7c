import { Controller, Get, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { defineService } from '@xaso/service';
import { threadId } from 'node:worker_threads';

/**
 * A stand-in service definition (worker-host.spec.ts): a tiny Nest app started by the shared
 * builder like the real ones, steered by FAKE_SERVICE_MODE in the worker's env.
 */
const mode = () => process.env.FAKE_SERVICE_MODE ?? 'ok';

@Controller()
class ThreadController {
  @Get()
  thread() {
    return { thread: threadId };
  }
}

@Injectable()
class SlowClose implements OnApplicationShutdown {
  onApplicationShutdown(): Promise<void> | void {
    if (mode() === 'slow-close') return new Promise<void>(() => setInterval(() => undefined, 1_000));
  }
}

@Module({ controllers: [ThreadController], providers: [SlowClose] })
class FakeModule {}

export const fakeService = defineService({
  name: 'fake',
  defaultPort: 0,
  openApi: { title: 'fake', description: 'worker-host.spec.ts' },
  module: () => {
    if (mode() === 'fail') throw new Error('boom at start');
    return { module: FakeModule };
  },
  afterInit: async () => {
    if (mode() === 'hang') await new Promise<never>(() => setInterval(() => undefined, 1_000));
    if (mode() === 'crash') {
      setTimeout(() => {
        throw new Error('boom after start');
      }, 200);
    }
  },
  seedIfEmpty: async () => ({ imported: 1 }),
});

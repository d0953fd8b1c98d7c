import type { INestApplication } from '@nestjs/common';
import { createServiceApp, type ListenOptions, startService } from '@xaso/service';
import type { VotingAppOptions } from './app.module';
import { votingService } from './voting.service-definition';

export { votingService } from './voting.service-definition';

export type StartVotingServiceOptions = VotingAppOptions & ListenOptions;

/** Nest application of voting-service, not yet listening (tests use it with supertest). */
export const createVotingApp = (options: VotingAppOptions = {}): Promise<INestApplication> => createServiceApp(votingService, options);

/** Creates voting-service and listens on `options.port ?? PORT ?? 4005`. */
export const startVotingService = (options: StartVotingServiceOptions = {}): Promise<INestApplication> => startService(votingService, options);

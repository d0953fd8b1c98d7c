import type { INestApplication } from '@nestjs/common';
import { createServiceApp, type ListenOptions, startService } from '@xaso/service';
import type { EvaluationAppOptions } from './app.module';
import { evaluationService } from './evaluation.service-definition';

export { evaluationService } from './evaluation.service-definition';

export type StartEvaluationServiceOptions = EvaluationAppOptions & ListenOptions;

/** Nest application of evaluation-service, not yet listening (tests use it with supertest). */
export const createEvaluationApp = (options: EvaluationAppOptions = {}): Promise<INestApplication> => createServiceApp(evaluationService, options);

/** Creates evaluation-service and listens on `options.port ?? PORT ?? 4006`. */
export const startEvaluationService = (options: StartEvaluationServiceOptions = {}): Promise<INestApplication> => startService(evaluationService, options);

import { defineService } from '@xaso/service';
import { AppModule, EVALUATION_SERVICE, type EvaluationAppOptions } from './app.module';

/** evaluation-service as the shared builder and the all-in-one launcher start it. */
export const evaluationService = defineService<EvaluationAppOptions>({
  name: EVALUATION_SERVICE,
  defaultPort: 4006,
  openApi: {
    title: 'Xã Số — evaluation (evaluation-service)',
    description: 'Commune scorecards as versioned data, indicators from live events, the yearly self-assessment → review → recognition workflow.',
  },
  module: (options) => AppModule.forRoot(options),
});

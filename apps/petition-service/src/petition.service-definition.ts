import { defineService } from '@xaso/service';
import { AppModule, PETITION_SERVICE, type PetitionAppOptions } from './app.module';

/** petition-service as the shared builder and the all-in-one launcher start it. */
export const petitionService = defineService<PetitionAppOptions>({
  name: PETITION_SERVICE,
  defaultPort: 4003,
  openApi: {
    title: 'Xã Số — petitions (petition-service)',
    description: 'Complaints, denunciations, recommendations and feedback: intake from agencies (1022 model), tracking, statistics.',
  },
  module: (options) => AppModule.forRoot(options),
});

import { defineService } from '@xaso/service';
import { AppModule, VOTING_SERVICE, type VotingAppOptions } from './app.module';

/** voting-service as the shared builder and the all-in-one launcher start it. */
export const votingService = defineService<VotingAppOptions>({
  name: VOTING_SERVICE,
  defaultPort: 4005,
  openApi: {
    title: 'Xã Số — village polls (voting-service)',
    description: 'Village and residential-group polls online and on paper (Law 10/2022/QH15): rolls, secret ballots with trackers, the RFC 6962 ballot board, results.',
  },
  module: (options) => AppModule.forRoot(options),
});

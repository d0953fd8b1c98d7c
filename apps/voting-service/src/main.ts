import { runService } from '@xaso/service';
import { votingService } from './voting.service-definition';

runService(votingService);

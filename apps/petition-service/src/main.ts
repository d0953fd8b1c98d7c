import { runService } from '@xaso/service';
import { petitionService } from './petition.service-definition';

runService(petitionService);

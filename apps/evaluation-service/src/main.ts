import { runService } from '@xaso/service';
import { evaluationService } from './evaluation.service-definition';

runService(evaluationService);

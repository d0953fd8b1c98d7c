import { runService } from '@xaso/service';
import { mergerService } from './merger.service-definition';

runService(mergerService);

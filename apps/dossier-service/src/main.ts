import { runService } from '@xaso/service';
import { dossierService } from './dossier.service-definition';

runService(dossierService);

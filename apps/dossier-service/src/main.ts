import { startDossierService } from './bootstrap';

startDossierService().catch((error) => {
  console.error(error);
  process.exit(1);
});

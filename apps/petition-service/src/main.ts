import { startPetitionService } from './bootstrap';

startPetitionService().catch((error) => {
  console.error(error);
  process.exit(1);
});

import { startMergerService } from './bootstrap';

startMergerService().catch((error) => {
  console.error(error);
  process.exit(1);
});

import type { PetitionStatistics } from '../../domain';
import type { PetitionStatisticsModel } from './petition-reports.models';

export function toStatisticsModel(s: PetitionStatistics & { unitCode: string }): PetitionStatisticsModel {
  return {
    ...s,
    receivedByKind: Object.entries(s.receivedByKind).map(([kind, count]) => ({ kind: kind as never, count })),
    receivedByChannel: Object.entries(s.receivedByChannel).map(([channel, count]) => ({ channel: channel as never, count })),
  };
}

import { Injectable } from '@nestjs/common';
import { type Poll, VotingDomainError } from '../domain';
import { CommuneVillages } from './commune-villages.port';

/** A poll held in a village names a village of its own commune (the registry decides). */
@Injectable()
export class VillageCheck {
  constructor(private readonly villages: CommuneVillages) {}

  async assertInCommune(poll: Pick<Poll, 'unitCode' | 'villageCode'>, asOf: string): Promise<void> {
    if (poll.villageCode === null) return;
    if (!(await this.villages.of(poll.unitCode, asOf)).has(poll.villageCode)) {
      throw new VotingDomainError('VILLAGE_NOT_IN_COMMUNE', `Village ${poll.villageCode} is not in commune ${poll.unitCode}`, `Thôn/tổ dân phố ${poll.villageCode} không thuộc xã ${poll.unitCode}`, { villageCode: poll.villageCode });
    }
  }
}

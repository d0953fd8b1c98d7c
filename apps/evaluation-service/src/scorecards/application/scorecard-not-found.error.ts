import { DomainError } from '@xaso/errors';

export class ScorecardNotFoundError extends DomainError {
  constructor(code: string, version: number) {
    super('SCORECARD_NOT_FOUND', `Scorecard ${code} version ${version} does not exist`, `Không có bộ tiêu chí ${code} phiên bản ${version}`, 'not-found', { code, version });
  }
}

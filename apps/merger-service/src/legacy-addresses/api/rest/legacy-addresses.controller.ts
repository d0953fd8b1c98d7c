import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@xaso/auth';
import { ResolveLegacyAddresses } from '../../application/resolve-legacy-addresses.query';
import { InvalidAddressError } from '../../domain/legacy-address-errors';
import { ResolveLegacyAddressesBody, resolutionView } from './legacy-addresses.dto';

/** The batch route (its JSON body may be up to 2 MB: see `bulkJsonPaths`). */
export const LEGACY_ADDRESS_BATCH_PATH = '/api/v1/administrative-units/resolve-legacy-addresses';

/** REST for agencies converting their address files: up to 1,000 addresses per call. */
@ApiTags('administrative-units')
@Public()
@Controller('api/v1/administrative-units')
export class LegacyAddressesController {
  constructor(private readonly resolveAddresses: ResolveLegacyAddresses) {}

  @Post('resolve-legacy-addresses')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pre-2025 addresses → legacy and current units (up to 1,000 per call; 400 TOO_MANY_ADDRESSES above)' })
  async resolve(@Body() body: ResolveLegacyAddressesBody) {
    const items = body.addresses.map((item, i) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) throw new InvalidAddressError(i, 'address', 'must be an object', 'phải là một đối tượng');
      return { ...item, asOf: item.asOf ?? body.asOf };
    });
    const results = await this.resolveAddresses.execute(items);
    const counts = { resolved: 0, ambiguous: 0, notFound: 0 };
    for (const r of results) {
      if (r.status === 'RESOLVED') counts.resolved += 1;
      else if (r.status === 'AMBIGUOUS') counts.ambiguous += 1;
      else counts.notFound += 1;
    }
    return { results: results.map((r, i) => resolutionView(r, i, items[i].id)), counts };
  }
}

import { HAI_DUONG_FRIENDLY_GOVERNMENT, HAI_DUONG_PROVINCE_CODE } from '../../../scorecards/domain/seed';
import { ProvinceTargets, TargetRequirement } from '../province-targets';

const meeting = (minPercent: number): TargetRequirement => ({
  code: `MEETING_${minPercent}`, titleVi: `≥ ${minPercent}% số xã đạt chuẩn (mức 1 trở lên)`, titleEn: `≥ ${minPercent}% of communes meeting the standard (level 1 or higher)`, minLevelRank: 1, minPercent, minCount: null,
});
const aboveLevel1 = (minPercent: number): TargetRequirement => ({
  code: `ABOVE_L1_${minPercent}`, titleVi: `≥ ${minPercent}% số xã đạt trên mức 1`, titleEn: `≥ ${minPercent}% of communes above level 1`, minLevelRank: 2, minPercent, minCount: null,
});

/** Hải Dương's trajectory to 2030 for the friendly-government standard. */
export const HAI_DUONG_TARGETS: ProvinceTargets = {
  provinceCode: HAI_DUONG_PROVINCE_CODE,
  scorecardCode: HAI_DUONG_FRIENDLY_GOVERNMENT.code,
  years: [
    { fromYear: 2024, toYear: 2024, requirements: [meeting(20)] },
    { fromYear: 2025, toYear: 2025, requirements: [aboveLevel1(20)] },
    {
      fromYear: 2026,
      toYear: 2026,
      requirements: [aboveLevel1(50), { code: 'LEVEL_4_AT_LEAST_1', titleVi: 'Có ít nhất 1 xã đạt mức 4', titleEn: 'At least one commune at level 4', minLevelRank: 4, minPercent: null, minCount: 1 }],
    },
    { fromYear: 2027, toYear: 2030, requirements: [meeting(90), aboveLevel1(70)] },
  ],
};

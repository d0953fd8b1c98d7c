import { METRIC } from '../../../indicators/domain/metrics';
import { Scorecard } from '../scorecard';
import { computed, criterion, group, linear, manual, measure } from './seed-builders';

/**
 * The service index of Decision 766/QĐ-TTg (2022): six groups, 100 points. Rates score in
 * proportion (0 points at 0%, full points at 100%). COMPUTED where dossier and rating facts
 * exist (progress, online service, satisfaction); MANUAL with evidence where Xã Số has no data
 * yet (transparency on the national portal, online payment, digitisation).
 * Levels: the decision ranks rather than bands; the seed uses quality bands of its own reading
 * (good ≥ 80, fair 50–<80, below 50 not rated) so results carry a level like every scorecard.
 */
export const DECISION_766_SERVICE_INDEX: Scorecard = {
  code: 'QD766_SERVICE_INDEX',
  version: 1,
  titleVi: 'Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg)',
  titleEn: 'Citizen and business service index (Decision 766/QĐ-TTg)',
  scope: { kind: 'NATIONAL' },
  validYears: { fromYear: 2023, toYear: null },
  totalPoints: 100,
  bands: [
    { code: 'FAIR', rank: 1, titleVi: 'Khá', titleEn: 'Fair', min: 50, max: 80, maxInclusive: false },
    { code: 'GOOD', rank: 2, titleVi: 'Tốt', titleEn: 'Good', min: 80, max: 100, maxInclusive: true },
  ],
  groups: [
    group(['T', 'Công khai, minh bạch', 'Transparency'], 18, [
      criterion(['T.C1', 'Công khai thông tin', 'Information published'], [
        manual(['T.C1.I1', 'Thủ tục hành chính công khai đầy đủ, đúng hạn trên Cổng Dịch vụ công quốc gia', 'Procedures published in full and on time on the National Public Service Portal'], 6),
        manual(['T.C1.I2', 'Hồ sơ được đồng bộ trạng thái lên Cổng Dịch vụ công quốc gia', 'Dossier statuses synchronised to the National Public Service Portal'], 6),
        manual(['T.C1.I3', 'Phản ánh, kiến nghị được công khai kết quả xử lý', 'Petition outcomes published'], 6),
      ]),
    ]),
    group(['P', 'Tiến độ giải quyết', 'Progress'], 20, [
      criterion(['P.C1', 'Giải quyết đúng hạn', 'Resolved on time'], [
        computed(['P.C1.I1', 'Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn', 'Dossiers resolved early or on time'], 20,
          measure(METRIC.dossierResolvedOnTime, METRIC.dossierResolved, linear(0, 1), 'INSUFFICIENT_DATA')),
      ]),
    ]),
    group(['O', 'Dịch vụ công trực tuyến', 'Online service'], 12, [
      criterion(['O.C1', 'Hồ sơ trực tuyến', 'Online dossiers'], [
        computed(['O.C1.I1', 'Tỷ lệ hồ sơ tiếp nhận trực tuyến', 'Dossiers received online'], 12,
          measure(METRIC.dossierReceivedOnline, METRIC.dossierReceived, linear(0, 1), 'INSUFFICIENT_DATA')),
      ]),
    ]),
    group(['PAY', 'Thanh toán trực tuyến', 'Online payment'], 10, [
      criterion(['PAY.C1', 'Thanh toán trực tuyến', 'Paid online'], [
        manual(['PAY.C1.I1', 'Tỷ lệ hồ sơ có phí, lệ phí được thanh toán trực tuyến', 'Fee-bearing dossiers paid online'], 10),
      ]),
    ]),
    group(['D', 'Mức độ số hóa hồ sơ', 'Digitisation'], 22, [
      criterion(['D.C1', 'Số hóa hồ sơ, kết quả', 'Dossiers and results digitised'], [
        manual(['D.C1.I1', 'Tỷ lệ hồ sơ được số hóa khi tiếp nhận', 'Dossiers digitised on receipt'], 11),
        manual(['D.C1.I2', 'Tỷ lệ kết quả giải quyết được số hóa', 'Results digitised'], 11),
      ]),
    ]),
    group(['S', 'Mức độ hài lòng', 'Satisfaction'], 18, [
      criterion(['S.C1', 'Hài lòng của người dân, doanh nghiệp', 'Citizen and business satisfaction'], [
        computed(['S.C1.I1', 'Tỷ lệ đánh giá hài lòng', 'Satisfied ratings'], 18,
          measure(METRIC.ratingSatisfied, METRIC.ratingReceived, linear(0, 1), 'INSUFFICIENT_DATA')),
      ]),
    ]),
  ],
};

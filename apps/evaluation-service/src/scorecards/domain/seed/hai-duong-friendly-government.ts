import { METRIC } from '../../../indicators/domain/metrics';
import { Band, Scorecard } from '../scorecard';
import { computed, criterion, group, linear, manual, measure, mixed, thresholds } from './seed-builders';

/** GSO code of Hải Dương province (before its 2025 merger into Hải Phòng). */
export const HAI_DUONG_PROVINCE_CODE = '30';

export const HAI_DUONG_BANDS: readonly Band[] = [
  { code: 'LEVEL_1', rank: 1, titleVi: 'Mức 1', titleEn: 'Level 1', min: 80, max: 85, maxInclusive: false },
  { code: 'LEVEL_2', rank: 2, titleVi: 'Mức 2', titleEn: 'Level 2', min: 85, max: 90, maxInclusive: false },
  { code: 'LEVEL_3', rank: 3, titleVi: 'Mức 3', titleEn: 'Level 3', min: 90, max: 95, maxInclusive: false },
  { code: 'LEVEL_4', rank: 4, titleVi: 'Mức 4', titleEn: 'Level 4', min: 95, max: 100, maxInclusive: true },
];

/**
 * Hải Dương's "friendly government serving the people" commune standard: the five groups and
 * bands of the standard; the split of the 100 points and the indicators are this seed's
 * reasonable reading (to be checked against the provincial decision before a real cycle).
 * Computed indicators use the facts the event consumers record.
 */
export const HAI_DUONG_FRIENDLY_GOVERNMENT: Scorecard = {
  code: 'HD_FRIENDLY_GOVERNMENT',
  version: 1,
  titleVi: 'Chính quyền thân thiện, vì Nhân dân phục vụ (cấp xã, Hải Dương)',
  titleEn: 'Friendly government serving the people (communes, Hải Dương)',
  scope: { kind: 'PROVINCE', provinceCode: HAI_DUONG_PROVINCE_CODE },
  validYears: { fromYear: 2024, toYear: 2030 },
  totalPoints: 100,
  bands: HAI_DUONG_BANDS,
  groups: [
    group(['G1', 'Hoạt động công khai, minh bạch', 'Open and transparent operation'], 25, [
      criterion(['G1.C1', 'Công khai thủ tục hành chính và thông tin', 'Procedures and information made public'], [
        manual(['G1.C1.I1', 'Công khai đầy đủ thủ tục hành chính tại Bộ phận Một cửa và trên cổng thông tin', 'Administrative procedures fully posted at the one-stop desk and online'], 4),
        manual(['G1.C1.I2', 'Công khai ngân sách, kế hoạch theo Luật Thực hiện dân chủ ở cơ sở', 'Budget and plans published under the Grassroots Democracy Law'], 4),
      ]),
      criterion(['G1.C2', 'Giải quyết hồ sơ thủ tục hành chính', 'Handling of administrative dossiers'], [
        computed(['G1.C2.I1', 'Tỷ lệ hồ sơ giải quyết đúng hạn', 'Dossiers resolved on time'], 7,
          measure(METRIC.dossierResolvedOnTime, METRIC.dossierResolved, thresholds([0.8, 1], [0.9, 3], [0.95, 5], [0.98, 7]), 'INSUFFICIENT_DATA')),
        computed(['G1.C2.I2', 'Tỷ lệ hồ sơ nộp trực tuyến', 'Dossiers submitted online'], 5,
          measure(METRIC.dossierReceivedOnline, METRIC.dossierReceived, linear(0.2, 0.8), 'INSUFFICIENT_DATA')),
        computed(['G1.C2.I3', 'Số hồ sơ đang giải quyết bị quá hạn', 'Pending dossiers that went overdue'], 3,
          measure(METRIC.dossierWentOverdue, null, linear(10, 0), 'ZERO')),
        computed(['G1.C2.I4', 'Tỷ lệ hồ sơ trễ hạn có văn bản xin lỗi', 'Late dossiers with an apology issued'], 2,
          measure(METRIC.dossierApologyIssued, METRIC.dossierResolvedLate, thresholds([0.8, 1], [1, 2]), 'FULL_POINTS')),
      ]),
    ]),
    group(['G2', 'Người đứng đầu gương mẫu, trách nhiệm, thân thiện', 'Exemplary, responsible, friendly leaders'], 15, [
      criterion(['G2.C1', 'Gương mẫu, trách nhiệm', 'Setting the example'], [
        manual(['G2.C1.I1', 'Lãnh đạo chấp hành quy tắc ứng xử, không vi phạm kỷ luật', 'Leaders follow the code of conduct, no disciplinary breach'], 4),
        manual(['G2.C1.I2', 'Lãnh đạo trực tiếp chỉ đạo cải cách hành chính', 'Leaders direct administrative reform in person'], 4),
      ]),
      criterion(['G2.C2', 'Tiếp dân và đối thoại', 'Receiving and talking with citizens'], [
        computed(['G2.C2.I1', 'Số buổi tiếp công dân định kỳ đã tổ chức so với quy định', 'Citizen reception sessions held vs required'], 4,
          measure(METRIC.receptionSessionHeld, METRIC.receptionSessionRequired, thresholds([0.75, 2], [1, 4]), 'MANUAL_FALLBACK')),
        manual(['G2.C2.I2', 'Tổ chức đối thoại trực tiếp với Nhân dân', 'Direct dialogues with the people held'], 3),
      ]),
    ]),
    group(['G3', 'Công chức trách nhiệm, thân thiện', 'Responsible, friendly staff'], 20, [
      criterion(['G3.C1', 'Thái độ, ứng xử', 'Attitude and conduct'], [
        manual(['G3.C1.I1', 'Công chức thực hiện đúng quy tắc ứng xử', 'Staff follow the code of conduct'], 4),
        manual(['G3.C1.I2', 'Không có phản ánh đúng về thái độ phục vụ', 'No upheld complaint about staff attitude'], 4),
      ]),
      criterion(['G3.C2', 'Chất lượng phục vụ', 'Quality of service'], [
        computed(['G3.C2.I1', 'Mức độ hài lòng của người dân', 'Citizen satisfaction (ratings)'], 6,
          measure(METRIC.ratingSatisfied, METRIC.ratingReceived, thresholds([0.8, 2], [0.9, 4], [0.95, 6]), 'MANUAL_FALLBACK')),
        computed(['G3.C2.I2', 'Tỷ lệ phản ánh, kiến nghị giải quyết đúng hạn', 'Petitions resolved on time'], 4,
          measure(METRIC.petitionResolvedOnTime, METRIC.petitionResolved, thresholds([0.85, 2], [0.95, 4]), 'INSUFFICIENT_DATA')),
        computed(['G3.C2.I3', 'Số phản ánh, kiến nghị quá hạn chưa giải quyết', 'Petitions pending past their due date'], 2,
          measure(METRIC.petitionWentOverdue, null, linear(5, 0), 'ZERO')),
      ]),
    ]),
    group(['G4', 'Công sở văn minh, xanh, sạch, đẹp', 'Civilised, green, clean offices'], 15, [
      criterion(['G4.C1', 'Cảnh quan công sở', 'Office premises'], [
        manual(['G4.C1.I1', 'Công sở xanh, sạch, đẹp', 'Green, clean, tidy premises'], 5),
        manual(['G4.C1.I2', 'Phân loại rác, hạn chế rác thải nhựa', 'Waste sorted, single-use plastic limited'], 5),
      ]),
      criterion(['G4.C2', 'Bộ phận Một cửa', 'One-stop desk'], [
        manual(['G4.C2.I1', 'Trang thiết bị, chỉ dẫn và nơi chờ cho người dân', 'Equipment, signage and waiting area for citizens'], 5),
      ]),
    ]),
    group(['G5', 'Giải pháp gắn kết Nhân dân với chính quyền', 'Measures bringing people and government closer'], 25, [
      criterion(['G5.C1', 'Thực hiện dân chủ ở cơ sở', 'Grassroots democracy'], [
        computed(['G5.C1.I1', 'Tỷ lệ tham gia biểu quyết, lấy ý kiến', 'Poll turnout'], 5,
          measure(METRIC.pollBallotsCast, METRIC.pollEligibleVoters, thresholds([0.5, 1], [0.65, 3], [0.8, 5]), 'MANUAL_FALLBACK')),
        manual(['G5.C1.I2', 'Lấy ý kiến Nhân dân về các vấn đề của địa phương', 'People consulted on local matters'], 5),
      ]),
      criterion(['G5.C2', 'Chuyển đổi số phục vụ Nhân dân', 'Digital services for the people'], [
        mixed(['G5.C2.I1', 'Người dân sử dụng dịch vụ công trực tuyến; Tổ công nghệ số cộng đồng hoạt động', 'People use online services; community digital teams at work'], 8, 4,
          measure(METRIC.dossierReceivedOnline, METRIC.dossierReceived, linear(0, 0.5), 'ZERO')),
      ]),
      criterion(['G5.C3', 'Sáng kiến, mô hình', 'Initiatives and models'], [
        manual(['G5.C3.I1', 'Có sáng kiến, mô hình gắn kết Nhân dân được công nhận', 'A recognised initiative or model bringing people closer'], 7),
      ]),
    ]),
  ],
};

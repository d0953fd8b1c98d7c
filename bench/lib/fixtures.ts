import { createHash } from 'node:crypto';

/**
 * Request bodies for the scenarios. Every submission is unique (applicant, id number, form data)
 * so that neither side can serve it from a cache or hit a uniqueness shortcut.
 */
export type Channel = 'ONLINE' | 'DIRECT' | 'POSTAL';

export interface ApplicantInput {
  fullName: string;
  idNumber: string;
  phone: string;
  email: string;
  address: string;
}

/** Attachment metadata as the dossier service takes it (the file itself is stored elsewhere). */
export interface AttachmentInput {
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
}

export interface SubmitDossierInput {
  procedureCode: string;
  receivingUnitCode: string;
  channel: Channel;
  applicant: ApplicantInput;
  formData: Record<string, unknown>;
  attachments: AttachmentInput[];
}

export interface DossierFixtureOptions {
  procedureCodes: string[];
  receivingUnitCodes: string[];
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Minh', 'Ngọc', 'Thanh', 'Quốc', 'Đức'];
const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Hà', 'Hải', 'Hoa', 'Hùng', 'Lan', 'Long', 'Mai', 'Nam', 'Phương', 'Quân', 'Thảo', 'Trang'];
const CHANNELS: Channel[] = ['ONLINE', 'DIRECT', 'POSTAL'];
/** Province-of-registration prefixes of real ID numbers (Hà Nội, Hải Phòng, Đà Nẵng, TP.HCM, Cần Thơ, Hải Dương, Nghệ An, Thanh Hóa). */
const ID_PROVINCES = ['001', '031', '048', '079', '092', '030', '040', '038'];

const attachment = (tag: number, n: number): AttachmentInput => ({
  name: `to-khai-${n}.pdf`,
  mediaType: 'application/pdf',
  size: 120_000 + (n % 1000),
  sha256: createHash('sha256').update(`bench-${tag}-${n}`).digest('hex'),
});

/** Deterministic, unique-per-call dossier inputs; the run id keeps runs apart. */
export class DossierFixtures {
  private n = 0;
  private readonly runTag: number;

  constructor(private readonly options: DossierFixtureOptions) {
    this.runTag = Math.floor(Math.random() * 1_000_000);
  }

  next(): SubmitDossierInput {
    const n = this.n++;
    const seq = (this.runTag * 7_919 + n) % 1_000_000;
    // 12-digit citizen id: 3-digit province, century/sex digit (0/1: born 19xx), 2-digit birth year, 6 digits.
    const province = ID_PROVINCES[n % ID_PROVINCES.length];
    const idNumber = `${province}${n % 2}${String(60 + (n % 40)).padStart(2, '0')}${String(seq).padStart(6, '0')}`;
    const fullName = `${FAMILY[n % FAMILY.length]} ${MIDDLE[(n >> 2) % MIDDLE.length]} ${GIVEN[(n >> 5) % GIVEN.length]}`;
    return {
      procedureCode: this.options.procedureCodes[n % this.options.procedureCodes.length],
      receivingUnitCode: this.options.receivingUnitCodes[n % this.options.receivingUnitCodes.length],
      channel: CHANNELS[n % CHANNELS.length],
      applicant: {
        fullName,
        idNumber,
        phone: `09${String((seq * 13 + n) % 100_000_000).padStart(8, '0')}`,
        email: `cong.dan.${this.runTag}.${n}@example.vn`,
        address: `Số ${1 + (n % 300)} phố Bench ${n}, phường Ba Đình, Hà Nội`,
      },
      formData: {
        reason: `Bench submission ${this.runTag}-${n}`,
        copies: 1 + (n % 3),
        submittedBy: 'bench',
      },
      attachments: [attachment(this.runTag, n)],
    };
  }
}

export interface TrackKey {
  code: string;
  idNumberLast4: string;
}

import type { LaneRef } from './lanes.ts';
import { findNamedLane } from './lanes.ts';

// "jika tidak setuju", "apabila tidak disetujui", "jika masih salah": the negative branch of a check.
const NEGATIVE_BRANCH =
  /\b(jika|apabila|bila|kalau)\s+(tidak|masih salah|belum (sesuai|lengkap|benar)|ditolak)\b/i;
const RETURN_TO = /\b(dikembalikan|mengembalikan|kembalikan|kembali)\s+(lagi\s+)?(kepada|ke)\s+(.{1,80})/i;

/** True when a Kegiatan describes a decision in prose ("… jika tidak setuju dikembalikan …"). */
export function detectDecisionProse(kegiatan: string): boolean {
  return NEGATIVE_BRANCH.test(kegiatan);
}

/** The lane named as the receiver of a returned draft ("dikembalikan kepada Kasi …"), if any. */
export function findReturnLane(kegiatan: string, lanes: LaneRef[]): number | null {
  const m = RETURN_TO.exec(kegiatan);
  if (!m) return null;
  return findNamedLane(m[4] ?? '', lanes);
}

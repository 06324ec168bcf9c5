/** How a step fares against its Mutu Baku, as the evaluation's drawing colours it. */
export type Heat = 'good' | 'fair' | 'poor' | 'none';

/** On-time share ≥ 90 % good, ≥ 70 % fair, below poor; no finished task with a target: none. */
export function heatOf(onTimeShare: number | null | undefined): Heat {
  if (onTimeShare === null || onTimeShare === undefined || Number.isNaN(onTimeShare)) return 'none';
  if (onTimeShare >= 0.9) return 'good';
  if (onTimeShare >= 0.7) return 'fair';
  return 'poor';
}

// The "cached" badge on a result served from a cache tier, with the entry's age.
import { formatAge, TIER_LABELS } from '../model/format';

export function CachedBadge({ tier, ageMs }: { tier: string; ageMs: number }) {
  return (
    <span className="badge badge-cached" title={`Answered from the ${TIER_LABELS[tier] ?? tier} cache`}>
      cached · {tier.toUpperCase()} · {formatAge(ageMs)} old
    </span>
  );
}

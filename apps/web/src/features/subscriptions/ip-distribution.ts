import {
  type ChangeKind,
  classifyChange,
  type DistributionField,
  type DistributionProblem,
  effectiveAt,
  validateDistribution,
} from '@vmsp/domain';

/**
 * What the IP Distribution inputs hold. A count is null while its input is empty or holds no number
 * yet, so that a half-typed value is shown as the user typed it instead of being replaced by a guess.
 */
export interface DistributionDraft {
  total: number | null;
  internal: number | null;
  external: number | null;
}

const isCount = (value: number | null): value is number => value !== null && Number.isSafeInteger(value);

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

/** The inputs start at the running subscription's numbers, or empty for a new subscription. */
export function initialDraft(
  current: { ipsInternal: number; ipsExternal: number } | null,
): DistributionDraft {
  if (!current) return { total: null, internal: null, external: null };
  return {
    total: current.ipsInternal + current.ipsExternal,
    internal: current.ipsInternal,
    external: current.ipsExternal,
  };
}

/**
 * A new total keeps the internal IPs where they still fit and gives the rest to external; a total smaller
 * than the internal IPs takes them all as internal. A new subscription (nothing typed yet) starts as all
 * internal. Anything but a whole total ≥ 0 leaves the split alone until the total can carry one.
 */
export function withTotal(draft: DistributionDraft, total: number | null): DistributionDraft {
  if (!isCount(total) || total < 0) return { ...draft, total };
  const internal = isCount(draft.internal) ? clamp(draft.internal, 0, total) : total;
  return { total, internal, external: total - internal };
}

/** The slider and the `Internal IP's` input: external takes what internal leaves of the total. */
export function withInternal(draft: DistributionDraft, internal: number | null): DistributionDraft {
  if (!isCount(internal) || !isCount(draft.total) || draft.total < 0) return { ...draft, internal };
  const kept = clamp(internal, 0, draft.total);
  return { total: draft.total, internal: kept, external: draft.total - kept };
}

/** The `External IP's` input: the mirror image of withInternal. */
export function withExternal(draft: DistributionDraft, external: number | null): DistributionDraft {
  if (!isCount(external) || !isCount(draft.total) || draft.total < 0) return { ...draft, external };
  const kept = clamp(external, 0, draft.total);
  return { total: draft.total, internal: draft.total - kept, external: kept };
}

/** The domain's problems for the draft, at most one per input (the first, which is the one to fix first). */
export function draftProblems(
  draft: DistributionDraft,
  max: number,
): Map<DistributionField, DistributionProblem> {
  const problems = validateDistribution({
    // An empty input is not a whole number: the domain says so at that input.
    total: draft.total ?? Number.NaN,
    internal: draft.internal ?? Number.NaN,
    external: draft.external ?? Number.NaN,
    max,
  });
  const byField = new Map<DistributionField, DistributionProblem>();
  for (const problem of problems) if (!byField.has(problem.field)) byField.set(problem.field, problem);
  return byField;
}

/** A valid draft, as it is sent. */
export interface Distribution {
  total: number;
  internal: number;
  external: number;
}

/** The draft when the domain has nothing against it. */
export function validDistribution(draft: DistributionDraft, max: number): Distribution | null {
  const { total, internal, external } = draft;
  if (total === null || internal === null || external === null) return null;
  return draftProblems(draft, max).size === 0 ? { total, internal, external } : null;
}

/**
 * What `Save` would do, told to the user before they save: the kind of change and when it applies, by the
 * same domain rules the server uses. `unchanged` is a redistribution that moves nothing. The server decides
 * with its own clock and billing time zone; its answer is what the user is shown after saving.
 */
export interface PlannedChange {
  kind: ChangeKind;
  at: Date;
  /** Applies at the moment of saving rather than at a month boundary. */
  immediate: boolean;
  unchanged: boolean;
}

export function planChange({
  current,
  next,
  instant,
  now,
  timeZone,
}: {
  current: { ipsInternal: number; ipsExternal: number } | null;
  next: Distribution;
  instant: boolean;
  now: Date;
  timeZone: string;
}): PlannedChange {
  const kind = classifyChange(current ? current.ipsInternal + current.ipsExternal : null, next.total);
  const at = effectiveAt({ kind, instant, now, timeZone });
  return {
    kind,
    at,
    immediate: at.getTime() === now.getTime(),
    unchanged: kind === 'redistribution' && current?.ipsInternal === next.internal,
  };
}

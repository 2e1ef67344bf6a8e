/**
 * PodDisruptionBudget (policy/v1) rules shared by the API server, the disruption controller and
 * the Eviction subresource: create-time status, validation, which budgets cover a pod, and
 * intstr scaling. Upstream: `pkg/apis/policy/validation/validation.go`,
 * `pkg/registry/policy/poddisruptionbudget/strategy.go`, apimachinery `intstr`.
 */
import { fromLabelSelector, matches } from '../api/labels.ts';
import type { FieldError } from '../api/status.ts';
import { goStruct, invalid, labelSelectorValue, notSupported } from '../api/status.ts';
import type { KubeObject, Pod, PodDisruptionBudget } from '../api/types.ts';

/** policy.DisruptionAllowedCondition. */
export const DISRUPTION_ALLOWED = 'DisruptionAllowed';

/** PrepareForCreate: a new budget's status starts empty (all counts 0). */
export function preparePdbForCreate(pdb: PodDisruptionBudget): void {
  pdb.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
}

const PERCENT = /^[0-9]+%$/;

/** apps validation ValidatePositiveIntOrPercent + IsNotMoreThan100Percent. */
function intOrPercentErrors(value: number | string, field: string): FieldError[] {
  if (typeof value === 'string') {
    if (!PERCENT.test(value)) {
      return [
        invalid(
          field,
          value,
          "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
        ),
      ];
    }
    if (Number(value.slice(0, -1)) > 100)
      return [invalid(field, value, 'must not be greater than 100%')];
    return [];
  }
  if (!Number.isInteger(value))
    return [invalid(field, value, "must be an integer or percentage (e.g '5%')")];
  if (value < 0) return [invalid(field, value, 'must be greater than or equal to 0')];
  return [];
}

/** ValidatePodDisruptionBudgetSpec, in upstream's order (the rules a learner can trip over). */
export function validatePdbSpec(pdb: PodDisruptionBudget): FieldError[] {
  const errs: FieldError[] = [];
  const spec = pdb.spec as PodDisruptionBudget['spec'] | undefined;
  if (spec === undefined) return errs;
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    // The value is the internal PodDisruptionBudgetSpec, json.Marshal'ed without json tags, in
    // the field order of pkg/apis/policy/types.go (MinAvailable, Selector, MaxUnavailable,
    // UnhealthyPodEvictionPolicy; the v1 protobuf tags 1-4 follow the same order).
    errs.push(
      invalid(
        'spec',
        goStruct({
          MinAvailable: spec.minAvailable,
          Selector: labelSelectorValue(spec.selector),
          MaxUnavailable: spec.maxUnavailable,
          UnhealthyPodEvictionPolicy: spec.unhealthyPodEvictionPolicy ?? null,
        }),
        'minAvailable and maxUnavailable cannot be both set',
      ),
    );
  }
  if (spec.minAvailable !== undefined)
    errs.push(...intOrPercentErrors(spec.minAvailable, 'spec.minAvailable'));
  if (spec.maxUnavailable !== undefined)
    errs.push(...intOrPercentErrors(spec.maxUnavailable, 'spec.maxUnavailable'));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (policy !== undefined && policy !== 'AlwaysAllow' && policy !== 'IfHealthyBudget') {
    errs.push(
      notSupported('spec.unhealthyPodEvictionPolicy', policy, ['AlwaysAllow', 'IfHealthyBudget']),
    );
  }
  return errs;
}

/**
 * Whether a budget's selector selects a pod. In policy/v1 a nil selector selects nothing and an
 * empty one selects every pod of the namespace.
 */
export function pdbSelects(pdb: PodDisruptionBudget, pod: KubeObject): boolean {
  if ((pdb.metadata.namespace ?? 'default') !== (pod.metadata.namespace ?? 'default')) return false;
  if (pdb.spec.selector === undefined) return false;
  return matches(fromLabelSelector(pdb.spec.selector), pod.metadata.labels);
}

/** intstr.GetScaledValueFromIntOrPercent with roundUp. */
export function scaled(value: number | string, total: number): number {
  if (typeof value === 'number') return value;
  return Math.ceil((Number(value.slice(0, -1)) * total) / 100);
}

/** podutil.IsPodReady. */
export function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

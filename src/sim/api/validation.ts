/**
 * Validation with the API server's exact messages (pkg/apis/apps/validation,
 * pkg/apis/core/validation and apimachinery's util/validation). Returns field errors; the caller
 * turns them into a 422 Status.
 */
import { fromLabelSelector, matches } from './labels.ts';
import type { FieldError } from './status.ts';
import {
  forbidden,
  goStruct,
  invalid,
  labelSelectorValue,
  notSupported,
  required,
} from './status.ts';
import type { GoStruct } from './status.ts';
import { deepEqual } from './json.ts';
import { validatePdbSpec } from '../disruption/pdb.ts';
import type {
  PodDisruptionBudget,
  Deployment,
  ReplicaSet,
  KubeObject,
  PersistentVolumeClaim,
  Pod,
  PodSpec,
  Service,
  StatefulSet,
  StringMap,
} from './types.ts';

/**
 * The internal apps.RollingUpdateStatefulSetStrategy (pkg/apis/apps/types.go: `Partition int32`,
 * `MaxUnavailable *intstr.IntOrString`, no json tags) that validation passes as the bad value.
 * A nil v1 partition converts to 0.
 */
function internalRollingUpdate(
  ru: NonNullable<StatefulSet['spec']['updateStrategy']>['rollingUpdate'],
): GoStruct | null {
  if (ru === undefined) return null;
  return goStruct({ Partition: ru.partition ?? 0, MaxUnavailable: ru.maxUnavailable ?? null });
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** apimachinery's RegexError: the message, examples (note the double space) and the regex. */
function regexError(msg: string, regex: string, ...examples: string[]): string {
  let s = msg;
  if (examples.length > 0) {
    s += ' (e.g. ';
    examples.forEach((ex, i) => {
      if (i > 0) s += ' or ';
      s += `'${ex}', `;
    });
    s += `regex used for validation is '${regex}')`;
  } else {
    s += ` (regex used for validation is '${regex}')`;
  }
  return s;
}

/** IsDNS1123Label: the problems with `value` as an RFC 1123 label (empty when valid). */
export function isDns1123Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!DNS1123_LABEL.test(value)) {
    errs.push(
      regexError(
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
        '[a-z0-9]([-a-z0-9]*[a-z0-9])?',
        'my-name',
        '123-abc',
      ),
    );
  }
  return errs;
}

/** IsDNS1123Subdomain. */
export function isDns1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(value)) {
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*',
        'example.com',
      ),
    );
  }
  return errs;
}

/** IsDNS1035Label (Service names). */
export function isDns1035Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!DNS1035_LABEL.test(value)) {
    errs.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        '[a-z]([-a-z0-9]*[a-z0-9])?',
        'my-name',
        'abc-123',
      ),
    );
  }
  return errs;
}

/** IsValidLabelValue. */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!LABEL_VALUE.test(value)) {
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?',
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  }
  return errs;
}

/** IsQualifiedName for label keys (prefix/name). */
function isQualifiedName(key: string): string[] {
  const slash = key.lastIndexOf('/');
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const prefix = slash >= 0 ? key.slice(0, slash) : '';
  const errs: string[] = [];
  if (slash >= 0) errs.push(...isDns1123Subdomain(prefix).map((e) => `prefix part ${e}`));
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (name.length > 0 && !QUALIFIED_NAME.test(name)) {
    errs.push(
      regexError(
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]',
        'MyName',
        'my.name',
        '123-abc',
      ),
    );
  }
  return errs;
}

/** ValidateLabels. */
export function validateLabels(labels: StringMap | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const key of Object.keys(labels ?? {}).sort()) {
    for (const msg of isQualifiedName(key)) errs.push(invalid(field, key, msg));
    const value = labels?.[key] ?? '';
    for (const msg of isValidLabelValue(value)) errs.push(invalid(field, value, msg));
  }
  return errs;
}

type NameCheck = (name: string) => string[];

/** Which name rule each kind uses (ValidateObjectMeta's nameFn). */
export function nameCheckFor(kind: string): NameCheck {
  switch (kind) {
    case 'StatefulSet':
    case 'Namespace':
      return isDns1123Label;
    case 'Service':
      return isDns1035Label;
    default:
      return isDns1123Subdomain;
  }
}

/** ValidateObjectMeta: name, namespace presence and labels. */
export function validateObjectMeta(obj: KubeObject, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const name = obj.metadata.name;
  if (!name) {
    errs.push(required('metadata.name', 'name or generateName is required'));
  } else {
    for (const msg of nameCheckFor(obj.kind)(name)) errs.push(invalid('metadata.name', name, msg));
  }
  if (namespaced && !obj.metadata.namespace) errs.push(required('metadata.namespace'));
  errs.push(...validateLabels(obj.metadata.labels, 'metadata.labels'));
  return errs;
}

function nonNegative(value: number | undefined, field: string): FieldError[] {
  if (value !== undefined && value < 0) {
    return [invalid(field, value, 'must be greater than or equal to 0')];
  }
  return [];
}

function validatePodSpec(spec: PodSpec | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  // A manifest may leave `spec` out entirely: the API server then reports the missing containers.
  if (!spec || !Array.isArray(spec.containers) || spec.containers.length === 0) {
    errs.push(required(`${field}.containers`));
    return errs;
  }
  const names = new Set<string>();
  spec.containers.forEach((c, i) => {
    const f = `${field}.containers[${i}]`;
    if (!c.name) errs.push(required(`${f}.name`));
    else {
      for (const msg of isDns1123Label(c.name)) errs.push(invalid(`${f}.name`, c.name, msg));
      if (names.has(c.name))
        errs.push({
          field: `${f}.name`,
          type: 'FieldValueDuplicate',
          body: `Duplicate value: ${JSON.stringify(c.name)}`,
        });
      names.add(c.name);
    }
    if (!c.image) errs.push(required(`${f}.image`));
  });
  return errs;
}

/** ValidateStatefulSetSpec, in upstream's order. */
export function validateStatefulSetSpec(sts: StatefulSet): FieldError[] {
  const errs: FieldError[] = [];
  const spec = sts.spec;
  const pmp = spec.podManagementPolicy;
  if (pmp === undefined || pmp === '') errs.push(required('spec.podManagementPolicy'));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') {
    errs.push(invalid('spec.podManagementPolicy', pmp, "must be 'OrderedReady' or 'Parallel'"));
  }
  const us = spec.updateStrategy;
  switch (us?.type) {
    case undefined:
    case '':
      errs.push(required('spec.updateStrategy'));
      break;
    case 'OnDelete':
      if (us.rollingUpdate !== undefined) {
        errs.push(
          invalid(
            'spec.updateStrategy.rollingUpdate',
            internalRollingUpdate(us.rollingUpdate),
            "only allowed for updateStrategy 'RollingUpdate'",
          ),
        );
      }
      break;
    case 'RollingUpdate':
      errs.push(
        ...nonNegative(us.rollingUpdate?.partition, 'spec.updateStrategy.rollingUpdate.partition'),
      );
      break;
    default:
      // The internal apps.StatefulSetUpdateStrategy: `Type`, `RollingUpdate` (no json tags).
      errs.push(
        invalid(
          'spec.updateStrategy',
          goStruct({ Type: us?.type, RollingUpdate: internalRollingUpdate(us?.rollingUpdate) }),
          "must be 'RollingUpdate' or 'OnDelete'",
        ),
      );
  }
  const policy = spec.persistentVolumeClaimRetentionPolicy;
  if (policy !== undefined) {
    for (const which of ['whenDeleted', 'whenScaled'] as const) {
      const v = policy[which];
      if (v !== 'Retain' && v !== 'Delete') {
        errs.push(
          notSupported(`spec.persistentVolumeClaimRetentionPolicy.${which}`, v ?? '', [
            'Retain',
            'Delete',
          ]),
        );
      }
    }
  }
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  if (spec.ordinals !== undefined)
    errs.push(...nonNegative(spec.ordinals.start, 'spec.ordinals.start'));
  if (spec.selector === undefined) {
    errs.push(required('spec.selector'));
  } else {
    errs.push(...validateLabels(spec.selector.matchLabels, 'spec.selector.matchLabels'));
    const n =
      Object.keys(spec.selector.matchLabels ?? {}).length +
      (spec.selector.matchExpressions?.length ?? 0);
    if (n === 0)
      errs.push(
        invalid(
          'spec.selector',
          labelSelectorValue(spec.selector),
          'empty selector is invalid for statefulset',
        ),
      );
  }
  const templateLabels = spec.template.metadata?.labels ?? {};
  const selector = fromLabelSelector(spec.selector);
  const selectorEmpty =
    spec.selector !== undefined &&
    Object.keys(spec.selector.matchLabels ?? {}).length +
      (spec.selector.matchExpressions?.length ?? 0) ===
      0;
  if (!selectorEmpty && !matches(selector, templateLabels)) {
    errs.push(
      invalid(
        'spec.template.metadata.labels',
        templateLabels,
        '`selector` does not match template `labels`',
      ),
    );
  }
  errs.push(...validateLabels(spec.template.metadata?.labels, 'spec.template.metadata.labels'));
  errs.push(...validatePodSpec(spec.template.spec, 'spec.template.spec'));
  if (spec.template.spec.restartPolicy !== 'Always') {
    errs.push(
      notSupported('spec.template.spec.restartPolicy', spec.template.spec.restartPolicy ?? '', [
        'Always',
      ]),
    );
  }
  if (spec.template.spec.activeDeadlineSeconds !== undefined) {
    errs.push(
      forbidden(
        'spec.template.spec.activeDeadlineSeconds',
        'activeDeadlineSeconds in StatefulSet is not Supported',
      ),
    );
  }
  (spec.volumeClaimTemplates ?? []).forEach((t, i) => {
    errs.push(...validatePvcSpec(t.spec, `spec.volumeClaimTemplates[${i}].spec`));
  });
  return errs;
}

/** The immutable-spec rule of ValidateStatefulSetUpdate, with the 1.35 message. */
export function validateStatefulSetUpdate(next: StatefulSet, old: StatefulSet): FieldError[] {
  const errs = validateStatefulSetSpec(next);
  const strip = (s: StatefulSet): unknown => {
    const {
      replicas: _r,
      ordinals: _o,
      template: _t,
      updateStrategy: _u,
      revisionHistoryLimit: _h,
      persistentVolumeClaimRetentionPolicy: _p,
      minReadySeconds: _m,
      ...rest
    } = s.spec;
    return rest;
  };
  if (!deepEqual(strip(next), strip(old))) {
    errs.push(
      forbidden(
        'spec',
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ),
    );
  }
  return errs;
}

function validatePvcSpec(spec: PersistentVolumeClaim['spec'], field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!spec.accessModes || spec.accessModes.length === 0) {
    errs.push(required(`${field}.accessModes`, 'at least 1 access mode is required'));
  }
  const supported = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
  for (const m of spec.accessModes ?? []) {
    if (!supported.includes(m)) errs.push(notSupported(`${field}.accessModes`, m, supported));
  }
  if (spec.resources?.requests?.['storage'] === undefined) {
    errs.push(required(`${field}.resources[storage]`));
  }
  return errs;
}

/** Kind-specific validation on create. */
export function validateCreate(obj: KubeObject, namespaced: boolean): FieldError[] {
  const errs = validateObjectMeta(obj, namespaced);
  switch (obj.kind) {
    case 'StatefulSet':
      errs.push(...validateStatefulSetSpec(obj as StatefulSet));
      break;
    case 'Pod':
      errs.push(...validatePodSpec((obj as Pod).spec, 'spec'));
      break;
    case 'PersistentVolumeClaim':
      errs.push(...validatePvcSpec((obj as PersistentVolumeClaim).spec, 'spec'));
      break;
    case 'Service':
      errs.push(...validateServiceSpec(obj as Service));
      break;
    case 'Deployment':
      errs.push(...validateDeploymentSpec(obj as Deployment, 'deployment'));
      break;
    case 'ReplicaSet':
      errs.push(...validateDeploymentSpec(obj as ReplicaSet, 'replicaset'));
      break;
    case 'PodDisruptionBudget':
      errs.push(...validatePdbSpec(obj as PodDisruptionBudget));
      break;
  }
  return errs;
}

function validateServiceSpec(svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  (svc.spec.ports ?? []).forEach((p, i) => {
    if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) {
      errs.push(invalid(`spec.ports[${i}].port`, p.port, 'must be between 1 and 65535, inclusive'));
    }
  });
  const ports = svc.spec.ports ?? [];
  if (ports.length > 1) {
    ports.forEach((p, i) => {
      if (!p.name) errs.push(required(`spec.ports[${i}].name`));
    });
  }
  return errs;
}

/** ValidateDeploymentSpec (and ValidateReplicaSetSpec): the rules a learner can trip over. */
export function validateDeploymentSpec(obj: Deployment | ReplicaSet, what: string): FieldError[] {
  const errs: FieldError[] = [];
  const spec = obj.spec;
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  const n =
    Object.keys(spec.selector?.matchLabels ?? {}).length +
    (spec.selector?.matchExpressions?.length ?? 0);
  if (spec.selector === undefined) errs.push(required('spec.selector'));
  else {
    errs.push(...validateLabels(spec.selector.matchLabels, 'spec.selector.matchLabels'));
    if (n === 0)
      errs.push(
        invalid(
          'spec.selector',
          labelSelectorValue(spec.selector),
          `empty selector is invalid for ${what}`,
        ),
      );
  }
  const templateLabels = spec.template.metadata?.labels ?? {};
  if (n > 0 && !matches(fromLabelSelector(spec.selector), templateLabels)) {
    errs.push(
      invalid(
        'spec.template.metadata.labels',
        templateLabels,
        '`selector` does not match template `labels`',
      ),
    );
  }
  errs.push(...validateLabels(spec.template.metadata?.labels, 'spec.template.metadata.labels'));
  errs.push(...validatePodSpec(spec.template.spec, 'spec.template.spec'));
  if (spec.template.spec.restartPolicy !== 'Always') {
    errs.push(
      notSupported('spec.template.spec.restartPolicy', spec.template.spec.restartPolicy ?? '', [
        'Always',
      ]),
    );
  }
  return errs;
}

/** Kind-specific validation on update (immutability rules). */
export function validateUpdate(
  next: KubeObject,
  old: KubeObject,
  namespaced: boolean,
): FieldError[] {
  const errs = validateObjectMeta(next, namespaced);
  switch (next.kind) {
    case 'PodDisruptionBudget':
      errs.push(...validatePdbSpec(next as PodDisruptionBudget));
      break;
    case 'StatefulSet':
      errs.push(...validateStatefulSetUpdate(next as StatefulSet, old as StatefulSet));
      break;
    case 'Deployment':
    case 'ReplicaSet': {
      const a = next as Deployment;
      errs.push(
        ...validateDeploymentSpec(a, next.kind === 'Deployment' ? 'deployment' : 'replicaset'),
      );
      // apps/v1 selectors cannot change (ValidateDeploymentUpdate).
      if (!deepEqual(a.spec.selector, (old as Deployment).spec.selector)) {
        errs.push(
          invalid('spec.selector', labelSelectorValue(a.spec.selector), 'field is immutable'),
        );
      }
      break;
    }
    case 'Pod': {
      const a = next as Pod;
      const b = old as Pod;
      const pick = (p: Pod): unknown => ({
        ...p.spec,
        containers: p.spec.containers.map((c) => ({ ...c, image: '' })),
        activeDeadlineSeconds: 0,
        tolerations: [],
        terminationGracePeriodSeconds: 0,
      });
      if (!deepEqual(pick(a), pick(b))) {
        errs.push(
          forbidden(
            'spec',
            'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
          ),
        );
      }
      break;
    }
  }
  return errs;
}

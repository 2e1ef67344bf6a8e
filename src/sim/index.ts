/**
 * StatefulSet Lab's simulated control plane: the only module other layers (kubectl, shell, ui)
 * and cross-module tests import. Everything here is deterministic: time moves only through
 * `advance`, `step` and `runUntilIdle`, and randomness comes from the cluster's seed.
 */

/** Creating and restoring clusters. */
export { Cluster, createCluster, restoreCluster, LAST_APPLIED_ANNOTATION } from './cluster.ts';
/** Options and result shapes of the cluster API. */
export type {
  ApplyResult,
  ClusterOptions,
  NodeResources,
  ClusterSnapshot,
  ListOptions,
  WatchOptions,
  WatchHandle,
  ListWithVersion,
} from './cluster.ts';
/** Delete options and propagation policies. */
export type { DeleteOptions, PropagationPolicy } from './store/api-server.ts';
/** Watch events. */
export type { WatchEvent, WatchEventType } from './store/object-store.ts';
/** API results and Kubernetes Status errors (errors are data). */
export type { ApiResult, ApiFailure, Status, StatusCause, StatusReason } from './api/status.ts';
/** Patch types (`kubectl patch --type`). */
export type { PatchType } from './api/patch.ts';
/** Applying a patch to a copy (kubectl patch --dry-run) and the API's 400 answer. */
export { applyPatch } from './api/patch.ts';
export { badRequestStatus } from './api/status.ts';
/** Kubernetes object types. */
export type * from './api/types.ts';
/** REST mapping of the served kinds. */
export { KIND_INFO, KINDS, isKind } from './api/types.ts';
/** Label selector parsing and matching (kubectl's `-l`). */
export { parseSelector, matches, formatLabelSelector } from './api/labels.ts';
/** Timestamps: virtual milliseconds ↔ RFC 3339. */
export { EPOCH_MS, toRfc3339, fromRfc3339 } from './clock/time.ts';
/** DNS answers (`resolveDns`). */
export type { DnsAnswer } from './endpoints/dns.ts';
/** Fault injection. */
export type { Fault } from './faults.ts';
/** Files inside pods (`writeFile` / `readFile` / `listFiles`). */
export type { FileErrorCode, FileResult } from './volume/files.ts';
/** Decision trace entries. */
export type { TraceEntry, TraceVerdict } from './trace.ts';
/** Timing profiles. */
export type { Timings, Range } from './runtime.ts';
/** The timing presets: realistic (the default) and fast. */
export { REALISTIC_TIMINGS, FAST_TIMINGS } from './runtime.ts';
/** In-pod behaviour of the catalogue's images (`httpGet`, `databaseInsert`, `databaseSelect`). */
export type { HttpResponse, ImageErrorCode, ImageResult } from './kubelet/image-behaviour.ts';
/** Quantities and pod requests (what the scheduler reserves). */
export { parseQuantity, podRequests } from './api/resources.ts';
/** What a container's command does (modelled busybox-style programs). */
export {
  containerProgram,
  programLog,
  START_ERROR_EXIT_CODE,
} from './kubelet/container-command.ts';
export type { ContainerProgram, ProgramOutput } from './kubelet/container-command.ts';
/** Deployment naming and annotations a learner will meet (upstream names). */
export {
  DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY,
  REVISION_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
} from './controllers/deployment/deployment-controller.ts';
/** Emitter and Disposable. */
export type { Disposable, Event } from './events.ts';
/** StatefulSet naming helpers a learner will meet (upstream names). */
export {
  getPodName,
  getPersistentVolumeClaimName,
  isRunningAndReady,
  CONTROLLER_REVISION_HASH_LABEL_KEY,
  STATEFULSET_POD_NAME_LABEL,
  POD_INDEX_LABEL,
} from './controllers/statefulset/statefulset-utils.ts';
/** The namespaces of the cluster's own system pods (kube-system, local-path-storage). */
export { SYSTEM_NAMESPACES, isSystemObject } from './system/system-objects.ts';

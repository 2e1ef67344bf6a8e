import type { TraceEntry } from '../../sim/index.ts';
import type { StatefulSetView } from './cluster-view.ts';

/** The answer to "what is this StatefulSet doing, and why is it waiting?". */
export interface WhyAnswer {
  readonly set: string;
  /** True when every wanted pod is Running and Ready at the newest revision. */
  readonly settled: boolean;
  /** One sentence for the learner. */
  readonly text: string;
  /** The controller decision the sentence comes from, when there is one. */
  readonly decision: TraceEntry | undefined;
}

/** The short name of a component: a provisioner's long identity becomes its provisioner name. */
export function componentName(component: string): string {
  return component.split('_')[0] ?? component;
}

/**
 * Explains each StatefulSet from the controller's latest decision about it. A set that has
 * everything it wants is called settled even though its last recorded decision was a wait (the
 * trace records the wait, not the moment it ended).
 */
export function explainStatefulSets(
  sets: readonly StatefulSetView[],
  decisions: readonly TraceEntry[],
): WhyAnswer[] {
  return sets.map((set) => {
    const ownPods = set.ordinals.filter((o) => o.pod);
    const settled =
      set.readyReplicas === set.desiredReplicas &&
      ownPods.length === set.desiredReplicas &&
      ownPods.every((o) => o.inRange && o.pod?.isReady && !o.pod.terminating) &&
      set.currentRevision === set.updateRevision;
    let decision: TraceEntry | undefined;
    for (let i = decisions.length - 1; i >= 0; i--) {
      const entry = decisions[i];
      if (
        entry &&
        entry.component === 'statefulset-controller' &&
        entry.object.kind === 'StatefulSet' &&
        entry.object.name === set.name &&
        (entry.object.namespace ?? 'default') === set.namespace
      ) {
        decision = entry;
        break;
      }
    }
    const text = settled
      ? `${set.name} is settled: all ${set.desiredReplicas} pods are Running and Ready${
          set.updateRevision ? ` at revision ${set.updateRevision}` : ''
        }. The controller has nothing to do.`
      : decision
        ? `${decision.verdict === 'wait' ? 'Waiting' : 'Last step'}: ${decision.message}`
        : `${set.name}: the controller has not acted yet.`;
    return { set: set.name, settled, text, decision };
  });
}

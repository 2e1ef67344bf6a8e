/**
 * The cluster states a lesson's workspace can start from. Each is built the way a learner would
 * build it, through kubectl, then the cluster runs until it settles; the history keeps those
 * steps, so rewinding shows them. Pure data: the build (frontmatter checks) and the browser
 * (building the state) both read it.
 */
export interface Scenario {
  /** kubectl argument lists run in order on a fresh cluster. */
  readonly commands: readonly (readonly string[])[];
  /** One line the terminal shows first, saying what was done; empty for none. */
  readonly note: string;
}

export const SCENARIOS = {
  'empty-cluster': { commands: [], note: '' },
  'db-cluster-running': {
    commands: [['apply', '-f', 'db-cluster.yaml']],
    note: '# This lesson starts with db-cluster running: `kubectl apply -f db-cluster.yaml` was run and all three pods are Ready.',
  },
} as const satisfies Record<string, Scenario>;

export type ScenarioId = keyof typeof SCENARIOS;

export const scenarioIds = Object.keys(SCENARIOS) as [ScenarioId, ...ScenarioId[]];

/** Whether `id` names a scenario. */
export function isScenarioId(id: string): id is ScenarioId {
  return Object.hasOwn(SCENARIOS, id);
}

/**
 * The emulated kubectl's public API: run a command line against a simulated cluster and get
 * kubectl 1.35's output back as data, plus the pieces other layers reuse (printers, the resource
 * registry, the tabwriter).
 */
export { runKubectl, SUPPORTED_VERBS, flagsOf } from './kubectl.ts';
export type { RunOptions } from './kubectl.ts';
export type {
  KubectlEnv,
  KubectlResult,
  OutputSink,
  Stream,
  FileReader,
  ContainerExec,
  ContainerTarget,
  ExecOutcome,
  ExecRequest,
  StreamWriter,
  EditHook,
} from './io.ts';
export type { Waiter } from './waiter.ts';
export { steppingWaiter } from './waiter.ts';
export { RESOURCE_TYPES, resolveType } from './resources.ts';
export type { ResourceType } from './resources.ts';
export { TabWriter, tabulate, GET_TABWRITER, DESCRIBE_TABWRITER } from './printers/tabwriter.ts';
export { humanDuration } from './printers/human-duration.ts';
export { toYaml, toJson } from './printers/object-printers.ts';
export { executeJsonPath } from './printers/jsonpath.ts';
export { executeGoTemplate } from './printers/gotemplate.ts';
export { EDIT_HEADER } from './commands/edit.ts';
export { parseArgs } from './flags.ts';

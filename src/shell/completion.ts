import type { Cluster } from '../sim/index.ts';
import { RESOURCE_TYPES, SUPPORTED_VERBS, flagsOf, resolveType } from '../kubectl/index.ts';
import type { Completer, Completion } from './line-editor.ts';

/** The commands the shell itself runs, besides kubectl. */
export const SHELL_COMMANDS: readonly string[] = [
  'cat',
  'clear',
  'echo',
  'exit',
  'export',
  'false',
  'for',
  'grep',
  'head',
  'jobs',
  'k',
  'kill',
  'kubectl',
  'ls',
  'sleep',
  'sort',
  'tail',
  'true',
  'uniq',
  'wc',
];

/** Verbs whose first argument is a pod name. */
const POD_VERBS = new Set(['exec', 'logs']);

/** Verbs whose arguments are node names (`kubectl drain kind-worker`). */
const NODE_VERBS = new Set(['cordon', 'uncordon', 'drain']);

/** What completion can see. */
export interface CompletionContext {
  readonly cluster: Cluster;
  /** The names of the shell's files (the editor's files). */
  readonly files: () => readonly string[];
}

/** Verbs whose next word is a resource type. */
const TYPED_VERBS = new Set([
  'get',
  'describe',
  'delete',
  'scale',
  'patch',
  'edit',
  'label',
  'annotate',
  'wait',
  'explain',
]);

/** The longest common prefix of some strings. */
function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0] ?? '';
  for (const word of words) {
    while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix;
}

/** Completes `partial` from `options`: unique matches get a trailing space (or none after `=`/`/`). */
function completeFrom(partial: string, options: Iterable<string>): Completion {
  const matches = [...new Set(options)].filter((option) => option.startsWith(partial)).sort();
  if (matches.length === 0) return { insert: '', candidates: [] };
  if (matches.length === 1) {
    const only = matches[0] ?? '';
    const end = only.endsWith('=') || only.endsWith('/') ? '' : ' ';
    return { insert: only.slice(partial.length) + end, candidates: [] };
  }
  const prefix = commonPrefix(matches);
  return {
    insert: prefix.slice(partial.length),
    candidates: prefix.length > partial.length ? [] : matches,
  };
}

/** Every spelling of every resource type a learner may type. */
function typeNames(): string[] {
  return RESOURCE_TYPES.flatMap((type) => [type.plural, type.singular, ...type.shortNames]);
}

/** Names of the objects of a type in the default namespace (or cluster-wide for cluster kinds). */
function objectNames(cluster: Cluster, typeName: string): string[] {
  const type = resolveType(typeName)?.[0];
  if (!type) return [];
  const result = cluster.list(type.kind, type.namespaced ? { namespace: 'default' } : {});
  return result.ok ? result.object.map((object) => object.metadata.name) : [];
}

/**
 * Tab completion for the terminal: shell commands, kubectl verbs, flags of the verb, resource
 * types, object names from the cluster (also in `TYPE/NAME` form), and file names after `-f`.
 */
export function createCompleter(context: CompletionContext): Completer {
  return (before: string): Completion => {
    // Only the command after the last `|`, `;`, `&&` or `||` matters (`kubectl get pods | gr`).
    const segment = before.split(/\|\||&&|[|;]/).pop() ?? before;
    const words = segment.replace(/^\s+/, '').split(/\s+/);
    const partial = words.pop() ?? '';
    const done = words.filter((word) => word !== '');
    if (done.length === 0) return completeFrom(partial, SHELL_COMMANDS);
    const [command, verb, ...rest] = done;
    if (command === 'cat' || command === 'ls') return completeFrom(partial, context.files());
    if (command !== 'kubectl' && command !== 'k') return { insert: '', candidates: [] };
    if (verb === undefined) return completeFrom(partial, SUPPORTED_VERBS);
    // For exec and logs `-f` means follow/filename-less, and the first argument is a pod.
    if (POD_VERBS.has(verb) && !partial.startsWith('-')) {
      if (done.includes('--')) return { insert: '', candidates: [] };
      const positional = rest.filter((word) => !word.startsWith('-'));
      return positional.length === 0
        ? completeFrom(partial, objectNames(context.cluster, 'pods'))
        : { insert: '', candidates: [] };
    }
    if (NODE_VERBS.has(verb) && !partial.startsWith('-')) {
      return completeFrom(partial, objectNames(context.cluster, 'nodes'));
    }
    const previous = done[done.length - 1];
    if (previous === '-f' || previous === '--filename')
      return completeFrom(partial, context.files());
    if (partial.startsWith('--filename=')) {
      return completeFrom(
        partial,
        context.files().map((file) => `--filename=${file}`),
      );
    }
    if (partial.startsWith('-')) return completeFrom(partial, flagsOf(verb));
    if (!TYPED_VERBS.has(verb) && verb !== 'rollout') return { insert: '', candidates: [] };
    const positional = rest.filter((word) => !word.startsWith('-'));
    if (verb === 'rollout') {
      if (positional.length === 0)
        return completeFrom(partial, ['history', 'restart', 'status', 'undo']);
      positional.shift();
    }
    const slash = partial.indexOf('/');
    if (slash > 0) {
      const typeName = partial.slice(0, slash);
      return completeFrom(
        partial,
        objectNames(context.cluster, typeName).map((name) => `${typeName}/${name}`),
      );
    }
    const typeWord = positional[0];
    if (typeWord === undefined) return completeFrom(partial, typeNames());
    if (typeWord.includes('/')) return { insert: '', candidates: [] };
    return completeFrom(partial, objectNames(context.cluster, typeWord));
  };
}

/**
 * kubectl's error texts (pkg/cmd/util/helpers.go `checkErr`, pkg/util/templates/templater.go):
 * usage errors end with `See 'kubectl <cmd> -h' for help and examples`, flag errors with
 * `See 'kubectl <cmd> --help' for usage.`, API Invalid errors are rendered from the Status details
 * (`The StatefulSet "web" is invalid: ...`), other API errors as `Error from server (<Reason>): ...`.
 */
import type { Status } from '../sim/index.ts';

/** A usage error (cmdutil.UsageErrorf). */
export function usageError(command: string, message: string): string {
  return `error: ${message}\nSee 'kubectl ${command} -h' for help and examples\n`;
}

/** A flag-parsing error as kubectl's flag error function words it. */
export function flagError(command: string, message: string): string {
  const path = command === '' ? 'kubectl' : `kubectl ${command}`;
  return `error: ${message}\nSee '${path} --help' for usage.\n`;
}

/** A plain `error: ...` line (checkErr's default case). */
export function plainError(message: string): string {
  const msg = message.startsWith('error: ') ? message : `error: ${message}`;
  return msg.endsWith('\n') ? msg : msg + '\n';
}

/**
 * Renders an API Status as kubectl prints it. `source` (a file name) adds the
 * `error when <verb> "<file>": ` wrapper kubectl's AddSourceToErr puts on non-Invalid errors.
 */
export function renderStatus(status: Status, wrap?: { verb: string; source: string }): string {
  if (status.reason === 'Invalid') {
    const d = status.details;
    let prefix = 'The request is invalid';
    if (d && ((d.kind ?? '') !== '' || (d.name ?? '') !== '')) {
      prefix = `The ${d.kind ?? ''} ${JSON.stringify(d.name ?? '')} is invalid`;
    }
    const causes = d?.causes ?? [];
    if (causes.length === 0) return prefix + '\n';
    const msgs = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
    if (msgs.length === 1) return `${prefix}: ${msgs[0] ?? ''}\n`;
    return `${prefix}: \n${msgs.map((m) => `* ${m}\n`).join('')}`;
  }
  const message = wrap
    ? `error when ${wrap.verb} ${JSON.stringify(wrap.source)}: ${status.message}`
    : status.message;
  return `Error from server (${status.reason}): ${message}\n`;
}

/** The commands kubectl has, for "unknown command" suggestions. */
export const KNOWN_COMMANDS: readonly string[] = [
  'annotate',
  'api-resources',
  'api-versions',
  'apply',
  'attach',
  'auth',
  'autoscale',
  'certificate',
  'cluster-info',
  'completion',
  'config',
  'cordon',
  'cp',
  'create',
  'debug',
  'delete',
  'describe',
  'diff',
  'drain',
  'edit',
  'events',
  'exec',
  'explain',
  'expose',
  'get',
  'help',
  'kustomize',
  'label',
  'logs',
  'options',
  'patch',
  'plugin',
  'port-forward',
  'proxy',
  'replace',
  'rollout',
  'run',
  'scale',
  'set',
  'taint',
  'top',
  'uncordon',
  'version',
  'wait',
];

function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      prev[j] = Math.min((prev[j] ?? 0) + 1, (prev[j - 1] ?? 0) + 1, diag + cost);
      diag = tmp;
    }
  }
  return prev[b.length] ?? 0;
}

/**
 * cobra's "unknown command" error with its suggestions (Levenshtein distance ≤ 2, or a prefix
 * match), e.g. `error: unknown command "gte" for "kubectl"` + `Did you mean this?` + `\tget`.
 */
export function unknownCommand(
  word: string,
  parent = 'kubectl',
  commands = KNOWN_COMMANDS,
): string {
  const lower = word.toLowerCase();
  const suggestions = commands.filter(
    (c) => levenshtein(lower, c) <= 2 || (lower !== '' && c.startsWith(lower)),
  );
  let msg = `error: unknown command ${JSON.stringify(word)} for ${JSON.stringify(parent)}`;
  if (suggestions.length > 0) {
    msg += '\n\nDid you mean this?\n' + suggestions.map((s) => `\t${s}\n`).join('');
  } else {
    msg += '\n';
  }
  return msg;
}

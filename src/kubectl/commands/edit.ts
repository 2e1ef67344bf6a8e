/**
 * `kubectl edit TYPE NAME` (kubectl pkg/cmd/util/editor): the object's YAML goes to the editor
 * under kubectl's comment header; saving writes it back as a replace (the edited object with the
 * resourceVersion it was read at, so a concurrent change is a Conflict) and prints
 * `statefulset.apps/web edited`. Closing without saving, or saving the same content, prints
 * `Edit cancelled, no changes made.`; an empty file prints `Edit cancelled, saved file was
 * empty.`. When the save fails, the editor reopens with the error as comments above the object,
 * as kubectl does; cancelling that prints kubectl's "no valid changes" error. The editor is
 * `env.edit`; without one the command fails as kubectl does when `vi` cannot be launched.
 */
import { parse as parseYaml } from 'yaml';
import type { Kind, KubeObject } from '../../sim/index.ts';
import type { FlagSpec } from '../flags.ts';
import { flagString, flagStrings } from '../flags.ts';
import { plainError, renderStatus, usageError } from '../errors.ts';
import { qualifiedSingular, typeOfKind } from '../resources.ts';
import { toJson, toYaml } from '../printers/object-printers.ts';
import type { CommandContext } from './context.ts';
import { namespaceOf, printErrors, readFilenameFlag, resolveResourceArgs } from './context.ts';

/** Flags of `kubectl edit`. */
export const EDIT_FLAGS: readonly FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'windows-line-endings', type: 'bool' },
  { name: 'save-config', type: 'bool' },
  { name: 'validate', type: 'string' },
  { name: 'field-manager', type: 'string' },
  { name: 'subresource', type: 'string' },
  { name: 'show-managed-fields', type: 'bool' },
];

/** kubectl's header above the object in the editor. */
export const EDIT_HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/** The default editor kubectl launches when neither KUBE_EDITOR nor EDITOR is set. */
const DEFAULT_EDITOR = 'vi';

/** Lines that are not `#` comments (cmdutil.StripComments). */
function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('#'))
    .join('\n');
}

function render(obj: KubeObject, json: boolean): string {
  return json ? toJson(obj) : toYaml(obj);
}

/** Runs `kubectl edit`. */
export async function runEdit(ctx: CommandContext): Promise<number> {
  const { io } = ctx;
  if (flagStrings(ctx.flags, 'filename').length > 0) {
    // `kubectl edit -f FILE` edits the live objects the file names (the builder's FilenameParam
    // with Latest()): the file's content only says which objects; the editor shows the server's.
    if (ctx.args.length > 0) {
      io.err(
        plainError(
          'when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well',
        ),
      );
      return 1;
    }
    const read = readFilenameFlag(ctx);
    if (read.errors.length > 0) {
      printErrors(ctx, read.errors);
      return 1;
    }
    // GUESS: with several objects kubectl edits them as one List; here they are edited one after
    // another.
    let code = 0;
    for (const m of read.objects) {
      const type = typeOfKind(m.kind);
      const ns = type.namespaced ? (m.namespace ?? namespaceOf(ctx)) : undefined;
      code = Math.max(code, await editOne(ctx, type.kind, ns, m.name));
    }
    return code;
  }
  const resolved = resolveResourceArgs(ctx.args);
  if (!resolved.ok) {
    io.err(resolved.error);
    return 1;
  }
  const req = resolved.requests[0];
  const name = req?.names[0];
  if (req === undefined || name === undefined) {
    io.err(
      usageError(
        'edit',
        req === undefined
          ? "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'"
          : 'resource(s) were provided, but no name was specified',
      ),
    );
    return 1;
  }
  const ns = req.type.namespaced ? namespaceOf(ctx) : undefined;
  return editOne(ctx, req.type.kind, ns, name);
}

/** Edits one live object. */
async function editOne(
  ctx: CommandContext,
  kind: Kind,
  ns: string | undefined,
  name: string,
): Promise<number> {
  const { io, cluster } = ctx;
  const output = flagString(ctx.flags, 'output') ?? 'yaml';
  if (output !== 'yaml' && output !== 'json') {
    io.err(plainError('the edit mode must be one of: yaml, json'));
    return 1;
  }
  const got = cluster.get(kind, ns, name);
  if (!got.ok) {
    io.err(renderStatus(got.status));
    return 1;
  }
  const original = got.object;
  if (ctx.env.edit === undefined) {
    io.err(plainError(`unable to launch the editor ${JSON.stringify(DEFAULT_EDITOR)}`));
    return 1;
  }
  const originalText = render(original, output === 'json');
  let text = EDIT_HEADER + originalText;
  let failed = false;
  for (let attempt = 0; attempt < 100; attempt++) {
    let saved: string | undefined;
    try {
      saved = await ctx.env.edit(original, text);
    } catch (e) {
      // A hook that cannot open an editor rejects with kubectl's message for it.
      io.err(plainError(e instanceof Error ? e.message : String(e)));
      return 1;
    }
    const content = saved === undefined ? undefined : stripComments(saved);
    if (content === undefined || content === stripComments(text)) {
      if (failed) {
        io.err(plainError('Edit cancelled, no valid changes were saved.'));
        return 1;
      }
      io.err('Edit cancelled, no changes made.\n');
      return 0;
    }
    if (content.trim() === '') {
      io.err('Edit cancelled, saved file was empty.\n');
      return 0;
    }
    if (content === stripComments(EDIT_HEADER + originalText)) {
      io.err('Edit cancelled, no changes made.\n');
      return 0;
    }
    const problem = save(ctx, original, content);
    if (problem === undefined) {
      io.out(`${qualifiedSingular(typeOfKind(original.kind))}/${original.metadata.name} edited\n`);
      return 0;
    }
    if (problem.fatal) {
      io.err(plainError(problem.message));
      return 1;
    }
    // Reopen with the failure above the learner's text (editoptions.go's error header).
    failed = true;
    const errorLines = problem.message
      .trimEnd()
      .split('\n')
      .map((l) => `# ${l}`)
      .join('\n');
    text = `${EDIT_HEADER}${errorLines}\n#\n${content}`;
  }
  io.err(plainError('Edit cancelled, no valid changes were saved.'));
  return 1;
}

interface SaveProblem {
  readonly message: string;
  /** Errors kubectl reports without reopening the editor. */
  readonly fatal: boolean;
}

/** Parses the saved text and replaces the object; undefined on success. */
function save(ctx: CommandContext, original: KubeObject, content: string): SaveProblem | undefined {
  let edited: unknown;
  try {
    edited = parseYaml(content) as unknown;
  } catch (e) {
    const msg = e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e);
    return { message: `error: error parsing edited-file: ${msg}`, fatal: false };
  }
  if (edited === null || typeof edited !== 'object' || Array.isArray(edited)) {
    return {
      message: `error: error parsing edited-file: expected an object, got ${Array.isArray(edited) ? 'a list' : typeof edited}`,
      fatal: false,
    };
  }
  const obj = edited as Record<string, unknown>;
  const meta = (obj['metadata'] ?? {}) as Record<string, unknown>;
  if (
    obj['apiVersion'] !== original.apiVersion ||
    obj['kind'] !== original.kind ||
    meta['name'] !== original.metadata.name
  ) {
    return { message: 'At least one of apiVersion, kind and name was changed', fatal: true };
  }
  const res = ctx.cluster.update(obj);
  if (!res.ok) {
    return {
      message: renderStatus(res.status).replace(/^error: /, ''),
      fatal: res.status.reason === 'NotFound',
    };
  }
  return undefined;
}

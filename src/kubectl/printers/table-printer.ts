/**
 * Renders `kubectl get` tables: the kind's columns, `-o wide`, `--show-labels`, `-L`,
 * `--no-headers`, the NAMESPACE column of `-A`, and `kind.group/name` prefixes when several kinds
 * are printed. One TablePrinter keeps a remembering tabwriter, so successive batches of rows
 * (a watch) keep their column widths and the header is printed only once.
 */
import { own } from '../json-utils.ts';
import type { KubeObject } from '../../sim/index.ts';
import type { ResourceType } from '../resources.ts';
import { qualifiedSingular } from '../resources.ts';
import { TABLES, formatLabels } from './columns.ts';
import { GET_TABWRITER, TabWriter } from './tabwriter.ts';

/** Options of a table, from `kubectl get`'s flags. */
export interface TableOptions {
  readonly wide?: boolean;
  readonly showLabels?: boolean;
  readonly labelColumns?: readonly string[];
  readonly noHeaders?: boolean;
  readonly withNamespace?: boolean;
  readonly withKind?: boolean;
  /** `get -w --output-watch-events`: an EVENT column (ADDED, MODIFIED, DELETED) comes first. */
  readonly eventColumn?: boolean;
}

/** The value of label `key`, or empty (own keys only: `-L toString` is just a missing label). */
function labelValue(labels: Readonly<Record<string, string>> | undefined, key: string): string {
  const v = own(labels, key);
  return typeof v === 'string' ? v : '';
}

/** `-L a/b.c/key` → header `KEY`: the upper-cased last path segment. */
function labelColumnHeader(key: string): string {
  const parts = key.split('/');
  return (parts[parts.length - 1] ?? key).toUpperCase();
}

/** Prints rows of one resource type; widths are remembered across `print` calls. */
export class TablePrinter {
  readonly #type: ResourceType;
  readonly #opts: TableOptions;
  readonly #writer = new TabWriter(GET_TABWRITER);
  #headerPrinted = false;

  /** A printer for one type with the given options. */
  constructor(type: ResourceType, opts: TableOptions) {
    this.#type = type;
    this.#opts = opts;
  }

  #headers(): string[] {
    const def = TABLES[this.#type.kind];
    if (def === undefined) return ['NAME', 'AGE'];
    let headers = def.columns.filter((c) => this.#opts.wide || !c.wide).map((c) => c.header);
    if (this.#opts.wide && def.wideOrder) {
      const all = def.columns.map((c) => c.header);
      headers = def.wideOrder.map((i) => all[i] ?? '');
    }
    if (this.#opts.withNamespace) headers.unshift('NAMESPACE');
    for (const key of this.#opts.labelColumns ?? []) headers.push(labelColumnHeader(key));
    if (this.#opts.showLabels) headers.push('LABELS');
    if (this.#opts.eventColumn) headers.unshift('EVENT');
    return headers;
  }

  #cells(obj: KubeObject, now: number): string[] {
    const def = TABLES[this.#type.kind];
    let cells: string[];
    if (def === undefined) {
      cells = [obj.metadata.name, ''];
    } else {
      const all = def.row(obj, now);
      const normalCount = def.columns.filter((c) => !c.wide).length;
      if (this.#opts.wide && def.wideOrder) cells = def.wideOrder.map((i) => all[i] ?? '');
      else cells = this.#opts.wide ? [...all] : all.slice(0, normalCount);
    }
    if (this.#opts.withKind) cells[0] = `${qualifiedSingular(this.#type)}/${cells[0] ?? ''}`;
    if (this.#opts.withNamespace) cells.unshift(obj.metadata.namespace ?? '');
    for (const key of this.#opts.labelColumns ?? [])
      cells.push(labelValue(obj.metadata.labels, key));
    if (this.#opts.showLabels) cells.push(formatLabels(obj.metadata.labels));
    return cells;
  }

  /**
   * Renders rows for `objects` (plus the header the first time) and returns the aligned text;
   * `events` gives each row's watch event type when the EVENT column is on.
   */
  print(objects: readonly KubeObject[], now: number, events?: readonly string[]): string {
    if (objects.length === 0) return '';
    if (!this.#headerPrinted && !this.#opts.noHeaders) {
      this.#writer.write(this.#headers().join('\t') + '\n');
    }
    this.#headerPrinted = true;
    objects.forEach((obj, i) => {
      const cells = this.#cells(obj, now);
      if (this.#opts.eventColumn) cells.unshift(events?.[i] ?? 'ADDED');
      this.#writer.write(cells.join('\t') + '\n');
    });
    return this.#writer.flush();
  }
}

/** One kind's objects in a multi-kind `get`. */
export interface TableGroup {
  readonly type: ResourceType;
  readonly objects: readonly KubeObject[];
}

/**
 * Prints several kinds the way `kubectl get sts,pvc` does: one table per kind, widths reset per
 * kind, and one blank line between tables that printed something.
 */
export function printTables(
  groups: readonly TableGroup[],
  opts: TableOptions,
  now: number,
): string {
  let out = '';
  for (const g of groups) {
    const text = new TablePrinter(g.type, opts).print(g.objects, now);
    if (text === '') continue;
    if (out !== '' && !opts.noHeaders) out += '\n';
    out += text;
  }
  return out;
}

/**
 * The cluster's Events as `kubectl events` lists them (time, type, reason, object, message),
 * newest first, each object a button that opens it. Rows are keyed by the Event's uid and only
 * rewritten when the Event changed (a repeated event bumps its count), so a busy cluster does
 * not rebuild the list every frame.
 */
import { fromRfc3339, type KubeEvent } from '../sim/index.ts';
import { formatVirtualTime } from './workspace.ts';

/** How many events the list keeps. */
const SHOWN = 100;

/** A button naming an object (`pod/db-cluster-0`) that opens it in the inspector. */
export function objectLink(
  kind: string,
  name: string,
  pick: (kind: string, name: string) => void,
): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'object-link';
  button.textContent = `${kind.toLowerCase()}/${name}`;
  button.title = `Show ${kind.toLowerCase()}/${name} (describe and YAML)`;
  button.addEventListener('click', () => pick(kind, name));
  return button;
}

const signature = (event: KubeEvent): string =>
  `${event.count ?? 1}|${event.lastTimestamp ?? ''}|${event.message ?? ''}`;

export class EventsList {
  readonly #list: HTMLElement;
  readonly #pick: (kind: string, name: string) => void;
  readonly #rows = new Map<string, { item: HTMLLIElement; signature: string }>();
  #order = '';

  constructor(list: HTMLElement, pick: (kind: string, name: string) => void) {
    this.#list = list;
    this.#pick = pick;
  }

  /** Shows the newest events of `events` (oldest first, as the simulator lists them). */
  update(events: readonly KubeEvent[]): void {
    const shown = [...events]
      .sort((a, b) => this.#at(a) - this.#at(b))
      .slice(-SHOWN)
      .reverse();
    const keep = new Set<string>();
    for (const event of shown) {
      const key = event.metadata.uid ?? event.metadata.name;
      keep.add(key);
      const row = this.#rows.get(key);
      const now = signature(event);
      if (row?.signature === now) continue;
      const item = this.#render(event);
      row?.item.replaceWith(item);
      this.#rows.set(key, { item, signature: now });
    }
    for (const [key, row] of this.#rows) {
      if (keep.has(key)) continue;
      row.item.remove();
      this.#rows.delete(key);
    }
    const order = [...keep].join(' ');
    if (order === this.#order) return;
    this.#order = order;
    this.#list.replaceChildren(
      ...[...keep].map((key) => this.#rows.get(key)?.item).filter((item) => item !== undefined),
    );
  }

  #at(event: KubeEvent): number {
    const stamp = event.lastTimestamp ?? event.firstTimestamp ?? event.metadata.creationTimestamp;
    return stamp ? fromRfc3339(stamp) : 0;
  }

  #render(event: KubeEvent): HTMLLIElement {
    const item = document.createElement('li');
    item.dataset['type'] = event.type ?? 'Normal';
    const at = document.createElement('span');
    at.className = 'at';
    at.textContent = formatVirtualTime(this.#at(event));
    const type = document.createElement('span');
    type.className = 'type';
    type.textContent = event.type ?? 'Normal';
    const reason = document.createElement('span');
    reason.className = 'reason';
    reason.textContent = event.reason ?? '';
    const message = document.createElement('span');
    message.className = 'message';
    const count = event.count ?? 1;
    message.textContent = `${event.message ?? ''}${count > 1 ? ` (×${count})` : ''}`;
    const { kind, name } = event.involvedObject;
    item.append(
      at,
      ' ',
      type,
      ' ',
      reason,
      ' ',
      kind && name ? objectLink(kind, name, this.#pick) : '',
      ' ',
      message,
    );
    return item;
  }
}

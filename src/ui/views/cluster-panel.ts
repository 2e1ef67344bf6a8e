import type {
  ClaimView,
  ClusterView,
  NodeView,
  OrdinalView,
  ServiceView,
  StatefulSetView,
} from '../stores/cluster-view.ts';
import { el, setData, setText } from './dom.ts';

/** The coarse state a pod card is coloured by. */
function podState(ordinal: OrdinalView): string {
  const pod = ordinal.pod;
  if (!pod) return ordinal.inRange ? 'missing' : 'absent';
  if (pod.terminating) return 'terminating';
  if (pod.isReady) return 'ready';
  if (/BackOff|Err|Error|Failed|Invalid/.test(pod.status)) return 'failing';
  if (pod.status === 'Running') return 'running';
  return 'starting';
}

/** The short revision id after the set name (`db-cluster-5d8f7c9b6` → `5d8f7c9b6`). */
function shortRevision(set: StatefulSetView, revision: string | undefined): string {
  if (!revision) return '—';
  return revision.startsWith(`${set.name}-`) ? revision.slice(set.name.length + 1) : revision;
}

/** A button that opens an object's details (`describe` and YAML) when the panel has a handler. */
function inspectButton(kind: string, className: string): HTMLButtonElement {
  const button = el('button', `inspect ${className}`);
  button.type = 'button';
  button.dataset['inspectKind'] = kind;
  return button;
}

/** The rest of a claim's line after its name. */
function claimDetail(claim: ClaimView): string {
  const volume = claim.volume
    ? ` → ${claim.volume.name} (${claim.volume.capacity}, ${claim.volume.reclaimPolicy})`
    : '';
  return `: ${claim.status}${volume}`;
}

/** One ordinal's card: pod, claims and volumes, updated in place. */
class OrdinalCard {
  readonly root = el('li', 'ordinal');
  readonly #name = inspectButton('Pod', 'pod-name');
  readonly #status = el('span', 'pod-status');
  readonly #meta = el('span', 'pod-meta');
  readonly #claims = el('ul', 'claims');
  #uid: string | undefined;

  constructor() {
    const pod = el('div', 'pod');
    pod.append(this.#name, this.#status, this.#meta);
    this.root.append(pod, this.#claims);
    this.root.dataset['entering'] = '';
    // Let the browser paint the entering state once, then animate to the settled one.
    requestAnimationFrame(() => requestAnimationFrame(() => delete this.root.dataset['entering']));
  }

  update(set: StatefulSetView, ordinal: OrdinalView): void {
    const pod = ordinal.pod;
    setData(this.root, 'ordinal', String(ordinal.ordinal));
    setData(this.root, 'state', podState(ordinal));
    setData(this.root, 'inRange', ordinal.inRange ? 'true' : 'false');
    // During a rollout, mark which pods already run the new template.
    const rolling = set.currentRevision !== set.updateRevision;
    const updated = pod?.revision !== undefined && pod.revision === set.updateRevision;
    setData(this.root, 'revision', pod && rolling ? (updated ? 'update' : 'current') : undefined);
    if (pod && this.#uid !== undefined && pod.uid !== this.#uid) {
      // Same name, new object: replay the "recreated" highlight.
      this.root.classList.remove('recreated');
      void this.root.offsetWidth;
      this.root.classList.add('recreated');
    }
    this.#uid = pod?.uid ?? this.#uid;
    setText(this.#name, ordinal.podName);
    setData(this.#name, 'inspectName', pod ? ordinal.podName : undefined);
    this.#name.disabled = !pod;
    if (pod) {
      setText(
        this.#status,
        `${pod.status} ${pod.ready}${pod.restarts > 0 ? ` · ${pod.restarts} restarts` : ''}`,
      );
      setText(
        this.#meta,
        [pod.node ?? 'not scheduled', pod.ip, `rev ${shortRevision(set, pod.revision)}`]
          .filter(Boolean)
          .join(' · '),
      );
    } else {
      setText(this.#status, ordinal.inRange ? 'not created yet' : 'scaled away');
      setText(this.#meta, '');
    }
    if (ordinal.claims.length === 0) {
      if (this.#claims.firstElementChild?.className !== 'no-claim') {
        this.#claims.replaceChildren(el('li', 'no-claim', 'no claim'));
      }
      return;
    }
    if (
      this.#claims.children.length !== ordinal.claims.length ||
      this.#claims.querySelector('.no-claim')
    ) {
      this.#claims.replaceChildren(
        ...ordinal.claims.map(() => {
          const item = el('li');
          item.append(
            inspectButton('PersistentVolumeClaim', 'claim-name'),
            el('span', 'claim-detail'),
          );
          return item;
        }),
      );
    }
    ordinal.claims.forEach((claim, index) => {
      const item = this.#claims.children[index];
      if (!(item instanceof HTMLElement)) return;
      setData(item, 'status', claim.status);
      const name = item.querySelector('.claim-name');
      const detail = item.querySelector('.claim-detail');
      if (name instanceof HTMLElement) {
        setText(name, claim.name);
        setData(name, 'inspectName', claim.name);
      }
      if (detail) setText(detail, claimDetail(claim));
    });
  }
}

/** One StatefulSet's section: spec against status, revisions, and the ordinals. */
class StatefulSetSection {
  readonly root = el('section', 'statefulset');
  readonly #title = el('h4', 'set-title');
  readonly #titleButton = inspectButton('StatefulSet', 'set-name');
  readonly #summary = el('p', 'set-summary');
  readonly #revisions = el('p', 'set-revisions');
  readonly #list = el('ol', 'ordinals');
  readonly #cards = new Map<number, OrdinalCard>();

  constructor() {
    this.#title.append(this.#titleButton);
    this.root.append(this.#title, this.#summary, this.#revisions, this.#list);
  }

  update(set: StatefulSetView): void {
    setText(this.#titleButton, `statefulset.apps/${set.name}`);
    setData(this.#titleButton, 'inspectName', set.name);
    setText(
      this.#summary,
      `spec.replicas ${set.desiredReplicas} · status: ${set.replicas} pods, ${set.readyReplicas} ready, ${set.updatedReplicas} updated · ${set.podManagementPolicy}`,
    );
    const rolling =
      set.currentRevision && set.updateRevision && set.currentRevision !== set.updateRevision
        ? `rolling from ${shortRevision(set, set.currentRevision)} to ${shortRevision(set, set.updateRevision)}`
        : `revision ${shortRevision(set, set.updateRevision)}`;
    const partition = set.updateStrategy === 'RollingUpdate' ? ` · partition ${set.partition}` : '';
    setText(this.#revisions, `${set.updateStrategy}${partition} · ${rolling}`);

    const seen = new Set<number>();
    let previous: Element | null = null;
    for (const ordinal of set.ordinals) {
      seen.add(ordinal.ordinal);
      let card = this.#cards.get(ordinal.ordinal);
      if (!card) {
        card = new OrdinalCard();
        this.#cards.set(ordinal.ordinal, card);
      }
      card.update(set, ordinal);
      const expected: Element | null = previous
        ? previous.nextElementSibling
        : this.#list.firstElementChild;
      if (expected !== card.root) this.#list.insertBefore(card.root, expected);
      previous = card.root;
    }
    for (const [ordinal, card] of this.#cards) {
      if (!seen.has(ordinal)) {
        card.root.remove();
        this.#cards.delete(ordinal);
      }
    }
  }
}

function renderServices(root: HTMLElement, services: readonly ServiceView[]): void {
  const headless = services.filter((service) => service.headless);
  if (headless.length === 0) {
    root.replaceChildren(
      el('p', 'empty', 'No headless Service yet: pods have no DNS names of their own.'),
    );
    return;
  }
  const parts: HTMLElement[] = [];
  for (const service of headless) {
    const table = el('table', 'dns-records');
    const caption = el('caption', undefined, `DNS records of service/${service.name} (headless)`);
    const head = el('thead');
    const headRow = el('tr');
    headRow.append(
      el('th', undefined, 'Name'),
      el('th', undefined, 'Type'),
      el('th', undefined, 'Answer'),
    );
    head.append(headRow);
    const body = el('tbody');
    for (const record of service.records) {
      const row = el('tr');
      row.append(
        el('td', 'mono', record.name),
        el('td', undefined, record.type),
        el('td', 'mono', record.value),
      );
      body.append(row);
    }
    if (service.records.length === 0) {
      const row = el('tr');
      const cell = el('td', 'empty', 'No ready pods: lookups fail.');
      cell.colSpan = 3;
      row.append(cell);
      body.append(row);
    }
    table.append(caption, head, body);
    parts.push(table);
    if (service.notReady.length > 0) {
      parts.push(el('p', 'muted', `Not published until Ready: ${service.notReady.join(', ')}`));
    }
  }
  root.replaceChildren(...parts);
}

function renderNodes(root: HTMLElement, nodes: readonly NodeView[]): void {
  const list = el('ul', 'nodes');
  for (const node of nodes) {
    const item = el('li', 'node');
    setData(item, 'ready', node.ready ? 'true' : 'false');
    const state = [
      node.ready ? 'Ready' : 'NotReady',
      node.schedulable ? undefined : 'SchedulingDisabled',
    ]
      .filter(Boolean)
      .join(',');
    item.append(
      el('span', 'node-name', node.name),
      el('span', 'node-state', state),
      el('span', 'node-pods', node.pods.length > 0 ? node.pods.join(', ') : 'no pods'),
    );
    list.append(item);
  }
  root.replaceChildren(list);
}

/**
 * Draws the cluster: each StatefulSet with its ordinals (pod, claims, volumes), the headless
 * Services' DNS records, and the nodes. Pod cards are keyed by ordinal and updated in place, so
 * CSS can animate a pod being created, turning Ready, terminating, or coming back with the same
 * name. The markup is plain lists and tables, readable by screen readers as it is.
 */
export class ClusterPanel {
  readonly #sets = el('div', 'sets');
  readonly #dns = el('div', 'dns');
  readonly #nodes = el('div', 'nodes-view');
  readonly #sections = new Map<string, StatefulSetSection>();
  readonly #table = el('div', 'ordinals-table');
  readonly #tableToggle = el('button', 'table-toggle', 'Show as a table');
  #asTable = false;
  #lastView: ClusterView | undefined;
  #lastServices: string | undefined;
  #lastNodes: string | undefined;

  /** `onInspect` is called with an object's kind and name when the learner picks it. */
  constructor(root: HTMLElement, onInspect?: (kind: string, name: string) => void) {
    if (onInspect) {
      root.addEventListener('click', (event) => {
        const target =
          event.target instanceof Element
            ? event.target.closest<HTMLElement>('[data-inspect-name]')
            : null;
        const kind = target?.dataset['inspectKind'];
        const name = target?.dataset['inspectName'];
        if (kind && name) onInspect(kind, name);
      });
    }
    const setsHeading = el('h3', 'panel-heading', 'StatefulSets');
    const dnsHeading = el('h3', 'panel-heading', 'DNS');
    const nodesHeading = el('h3', 'panel-heading', 'Nodes');
    this.#tableToggle.type = 'button';
    this.#tableToggle.setAttribute('aria-pressed', 'false');
    this.#tableToggle.addEventListener('click', () => {
      this.#asTable = !this.#asTable;
      this.#tableToggle.setAttribute('aria-pressed', String(this.#asTable));
      this.#sets.hidden = this.#asTable;
      this.#table.hidden = !this.#asTable;
      if (this.#lastView) this.update(this.#lastView);
    });
    this.#table.hidden = true;
    // Wide tables scroll sideways; keyboard users must be able to reach that scroll area.
    this.#table.tabIndex = 0;
    const heading = el('div', 'panel-heading-row');
    heading.append(setsHeading, this.#tableToggle);
    root.replaceChildren(
      heading,
      this.#sets,
      this.#table,
      dnsHeading,
      this.#dns,
      nodesHeading,
      this.#nodes,
    );
  }

  /** The same ordinals as a plain table: one row per ordinal, for reading cell by cell. */
  #renderTable(view: ClusterView): void {
    const tables = view.statefulSets.map((set) => {
      const table = el('table', 'ordinal-table');
      table.append(
        el(
          'caption',
          undefined,
          `statefulset.apps/${set.name}: ${set.readyReplicas} of ${set.desiredReplicas} ready`,
        ),
      );
      const head = el('tr');
      for (const title of [
        'Ordinal',
        'Pod',
        'Status',
        'Ready',
        'Node',
        'IP',
        'Revision',
        'Claim',
        'Claim status',
        'Volume',
      ]) {
        const cell = el('th', undefined, title);
        cell.scope = 'col';
        head.append(cell);
      }
      const thead = el('thead');
      thead.append(head);
      const body = el('tbody');
      for (const ordinal of set.ordinals) {
        const claim = ordinal.claims[0];
        const pod = ordinal.pod;
        const row = el('tr');
        const cells = [
          String(ordinal.ordinal) + (ordinal.inRange ? '' : ' (scaled away)'),
          ordinal.podName,
          pod ? pod.status : ordinal.inRange ? 'not created yet' : 'none',
          pod?.ready ?? '',
          pod?.node ?? '',
          pod?.ip ?? '',
          pod ? shortRevision(set, pod.revision) : '',
          claim?.name ?? '',
          claim?.status ?? '',
          claim?.volume?.name ?? '',
        ];
        for (const [index, text] of cells.entries()) {
          const cell = index === 0 ? el('th', undefined, text) : el('td', undefined, text);
          if (cell instanceof HTMLTableCellElement && index === 0) cell.scope = 'row';
          row.append(cell);
        }
        body.append(row);
      }
      table.append(thead, body);
      return table;
    });
    this.#table.replaceChildren(
      ...(tables.length > 0 ? tables : [el('p', 'empty', 'No StatefulSets yet.')]),
    );
  }

  /** Brings the DOM up to date with `view`. */
  update(view: ClusterView): void {
    this.#lastView = view;
    if (this.#asTable) this.#renderTable(view);
    if (view.statefulSets.length === 0) {
      this.#sets.replaceChildren(
        el('p', 'empty', 'No StatefulSets yet. Apply db-cluster.yaml to create one.'),
      );
      this.#sections.clear();
    } else {
      if (this.#sections.size === 0) this.#sets.replaceChildren();
      const seen = new Set<string>();
      for (const set of view.statefulSets) {
        const key = `${set.namespace}/${set.name}`;
        seen.add(key);
        let section = this.#sections.get(key);
        if (!section) {
          section = new StatefulSetSection();
          this.#sections.set(key, section);
          this.#sets.append(section.root);
        }
        section.update(set);
      }
      for (const [key, section] of this.#sections) {
        if (!seen.has(key)) {
          section.root.remove();
          this.#sections.delete(key);
        }
      }
    }
    // Services and nodes change rarely; re-render them only when their content changed.
    const services = JSON.stringify(view.services);
    if (services !== this.#lastServices) {
      this.#lastServices = services;
      renderServices(this.#dns, view.services);
    }
    const nodes = JSON.stringify(view.nodes);
    if (nodes !== this.#lastNodes) {
      this.#lastNodes = nodes;
      renderNodes(this.#nodes, view.nodes);
    }
  }
}

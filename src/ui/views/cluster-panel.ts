import type {
  ClaimView,
  ClusterView,
  DnsRecord,
  NodeView,
  OrdinalView,
  ServiceView,
  StatefulSetView,
} from '../stores/cluster-view.ts';
import { timed } from '../stores/timing.ts';
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

/** One claim's line in a card: its name (a button) and the rest of its line. */
class ClaimLine {
  readonly root = el('li');
  readonly #name = inspectButton('PersistentVolumeClaim', 'claim-name');
  readonly #detail = el('span', 'claim-detail');
  #last: ClaimView | undefined;

  constructor() {
    this.root.append(this.#name, this.#detail);
  }

  update(claim: ClaimView): void {
    if (claim === this.#last) return;
    this.#last = claim;
    setData(this.root, 'status', claim.status);
    setText(this.#name, claim.name);
    setData(this.#name, 'inspectName', claim.name);
    setText(this.#detail, claimDetail(claim));
  }
}

/** Replays a one-shot CSS animation class without reading layout (no forced reflow). */
function replayClass(node: HTMLElement, className: string): void {
  if (!node.classList.contains(className)) {
    node.classList.add(className);
    return;
  }
  const running = node.getAnimations().filter((animation) => animation instanceof CSSAnimation);
  if (running.length === 0) {
    // The animation already ended: take the class off and put it back on the next frame.
    node.classList.remove(className);
    requestAnimationFrame(() => node.classList.add(className));
    return;
  }
  for (const animation of running) {
    animation.cancel();
    animation.play();
  }
}

/**
 * One ordinal's card: pod, claims and volumes, updated in place. A card whose ordinal view and
 * set revisions are unchanged (the same objects as last frame) is not touched at all.
 */
class OrdinalCard {
  readonly root = el('li', 'ordinal');
  readonly #name = inspectButton('Pod', 'pod-name');
  readonly #status = el('span', 'pod-status');
  readonly #meta = el('span', 'pod-meta');
  readonly #claims = el('ul', 'claims');
  readonly #claimLines: ClaimLine[] = [];
  #noClaim: HTMLLIElement | undefined;
  #uid: string | undefined;
  #last: OrdinalView | undefined;
  #lastRevisions = '';

  constructor() {
    const pod = el('div', 'pod');
    pod.append(this.#name, this.#status, this.#meta);
    this.root.append(pod, this.#claims);
    /*
     * Cards are `content-visibility: auto`: the browser tells when one is scrolled far out of
     * view. Such a card changes without transitions: nobody sees them, and a hundred cards fading
     * in at once off-screen would each need a compositing layer for nothing.
     */
    this.root.dataset['entering'] = '';
    const enter = (): void => {
      delete this.root.dataset['entering'];
    };
    if (typeof ContentVisibilityAutoStateChangeEvent === 'function') {
      // The first such event comes once the card has been styled in its entering state: then it
      // fades in, or (far off-screen) simply appears.
      this.root.addEventListener('contentvisibilityautostatechange', (event) => {
        const skipped = (event as ContentVisibilityAutoStateChangeEvent).skipped;
        setData(this.root, 'offscreen', skipped ? '' : undefined);
        enter();
      });
      // Should the event never come (a browser that knows it but does not send it): appear anyway.
      window.setTimeout(enter, 500);
    } else {
      // Let the browser paint the entering state once, then animate to the settled one.
      requestAnimationFrame(() => requestAnimationFrame(enter));
    }
  }

  update(set: StatefulSetView, ordinal: OrdinalView): void {
    // What the card shows of the set: its name (in revisions) and whether a rollout is under way.
    const revisions = `${set.name} ${set.currentRevision ?? ''} ${set.updateRevision ?? ''}`;
    if (ordinal === this.#last && revisions === this.#lastRevisions) return;
    this.#last = ordinal;
    this.#lastRevisions = revisions;
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
      replayClass(this.root, 'recreated');
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
      if (!this.#noClaim) {
        this.#noClaim = el('li', 'no-claim', 'no claim');
        this.#claimLines.length = 0;
        this.#claims.replaceChildren(this.#noClaim);
      }
      return;
    }
    if (this.#noClaim || this.#claimLines.length !== ordinal.claims.length) {
      this.#noClaim = undefined;
      this.#claimLines.length = 0;
      for (let i = 0; i < ordinal.claims.length; i++) this.#claimLines.push(new ClaimLine());
      this.#claims.replaceChildren(...this.#claimLines.map((line) => line.root));
    }
    ordinal.claims.forEach((claim, index) => this.#claimLines[index]?.update(claim));
  }
}

/** How many pod cards one update creates at most; the rest come in the following frames. */
const NEW_CARDS_PER_FRAME = 25;

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

  #last: StatefulSetView | undefined;

  /**
   * Brings the section up to date; false when some new cards were left for the next frame (at
   * most {@link NEW_CARDS_PER_FRAME} are made per call, so a scale to a hundred spreads its cards
   * over a few frames instead of stalling one).
   */
  update(set: StatefulSetView): boolean {
    // The deriver keeps a set's view object while nothing in it changed.
    if (set === this.#last) return true;
    this.#last = set;
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
    let made = 0;
    let complete = true;
    for (const ordinal of set.ordinals) {
      seen.add(ordinal.ordinal);
      let card = this.#cards.get(ordinal.ordinal);
      if (!card) {
        if (made === NEW_CARDS_PER_FRAME) {
          complete = false;
          continue;
        }
        made++;
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
    // Not done: the same view must not be skipped next time.
    if (!complete) this.#last = undefined;
    return complete;
  }
}

/** One DNS record's row. A record never changes: a changed answer is another record. */
function recordRow(record: DnsRecord): HTMLTableRowElement {
  const row = el('tr');
  row.append(
    el('td', 'mono', record.name),
    el('td', undefined, record.type),
    el('td', 'mono', record.value),
  );
  return row;
}

/** One headless Service's DNS table, its rows kept by record from frame to frame. */
class DnsTable {
  readonly table = el('table', 'dns-records');
  readonly notReady = el('p', 'muted');
  readonly #caption = el('caption');
  readonly #body = el('tbody');
  readonly #rows = new Map<string, HTMLTableRowElement>();
  readonly #none = el('tr');

  constructor() {
    const head = el('thead');
    const headRow = el('tr');
    headRow.append(
      el('th', undefined, 'Name'),
      el('th', undefined, 'Type'),
      el('th', undefined, 'Answer'),
    );
    head.append(headRow);
    const cell = el('td', 'empty', 'No ready pods: lookups fail.');
    cell.colSpan = 3;
    this.#none.append(cell);
    this.table.append(this.#caption, head, this.#body);
  }

  update(service: ServiceView): void {
    setText(this.#caption, `DNS records of service/${service.name} (headless)`);
    // A pod turning Ready adds its records in the middle of the sorted list: insert those rows
    // where they belong and leave every other row alone.
    const seen = new Set<string>();
    let previous: Element | null = null;
    for (const record of service.records) {
      let key = `${record.name} ${record.type} ${record.value}`;
      // The same record twice (never in practice) gets a row of its own, as before.
      while (seen.has(key)) key += '+';
      seen.add(key);
      let row = this.#rows.get(key);
      if (!row) {
        row = recordRow(record);
        this.#rows.set(key, row);
      }
      const expected: Element | null = previous
        ? previous.nextElementSibling
        : this.#body.firstElementChild;
      if (expected !== row) this.#body.insertBefore(row, expected);
      previous = row;
    }
    for (const [key, row] of this.#rows) {
      if (!seen.has(key)) {
        row.remove();
        this.#rows.delete(key);
      }
    }
    if (service.records.length === 0) {
      if (!this.#none.isConnected) this.#body.append(this.#none);
    } else {
      this.#none.remove();
    }
    setText(this.notReady, `Not published until Ready: ${service.notReady.join(', ')}`);
  }
}

/**
 * The headless Services' DNS records. A scale to a hundred pods is three hundred records that
 * change while pods turn Ready, so rows are kept and their text rewritten, never rebuilt.
 */
class DnsView {
  readonly #root: HTMLElement;
  readonly #tables = new Map<string, DnsTable>();
  readonly #empty = el(
    'p',
    'empty',
    'No headless Service yet: pods have no DNS names of their own.',
  );
  #last: readonly ServiceView[] | undefined;

  constructor(root: HTMLElement) {
    this.#root = root;
  }

  update(services: readonly ServiceView[]): void {
    if (services === this.#last) return;
    this.#last = services;
    const headless = services.filter((service) => service.headless);
    if (headless.length === 0) {
      this.#tables.clear();
      if (this.#root.firstChild !== this.#empty || this.#root.childNodes.length !== 1) {
        this.#root.replaceChildren(this.#empty);
      }
      return;
    }
    const parts: HTMLElement[] = [];
    const seen = new Set<string>();
    for (const service of headless) {
      seen.add(service.name);
      let table = this.#tables.get(service.name);
      if (!table) {
        table = new DnsTable();
        this.#tables.set(service.name, table);
      }
      table.update(service);
      parts.push(table.table);
      if (service.notReady.length > 0) parts.push(table.notReady);
    }
    for (const name of this.#tables.keys()) if (!seen.has(name)) this.#tables.delete(name);
    // Only when a table or a "not published" line comes or goes does the list of parts change.
    const children = this.#root.children;
    if (children.length !== parts.length || parts.some((part, i) => children[i] !== part)) {
      this.#root.replaceChildren(...parts);
    }
  }
}

/** One node's line, rewritten in place. */
class NodeLine {
  readonly root = el('li', 'node');
  readonly #name = el('span', 'node-name');
  readonly #state = el('span', 'node-state');
  readonly #pods = el('span', 'node-pods');

  constructor() {
    this.root.append(this.#name, this.#state, this.#pods);
  }

  update(node: NodeView): void {
    setData(this.root, 'ready', node.ready ? 'true' : 'false');
    const state = [
      node.ready ? 'Ready' : 'NotReady',
      node.schedulable ? undefined : 'SchedulingDisabled',
    ]
      .filter(Boolean)
      .join(',');
    setText(this.#name, node.name);
    setText(this.#state, state);
    setText(this.#pods, node.pods.length > 0 ? node.pods.join(', ') : 'no pods');
  }
}

/** The nodes and the pods bound to each, updated in place. */
class NodesView {
  readonly #list = el('ul', 'nodes');
  readonly #lines: NodeLine[] = [];
  #last: readonly NodeView[] | undefined;

  constructor(root: HTMLElement) {
    root.replaceChildren(this.#list);
  }

  update(nodes: readonly NodeView[]): void {
    if (nodes === this.#last) return;
    this.#last = nodes;
    while (this.#lines.length < nodes.length) {
      const line = new NodeLine();
      this.#lines.push(line);
      this.#list.append(line.root);
    }
    while (this.#lines.length > nodes.length) this.#lines.pop()?.root.remove();
    nodes.forEach((node, index) => this.#lines[index]?.update(node));
  }
}

const TABLE_COLUMNS = [
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
] as const;

/** One ordinal's row of the table view, rewritten in place. */
class OrdinalRow {
  readonly root = el('tr');
  readonly #cells: HTMLTableCellElement[];
  #last: OrdinalView | undefined;
  #lastSet = '';

  constructor() {
    const header = el('th');
    header.scope = 'row';
    this.#cells = [header, ...TABLE_COLUMNS.slice(1).map(() => el('td'))];
    this.root.append(...this.#cells);
  }

  update(set: StatefulSetView, ordinal: OrdinalView): void {
    if (ordinal === this.#last && set.name === this.#lastSet) return;
    this.#last = ordinal;
    this.#lastSet = set.name;
    const claim = ordinal.claims[0];
    const pod = ordinal.pod;
    const texts = [
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
    texts.forEach((text, index) => {
      const cell = this.#cells[index];
      if (cell) setText(cell, text);
    });
  }
}

/** One StatefulSet as a plain table: one row per ordinal, rows kept by ordinal. */
class OrdinalTable {
  readonly root = el('table', 'ordinal-table');
  readonly #caption = el('caption');
  readonly #body = el('tbody');
  readonly #rows = new Map<number, OrdinalRow>();

  constructor() {
    const head = el('tr');
    for (const title of TABLE_COLUMNS) {
      const cell = el('th', undefined, title);
      cell.scope = 'col';
      head.append(cell);
    }
    const thead = el('thead');
    thead.append(head);
    this.root.append(this.#caption, thead, this.#body);
  }

  update(set: StatefulSetView): void {
    setText(
      this.#caption,
      `statefulset.apps/${set.name}: ${set.readyReplicas} of ${set.desiredReplicas} ready`,
    );
    const seen = new Set<number>();
    let previous: Element | null = null;
    for (const ordinal of set.ordinals) {
      seen.add(ordinal.ordinal);
      let row = this.#rows.get(ordinal.ordinal);
      if (!row) {
        row = new OrdinalRow();
        this.#rows.set(ordinal.ordinal, row);
      }
      row.update(set, ordinal);
      const expected: Element | null = previous
        ? previous.nextElementSibling
        : this.#body.firstElementChild;
      if (expected !== row.root) this.#body.insertBefore(row.root, expected);
      previous = row.root;
    }
    for (const [ordinal, row] of this.#rows) {
      if (!seen.has(ordinal)) {
        row.root.remove();
        this.#rows.delete(ordinal);
      }
    }
  }
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
  readonly #tables = new Map<string, OrdinalTable>();
  readonly #noSets = el('p', 'empty', 'No StatefulSets yet. Apply db-cluster.yaml to create one.');
  readonly #noTable = el('p', 'empty', 'No StatefulSets yet.');
  #lastTableSets: readonly StatefulSetView[] | undefined;
  readonly #dnsView = new DnsView(this.#dns);
  readonly #nodesView = new NodesView(this.#nodes);
  #lastView: ClusterView | undefined;
  #continuation: number | undefined;

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
    if (view.statefulSets === this.#lastTableSets) return;
    this.#lastTableSets = view.statefulSets;
    const seen = new Set<string>();
    const tables = view.statefulSets.map((set) => {
      const key = `${set.namespace}/${set.name}`;
      seen.add(key);
      let table = this.#tables.get(key);
      if (!table) {
        table = new OrdinalTable();
        this.#tables.set(key, table);
      }
      table.update(set);
      return table.root;
    });
    for (const key of this.#tables.keys()) if (!seen.has(key)) this.#tables.delete(key);
    const parts = tables.length > 0 ? tables : [this.#noTable];
    const children = this.#table.children;
    if (children.length !== parts.length || parts.some((part, i) => children[i] !== part)) {
      this.#table.replaceChildren(...parts);
    }
  }

  /** Brings the DOM up to date with `view`. */
  update(view: ClusterView): void {
    timed('cluster-panel', () => this.#update(view));
  }

  /** Finishes an update that left cards for the next frame (with whatever view is latest). */
  #continueSoon(): void {
    if (this.#continuation !== undefined) return;
    this.#continuation = requestAnimationFrame(() => {
      this.#continuation = undefined;
      if (this.#lastView) this.update(this.#lastView);
    });
  }

  #update(view: ClusterView): void {
    this.#lastView = view;
    if (this.#asTable) this.#renderTable(view);
    if (this.#asTable) {
      // The cards are hidden: they catch up when the table is switched off (unchanged parts of
      // the view are skipped by identity then, as always).
    } else if (view.statefulSets.length === 0) {
      if (this.#sets.firstChild !== this.#noSets || this.#sets.childNodes.length !== 1) {
        this.#sets.replaceChildren(this.#noSets);
      }
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
        if (!section.update(set)) this.#continueSoon();
      }
      for (const [key, section] of this.#sections) {
        if (!seen.has(key)) {
          section.root.remove();
          this.#sections.delete(key);
        }
      }
    }
    // The deriver keeps the services' and nodes' lists while nothing in them changed.
    this.#dnsView.update(view.services);
    this.#nodesView.update(view.nodes);
  }
}

/**
 * The workspace's browser side, loaded only when a workspace scrolls into view (the page and its
 * prose never wait for it). It wires the editor, the simulated cluster and the views together;
 * every change to the cluster goes through kubectl.
 */
import type { TraceEntry } from '../sim/index.ts';
import { createYamlEditor } from './editor/yaml-editor.ts';
import { isDarkTheme, onThemeChange } from './theme.ts';
import { createWorkspaceSession, formatVirtualTime, prepareScenario } from './workspace.ts';
import { SCENARIOS, isScenarioId } from '../lessons/scenarios.ts';
import { ClusterPanel } from './views/cluster-panel.ts';
import { componentName, explainStatefulSets } from './stores/why.ts';
import type { ActivityLine } from './stores/cluster-store.ts';
import type { ClusterView } from './stores/cluster-view.ts';
import { TimelineChart } from './views/timeline-chart.ts';
import {
  clearWorkspace,
  loadWorkspace,
  saveWorkspace,
  type SavedWorkspace,
} from './persistence.ts';
import { packState, sharedStateIn, unpackState, SHARE_KEY } from './share.ts';
import { createTerminal } from './terminal/terminal.ts';
import { createCompleter } from '../shell/completion.ts';
import { findApiProblems } from './editor/api-problems.ts';
import { FileTabs, isFileName } from './file-tabs.ts';
import { LessonChecks } from './lesson-checks.ts';
import { kubectlThroughShell } from './checks.ts';
import { EventsList, objectLink } from './events-list.ts';
import { historyStore } from './history-store.ts';
import { IdleTask } from './idle.ts';
import { onRunRequest } from './run-request.ts';
import { showEditorProblems } from './editor/problems-view.ts';

/** How many lines "What happened" shows (a burst of 100 pods adds 200 at once). */
const ACTIVITY_SHOWN = 100;
/** How many decisions the "why" list shows. */
const DECISIONS_SHOWN = 60;
/** Real milliseconds between timeline redraws while time runs. */
const TIMELINE_INTERVAL_MS = 250;
/** Where the terminals' height is remembered. */
const TERMINAL_HEIGHT_KEY = 'sts-lab:terminal-height';
/** Real milliseconds between refreshes of the "why" answers while time runs. */
const WHY_INTERVAL_MS = 250;
/** Real milliseconds between refreshes of the events list while time runs. */
const EVENTS_INTERVAL_MS = 300;
/** Real milliseconds between saves while time runs (and after an edit). */
const SAVE_INTERVAL_MS = 3000;
/** The longest a save waits for an idle period long enough for it. */
const SAVE_MAX_WAIT_MS = 10_000;

function part<T extends Element>(root: HTMLElement, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`workspace markup lacks ${selector}`);
  return found;
}

function lineItem(atMs: number, ...content: (string | Node)[]): HTMLLIElement {
  const item = document.createElement('li');
  const time = document.createElement('span');
  time.className = 'at';
  time.textContent = formatVirtualTime(atMs);
  item.append(time, ' ', ...content);
  return item;
}

/**
 * Keeps a list showing the last `limit` items of a growing sequence, appending only what is new
 * (re-rendering a long list every frame would cost more than the simulation itself).
 */
function appendOnly<T>(list: HTMLElement, limit: number, render: (item: T) => HTMLElement) {
  let newest: T | undefined;
  return (items: readonly T[]): void => {
    const from = newest === undefined ? 0 : items.lastIndexOf(newest) + 1;
    const fresh = items.slice(Math.max(from, items.length - limit));
    if (fresh.length === 0) return;
    newest = items[items.length - 1];
    // Newest first in the DOM: the list is laid out column-reverse, so it stays scrolled to the
    // newest entry without reading layout back from the page.
    list.prepend(...fresh.map(render).reverse());
    while (list.children.length > limit) list.lastElementChild?.remove();
  };
}

/** What a share link carries. */
interface SharedWorkspace {
  readonly format: 'statefulset-lab/share@1';
  readonly file: string;
  readonly workspace: SavedWorkspace;
}

/**
 * The workspace a share link (`#share=…`) carries for this file, once the learner agrees to
 * replace their own; the fragment is removed either way, so a reload does not ask again.
 */
async function sharedWorkspace(file: string, hasOwn: boolean): Promise<SavedWorkspace | undefined> {
  const packed = sharedStateIn(location.hash);
  if (packed === undefined) return undefined;
  const shared = (await unpackState(packed)) as Partial<SharedWorkspace> | undefined;
  history.replaceState(null, '', location.pathname + location.search);
  if (shared?.format !== 'statefulset-lab/share@1' || shared.file !== file || !shared.workspace)
    return undefined;
  if (
    hasOwn &&
    !window.confirm(
      'This link carries a shared workspace. Replace your workspace on this page with it?',
    )
  ) {
    return undefined;
  }
  return shared.workspace;
}

/** Starts the workspace inside `root` (an `<sts-workspace>` element); returns its clean-up. */
export async function mountWorkspace(root: HTMLElement): Promise<() => void> {
  const file = root.dataset['file'] ?? 'manifest.yaml';
  const id = root.dataset['workspaceId'] ?? `${location.pathname}#${file}`;
  /** The lesson's starting files, by name, in tab order. */
  const originals = JSON.parse(part(root, '[data-original]').textContent ?? '{}') as Record<
    string,
    string
  >;
  const shared = await sharedWorkspace(file, loadWorkspace(id) !== undefined);
  const saved = shared ?? loadWorkspace(id);
  /*
   * The rewind history lives in IndexedDB beside the saved present. A fresh workspace, or one
   * replaced by a share link, starts a new history.
   */
  const pastStore = historyStore(id);
  if (saved === undefined || shared !== undefined) await pastStore.clear();
  const past = saved && !shared ? await pastStore.load() : [];
  const reset = part<HTMLButtonElement>(root, '[data-reset]');
  const share = part<HTMLButtonElement>(root, '[data-share]');
  const diffToggle = part<HTMLButtonElement>(root, '[data-diff]');
  const editBar = part<HTMLElement>(root, '[data-edit-bar]');
  const editTitle = part<HTMLElement>(root, '[data-edit-title]');
  const editSave = part<HTMLButtonElement>(root, '[data-edit-save]');
  const editCancel = part<HTMLButtonElement>(root, '[data-edit-cancel]');
  const resetFile = part<HTMLButtonElement>(root, '[data-reset-file]');
  const shareStatus = part<HTMLElement>(root, '[data-share-status]');
  const terminalHost = part<HTMLElement>(root, '[data-terminal]');
  const secondHost = part<HTMLElement>(root, '[data-terminal-2]');
  const secondToggle = part<HTMLButtonElement>(root, '[data-second-terminal]');
  const apply = part<HTMLButtonElement>(root, '[data-apply]');
  const play = part<HTMLButtonElement>(root, '[data-play]');
  const step = part<HTMLButtonElement>(root, '[data-step]');
  const speed = part<HTMLSelectElement>(root, '[data-speed]');
  const clock = part<HTMLElement>(root, '[data-clock]');
  const activity = part<HTMLOListElement>(root, '[data-activity]');
  const why = part<HTMLUListElement>(root, '[data-why]');
  const rewind = part<HTMLInputElement>(root, '[data-rewind]');
  const rewindLabel = part<HTMLOutputElement>(root, '[data-rewind-label]');
  const rewindStatus = part<HTMLElement>(root, '[data-rewind-status]');
  const decisions = part<HTMLOListElement>(root, '[data-decisions]');
  const eventsHost = part<HTMLOListElement>(root, '[data-events]');

  const host = document.createElement('div');
  host.className = 'monaco-host';
  // The lesson's files first, then any the learner created, as they left them.
  const startFiles = [
    ...Object.entries(originals).map(([name, text]) => ({
      name,
      text: saved?.files[name] ?? text,
    })),
    ...Object.entries(saved?.files ?? {})
      .filter(([name]) => !(name in originals) && isFileName(name))
      .map(([name, text]) => ({ name, text })),
  ];
  const editor = await createYamlEditor(host, {
    files: startFiles,
    ...(saved?.activeFile ? { active: saved.activeFile } : {}),
    dark: isDarkTheme(),
    label: (name) => `${name}, YAML editor`,
  });
  part(root, '[data-editor-host]').replaceChildren(host);
  const stopProblems = showEditorProblems(
    editor,
    part<HTMLElement>(root, '[data-problems-status]'),
    part<HTMLUListElement>(root, '[data-problems]'),
  );

  const session = createWorkspaceSession({
    seed: Number(root.dataset['seed'] ?? '1'),
    files: (name) => editor.textOf(name),
    fileNames: () => editor.files(),
    // `kubectl edit` opens the live object in this editor until the learner saves or cancels.
    edit: (object, text) =>
      new Promise<string | undefined>((resolve) => {
        const what = `${object.kind.toLowerCase()}/${object.metadata.name}`;
        editTitle.textContent = `kubectl edit ${what}: save to apply, cancel to leave it unchanged.`;
        editBar.hidden = false;
        apply.disabled = true;
        const editing = editor.editTemporarily(
          `${object.kind.toLowerCase()}-${object.metadata.name}.yaml`,
          text,
          {
            save: (saved) => {
              close();
              resolve(saved);
            },
            cancel: () => {
              close();
              resolve(undefined);
            },
          },
        );
        const close = (): void => {
          editBar.hidden = true;
          apply.disabled = false;
          editSave.onclick = null;
          editCancel.onclick = null;
        };
        editSave.onclick = () => editing.save();
        editCancel.onclick = () => editing.cancel();
      }),
    ...(saved ? { restore: { cluster: saved.cluster, store: saved } } : {}),
    history: {
      initial: past,
      listener: {
        added: (checkpoint) => pastStore.put(checkpoint),
        removed: (atMs) => pastStore.remove(atMs),
        truncatedAfter: (atMs) => pastStore.removeAfter(atMs),
      },
    },
  });

  /*
   * The whole workspace (files, cluster, history) is saved a few seconds after anything changes
   * and when the page is hidden, so a reload or a closed tab loses nothing.
   */
  let saveTimer: number | undefined;
  const snapshotWorkspace = (withTranscript: boolean): SavedWorkspace => ({
    format: 'statefulset-lab/workspace@2',
    files: Object.fromEntries(editor.files().map((name) => [name, editor.textOf(name) ?? ''])),
    activeFile: editor.active(),
    cluster: session.cluster.snapshot(),
    activity: session.store.activity.get(),
    timeline: session.store.timeline.export(),
    terminal: {
      transcript: withTranscript ? terminal.transcript() : '',
      history: terminal.history(),
    },
    secondTerminal: second !== undefined,
  });
  const saveNow = (): void => {
    window.clearTimeout(saveTimer);
    saveTimer = undefined;
    saving.cancel();
    saveWorkspace(id, snapshotWorkspace(true));
  };
  // A save serialises the whole cluster (a megabyte of JSON with a hundred pods): while time
  // runs, it waits for an idle period long enough for it rather than delaying a frame, for up to
  // SAVE_MAX_WAIT_MS. Hiding or leaving the page saves at once.
  const saving = new IdleTask({ expectedMs: 4, maxWaitMs: SAVE_MAX_WAIT_MS });
  const saveSoon = (): void => {
    saveTimer ??= window.setTimeout(() => {
      saveTimer = undefined;
      saving.schedule(saveNow);
    }, SAVE_INTERVAL_MS);
  };
  const onHide = (): void => {
    if (document.visibilityState === 'hidden') saveNow();
  };
  document.addEventListener('visibilitychange', onHide);
  window.addEventListener('pagehide', saveNow);
  /*
   * Picking a pod, claim or StatefulSet in the cluster view shows what `kubectl describe` and
   * `kubectl get -o yaml` print for it, read through kubectl like everything else.
   */
  const dialog = part<HTMLDialogElement>(root, '[data-inspect]');
  const dialogTitle = part<HTMLElement>(root, '[data-inspect-title]');
  const dialogBody = part<HTMLElement>(root, '[data-inspect-body]');
  const modeButtons = [...root.querySelectorAll<HTMLButtonElement>('[data-inspect-mode]')];
  const inspected = { describe: '', yaml: '' };
  const showMode = (mode: 'describe' | 'yaml'): void => {
    for (const button of modeButtons)
      button.setAttribute('aria-pressed', String(button.dataset['inspectMode'] === mode));
    dialogBody.textContent = inspected[mode];
  };
  for (const button of modeButtons) {
    button.addEventListener('click', () =>
      showMode(button.dataset['inspectMode'] === 'yaml' ? 'yaml' : 'describe'),
    );
  }
  part<HTMLButtonElement>(root, '[data-inspect-close]').addEventListener('click', () =>
    dialog.close(),
  );
  const inspect = async (kind: string, name: string): Promise<void> => {
    // kubectl accepts every kind's lower-case name as its resource type.
    const type = kind.toLowerCase();
    const [described, yaml] = await Promise.all([
      session.kubectl(['describe', type, name]),
      session.kubectl(['get', type, name, '-o', 'yaml']),
    ]);
    inspected.describe = `$ kubectl describe ${type} ${name}\n${described.stdout}${described.stderr}`;
    inspected.yaml = `$ kubectl get ${type} ${name} -o yaml\n${yaml.stdout}${yaml.stderr}`;
    dialogTitle.textContent = `${type}/${name}`;
    showMode('describe');
    if (!dialog.open) dialog.showModal();
  };
  const panel = new ClusterPanel(
    part(root, '[data-view]'),
    (kind, name) => void inspect(kind, name),
  );
  const timelineHost = part<HTMLElement>(root, '[data-timeline]');
  const chart = new TimelineChart(timelineHost);

  let lastChartDraw = -Infinity;
  let chartDirty = true;
  const drawChart = (): void => {
    const now = performance.now();
    if (!chartDirty && now - lastChartDraw < TIMELINE_INTERVAL_MS) return;
    if (now - lastChartDraw < TIMELINE_INTERVAL_MS && session.driver.playing.get()) return;
    lastChartDraw = now;
    chartDirty = false;
    chart.update(
      session.store.timeline.podRows(),
      session.store.timeline.claimRows(),
      session.cluster.now(),
    );
  };
  // Redraw in the next frame, not inside the observer: drawing changes the observed element's
  // size, which in the same callback is a "ResizeObserver loop" error (seen in WebKit).
  const resize = new ResizeObserver(() => {
    window.requestAnimationFrame(() => {
      chartDirty = true;
      lastChartDraw = -Infinity;
      drawChart();
    });
  });
  resize.observe(timelineHost);

  /* The lesson's checks tick themselves as the cluster (and the learner's commands) make them true. */
  // They ask through a shell of their own, so a check can also look inside a container.
  const checks = new LessonChecks(
    root,
    kubectlThroughShell(session.openShell().shell),
    saved?.terminal.history ?? [],
  );

  /*
   * The terminals' height: the learner drags a terminal's corner (CSS resize); both terminals
   * follow, and the height is remembered for every workspace.
   */
  const rememberedHeight = ((): number => {
    try {
      return Number(localStorage.getItem(TERMINAL_HEIGHT_KEY));
    } catch {
      return 0;
    }
  })();
  if (rememberedHeight >= 100) root.style.setProperty('--terminal-height', `${rememberedHeight}px`);
  /*
   * Narrow workspaces show one part at a time, so the tabs of the hidden parts say what happens
   * in them: a dot when the terminal printed or the cluster changed since the learner last looked,
   * and on the Cluster tab how many of the StatefulSets' pods are ready. Pressing Apply in the
   * editor thus visibly starts something elsewhere.
   */
  const paneTab = (pane: string): HTMLButtonElement | null =>
    root.querySelector<HTMLButtonElement>(`[data-pane-tab="${pane}"]`);
  const setUnread = (tab: HTMLButtonElement, unread: boolean): void => {
    if ((tab.dataset['unread'] !== undefined) === unread) return;
    if (unread) tab.dataset['unread'] = '';
    else delete tab.dataset['unread'];
    const text = tab.querySelector('[data-pane-unread]');
    if (text) text.textContent = unread ? ' (updated)' : '';
  };
  // Off while the workspace sets itself up (the terminal prints its first prompt, a saved
  // transcript comes back): only what happens afterwards is news.
  let markChanges = false;
  const changedIn = (pane: 'terminal' | 'cluster'): void => {
    if (!markChanges || root.dataset['pane'] === pane) return;
    const tab = paneTab(pane);
    if (tab) setUnread(tab, true);
  };
  const clusterBadge = root.querySelector<HTMLElement>('[data-pane-badge]');
  const showClusterBadge = (view: ClusterView): void => {
    let ready = 0;
    let desired = 0;
    for (const set of view.statefulSets) {
      ready += set.readyReplicas;
      desired += set.desiredReplicas;
    }
    const count = view.statefulSets.length === 0 ? '' : `${ready}/${desired}`;
    if (!clusterBadge || clusterBadge.dataset['count'] === count) return;
    clusterBadge.dataset['count'] = count;
    // "2/3" on screen (it fits a phone's tab), "2/3 ready" for screen readers.
    const word = document.createElement('span');
    word.className = 'visually-hidden';
    word.textContent = ' ready';
    if (count === '') clusterBadge.replaceChildren();
    else clusterBadge.replaceChildren(count, word);
  };
  showClusterBadge(session.store.view.get());
  // Narrow workspaces show one part at a time: lay the editor out as soon as it is shown again,
  // instead of waiting for Monaco to notice (it shows at 5×5 px for a moment in WebKit).
  const paneWatch = new MutationObserver(() => {
    if (root.dataset['pane'] === 'editor') window.requestAnimationFrame(() => editor.layout());
    const shown = paneTab(root.dataset['pane'] ?? 'editor');
    if (shown) setUnread(shown, false);
  });
  paneWatch.observe(root, { attributes: true, attributeFilter: ['data-pane'] });
  const heightWatch = new ResizeObserver((entries) => {
    window.requestAnimationFrame(() => rememberHeights(entries));
  });
  const rememberHeights = (entries: readonly ResizeObserverEntry[]): void => {
    for (const entry of entries) {
      const host = entry.target as HTMLElement;
      if (host.style.height === '') continue; // not resized by hand
      const height = Math.round(parseFloat(host.style.height));
      host.style.height = '';
      root.style.setProperty('--terminal-height', `${height}px`);
      try {
        localStorage.setItem(TERMINAL_HEIGHT_KEY, String(height));
      } catch {
        // Not remembered, still applied.
      }
    }
  };
  heightWatch.observe(terminalHost);
  heightWatch.observe(secondHost);

  terminalHost.replaceChildren();
  const terminal = createTerminal(terminalHost, {
    shell: session.shell,
    waiter: session.waiter,
    completer: createCompleter({ cluster: session.cluster, files: () => editor.files() }),
    dark: isDarkTheme(),
    ...(saved ? { history: saved.terminal.history, transcript: saved.terminal.transcript } : {}),
    onOutput: () => changedIn('terminal'),
    onCommandDone: (line, exitCode) => {
      // A `ran` check asks for a command that worked, not one that was only typed.
      if (exitCode === 0) checks.commandRan(line);
      saveNow();
      // What the server accepts depends on what exists now (immutable fields of a live object).
      checkSoon();
    },
  });
  /*
   * The second terminal: the Kubernetes tutorials ask for two, one running
   * `kubectl get pods -w` while the other changes the cluster. It opens with that watch running.
   */
  let second: ReturnType<typeof createTerminal> | undefined;
  const openSecond = (): void => {
    if (second) return;
    const { shell, waiter } = session.openShell();
    secondHost.hidden = false;
    secondHost.replaceChildren();
    root.classList.add('two-terminals');
    second = createTerminal(secondHost, {
      shell,
      waiter,
      completer: createCompleter({ cluster: session.cluster, files: () => editor.files() }),
      dark: isDarkTheme(),
      history: terminal.history(),
      onCommandDone: (line, exitCode) => {
        if (exitCode === 0) checks.commandRan(line);
      },
    });
    second.run('kubectl get pods -w -l app=database');
    secondToggle.textContent = 'Close the second terminal';
    secondToggle.setAttribute('aria-expanded', 'true');
  };
  const closeSecond = (): void => {
    if (!second) return;
    second.dispose();
    second = undefined;
    secondHost.hidden = true;
    root.classList.remove('two-terminals');
    secondToggle.textContent = 'Open a second terminal';
    secondToggle.setAttribute('aria-expanded', 'false');
  };
  secondToggle.addEventListener('click', () => {
    if (second) closeSecond();
    else openSecond();
    saveSoon();
  });
  if (saved?.secondTerminal) openSecond();

  /*
   * Going back in time: the slider (or a click on the timeline) picks a moment; the session
   * restores the cluster as it was then. While the learner drags, the slider follows their hand,
   * not the clock.
   */
  let dragging = false;
  const goBack = (atMs: number): void => {
    const target = Math.round(atMs);
    if (!session.rewindTo(target)) return;
    chartDirty = true;
    lastChartDraw = -Infinity;
    drawChart();
    rewindStatus.textContent = `Back at ${formatVirtualTime(target)}: the cluster is as it was then. Press Play to go on, or change something to start a new history.`;
    saveNow();
  };
  rewind.addEventListener('input', () => {
    dragging = true;
    rewindLabel.value = formatVirtualTime(Number(rewind.value));
  });
  rewind.addEventListener('change', () => {
    dragging = false;
    goBack(Number(rewind.value));
  });
  timelineHost.addEventListener('click', (event) => {
    const atMs = chart.timeAt(event.clientX);
    if (atMs !== undefined && atMs < session.cluster.now()) goBack(atMs);
  });

  /*
   * Share: the workspace (files, cluster, history; not the terminal's output) packed into the
   * link's fragment, which browsers never send to a server.
   */
  share.addEventListener('click', () => {
    void (async () => {
      const shared: SharedWorkspace = {
        format: 'statefulset-lab/share@1',
        file,
        workspace: snapshotWorkspace(false),
      };
      const link = `${location.origin}${location.pathname}#${SHARE_KEY}=${await packState(shared)}`;
      const size = `${Math.ceil(link.length / 1024)} KB`;
      try {
        await navigator.clipboard.writeText(link);
        shareStatus.textContent = `Link copied (${size}). Whoever opens it gets this workspace, in their own browser.`;
      } catch {
        // No clipboard (an insecure context, or permission refused): offer the link to copy by hand.
        const field = document.createElement('input');
        field.readOnly = true;
        field.value = link;
        field.setAttribute('aria-label', 'Share link');
        shareStatus.replaceChildren(`Copy this link (${size}): `, field);
        field.select();
      }
    })();
  });

  /* The file against the lesson's starting version, and a reset of just the file (undoable). */
  diffToggle.addEventListener('click', () => {
    const original = originals[editor.active()];
    const on = diffToggle.getAttribute('aria-pressed') !== 'true' && original !== undefined;
    diffToggle.setAttribute('aria-pressed', String(on));
    editor.showDiff(on ? original : undefined);
  });
  resetFile.addEventListener('click', () => {
    const original = originals[editor.active()];
    if (original !== undefined) editor.setValue(original);
  });

  const tabs = new FileTabs(root, editor, originals, () => {
    diffToggle.setAttribute('aria-pressed', 'false');
    const fromLesson = editor.active() in originals;
    diffToggle.disabled = !fromLesson;
    resetFile.disabled = !fromLesson;
    checkSoon();
    saveSoon();
  });

  const clockPrecision = (): 'tenths' | 'ms' => (session.driver.playing.get() ? 'tenths' : 'ms');
  /** Runs a command in the terminal, visibly, as if typed. */
  const runCommand = (line: string): void => {
    // A watch may be running in the terminal: end it first, as the learner would with Ctrl-C.
    if (terminal.busy()) session.waiter.interrupt();
    terminal.run(line);
  };
  /**
   * Apply runs `kubectl apply -f <file>` for the file shown, in the terminal; where the workspace
   * shows one part at a time, the terminal is brought up so the command is seen to run.
   */
  const runApply = (): void => {
    const terminalTab = paneTab('terminal');
    const tabsShown = terminalTab !== null && terminalTab.offsetParent !== null;
    terminalTab?.click();
    // The editor (and the Apply button) just went out of sight: keep the keyboard in the tabs.
    if (tabsShown && root.querySelector('.ws-editor')?.contains(document.activeElement))
      terminalTab.focus();
    runCommand(`kubectl apply -f ${editor.active()}`);
  };
  /** A lesson's Run button: the command runs where the learner can see it. */
  const runFromLesson = (line: string): void => {
    root.querySelector<HTMLButtonElement>('[data-pane-tab="terminal"]')?.click();
    terminalHost.scrollIntoView({ block: 'nearest' });
    runCommand(line);
  };

  /*
   * The simulated API server checks the file as the learner types (a dry run that changes
   * nothing), so what `kubectl apply` would refuse is underlined before they press Apply.
   */
  let checkTimer: number | undefined;
  const checkSoon = (): void => {
    window.clearTimeout(checkTimer);
    checkTimer = window.setTimeout(() => {
      editor.setApiProblems(
        findApiProblems(editor.getValue(), (object) => session.cluster.validate(object)),
      );
    }, 400);
  };
  checkSoon();

  const showActivity = appendOnly<ActivityLine>(activity, ACTIVITY_SHOWN, (line) =>
    lineItem(line.atMs, line.text),
  );
  const pick = (kind: string, name: string): void => void inspect(kind, name);
  const showDecisions = appendOnly<TraceEntry>(decisions, DECISIONS_SHOWN, (entry) => {
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = componentName(entry.component);
    const item = lineItem(
      entry.time,
      who,
      ' ',
      objectLink(entry.object.kind, entry.object.name, pick),
      ` ${entry.message}`,
    );
    item.dataset['verdict'] = entry.verdict;
    return item;
  });
  let lastWhy = '';

  /*
   * Kubernetes Events and the decisions log: refreshed a few times a second at most, and only
   * while they are on screen (they are not live regions; scrolled away, they catch up when they
   * come back). "What happened" is the live narration and always follows.
   */
  let logsVisible = true;
  const events = new EventsList(eventsHost, pick);
  let eventsTimer: number | undefined;
  const eventsSoon = (): void => {
    if (!logsVisible) return;
    eventsTimer ??= window.setTimeout(() => {
      eventsTimer = undefined;
      events.update(session.cluster.events());
    }, EVENTS_INTERVAL_MS);
  };
  events.update(session.cluster.events());
  const logsWatch = new IntersectionObserver(
    (entries) => {
      logsVisible = entries.some((entry) => entry.isIntersecting);
      if (!logsVisible) return;
      eventsSoon();
      showDecisions(session.store.decisions.get());
    },
    { rootMargin: '200px' },
  );
  logsWatch.observe(part(root, '.ws-lower'));

  /* The "why" answers: recomputed a few times a second at most while the cluster changes. */
  let whyTimer: number | undefined;
  const showWhy = (): void => {
    const value = session.store.view.get();
    const answers = explainStatefulSets(value.statefulSets, session.store.decisions.get());
    const key = answers.map((answer) => answer.text).join('\n');
    if (key === lastWhy) return;
    lastWhy = key;
    why.replaceChildren(
      ...(answers.length === 0
        ? [
            Object.assign(document.createElement('li'), {
              textContent: 'Nothing to explain yet: apply a StatefulSet.',
            }),
          ]
        : answers.map((answer) => {
            const item = document.createElement('li');
            item.dataset['settled'] = String(answer.settled);
            item.textContent = answer.text;
            return item;
          })),
    );
  };
  const whySoon = (): void => {
    whyTimer ??= window.setTimeout(() => {
      whyTimer = undefined;
      showWhy();
    }, WHY_INTERVAL_MS);
  };

  const cleanups: (() => void)[] = [
    session.store.view.subscribe((value) => {
      panel.update(value);
      whySoon();
    }),
    () => window.clearTimeout(whyTimer),
    session.store.activity.subscribe(showActivity),
    session.store.view.listen((view) => {
      showClusterBadge(view);
      changedIn('cluster');
    }),
    session.store.view.listen(saveSoon),
    session.store.view.listen(() => checks.evaluateSoon()),
    session.store.view.listen(eventsSoon),
    () => window.clearTimeout(eventsTimer),
    () => checks.dispose(),
    editor.onDidChange(saveSoon),
    editor.onDidChange((name) => {
      if (name === editor.active()) checkSoon();
    }),
    () => tabs.dispose(),
    () => window.clearTimeout(checkTimer),
    session.store.decisions.subscribe((entries) => {
      if (logsVisible) showDecisions(entries);
    }),
    () => logsWatch.disconnect(),
    // Paused, the clock shows milliseconds: the events a step goes through are often closer
    // together than the tenth of a second it shows while time runs.
    session.driver.playing.listen(() => {
      clock.textContent = formatVirtualTime(session.driver.now.get(), clockPrecision());
    }),
    session.driver.now.subscribe((now) => {
      clock.textContent = formatVirtualTime(now, clockPrecision());
      drawChart();
      if (!dragging) {
        rewind.min = String(session.history.earliest ?? 0);
        rewind.max = String(now);
        rewind.value = String(now);
        rewindLabel.value = formatVirtualTime(now);
      }
    }),
    session.store.timelineVersion.listen(() => {
      chartDirty = true;
      drawChart();
    }),
    session.driver.playing.subscribe((playing) => {
      play.textContent = playing ? 'Pause' : 'Play';
      play.setAttribute('aria-pressed', String(playing));
      chartDirty = true;
      drawChart();
    }),
    editor.onRunShortcut(runApply),
    onRunRequest(runFromLesson),
    onThemeChange(() => {
      editor.setDark(isDarkTheme());
      terminal.setDark(isDarkTheme());
      second?.setDark(isDarkTheme());
    }),
    () => terminal.dispose(),
    () => second?.dispose(),
    () => resize.disconnect(),
    () => chart.dispose(),
    () => heightWatch.disconnect(),
    () => paneWatch.disconnect(),
    stopProblems,
    () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', saveNow);
      window.clearTimeout(saveTimer);
      saving.cancel();
    },
  ];
  reset.addEventListener('click', () => {
    if (
      !window.confirm(
        'Reset this workspace? Your edits, the cluster and this lesson’s checks start over.',
      )
    )
      return;
    window.removeEventListener('pagehide', saveNow);
    document.removeEventListener('visibilitychange', onHide);
    window.clearTimeout(saveTimer);
    saving.cancel();
    clearWorkspace(id);
    checks.reset();
    void pastStore.clear().finally(() => location.reload());
  });
  apply.addEventListener('click', runApply);
  play.addEventListener('click', () => {
    if (session.driver.playing.get()) session.driver.pause();
    else session.driver.play();
  });
  step.addEventListener('click', () => session.driver.step());
  speed.addEventListener('change', () => session.driver.setSpeed(Number(speed.value)));
  for (const control of [
    apply,
    play,
    step,
    speed,
    reset,
    secondToggle,
    rewind,
    share,
    diffToggle,
    resetFile,
  ])
    control.disabled = false;
  tabs.enable();
  session.driver.play();
  /* A fresh lesson workspace starts from the lesson's scenario (db-cluster already running …). */
  const scenario = root.dataset['scenario'] ?? 'empty-cluster';
  if (!saved && isScenarioId(scenario) && SCENARIOS[scenario].commands.length > 0) {
    const note = await prepareScenario(session, SCENARIOS[scenario]);
    terminal.run(
      note ??
        '# This lesson wanted a prepared cluster, but setting it up failed: the cluster is as it came out.',
    );
  }
  root.dataset['ready'] = '';
  // The scenario's note above lands in the terminal asynchronously: start marking after it.
  window.setTimeout(() => (markChanges = true), 0);
  const pending = (root as HTMLElement & { pendingRuns?: string[] }).pendingRuns ?? [];
  for (const line of pending.splice(0)) runFromLesson(line);

  return () => {
    for (const cleanup of cleanups) cleanup();
    session.dispose();
    editor.dispose();
  };
}

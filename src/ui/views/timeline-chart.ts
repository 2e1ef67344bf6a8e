import type {
  ClaimPhaseBand,
  Life,
  PodPhaseBand,
  Segment,
  TimelineRow,
} from '../stores/timeline.ts';
import { timed } from '../stores/timing.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
const ROW_HEIGHT = 16;
const ROW_GAP = 5;
const LABEL_WIDTH = 190;
const AXIS_HEIGHT = 22;
/** The narrowest a bar is drawn, in pixels, so an instant still shows. */
const MIN_BAR_PX = 1.5;
/** How many new rows one redraw adds at most; the rest follow in the next frames. */
const NEW_ROWS_PER_FRAME = 50;
/** The shortest span the chart shows, so the first seconds are not stretched across the page. */
const MIN_SPAN_MS = 30_000;
const TICK_STEPS_MS = [
  1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000,
  3_600_000,
];

/** The state names shown in the legend, in lifecycle order. */
export const POD_BANDS: readonly PodPhaseBand[] = [
  'Pending',
  'Creating',
  'Running',
  'Ready',
  'Failing',
  'Terminating',
];
/** Claim states shown in the legend. */
export const CLAIM_BANDS: readonly ClaimPhaseBand[] = ['Pending', 'Bound', 'Terminating'];

/** `m:ss` for axis labels. */
function shortTime(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

/** Sets an attribute only when its value changed (an unchanged SVG stays clean for layout). */
function attr(node: Element, name: string, value: string): void {
  if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

/** Rounds to hundredths, so attribute strings do not churn on floating-point noise. */
const round = (value: number): string => String(Math.round(value * 100) / 100);

/** A bar's tooltip: `db-cluster-0: Ready from 0:12 to 0:40`. */
function tooltip(name: string, segment: Segment<string>): string {
  return `${name}: ${segment.state} from ${shortTime(segment.from)}${segment.to === undefined ? '' : ` to ${shortTime(segment.to)}`}`;
}

/** A drawn bar: the rect and what it was last drawn from. */
interface Bar {
  readonly rect: SVGRectElement;
  /** The end the bar was drawn with (undefined while the state lasts). */
  to: number | undefined;
  /** The width it was drawn with, in virtual milliseconds. */
  width: number;
}

/** A drawn row: its label, its group of bars (in time units) and each life's drawn parts. */
interface DrawnRow {
  readonly label: SVGTextElement;
  readonly group: SVGGElement;
  readonly bars: Map<Segment<string>, Bar>;
  readonly ends: Map<Life<string>, SVGLineElement>;
  index: number;
}

/**
 * Draws every pod's and claim's life as bars over virtual time: one row per name, one bar per
 * life (a recreated pod starts a new bar on the same row), coloured by state. Ordered creation is
 * a staircase going down, a scale-down a staircase of bar ends going up.
 *
 * Redrawing is incremental, because with a hundred pods the chart has hundreds of rows and bars
 * while time runs: bars are drawn in virtual milliseconds inside one group whose transform maps
 * time to pixels, so as time goes on only that transform, the open bars' widths, the axis and
 * the bars created since the last redraw change. Nothing reads layout while drawing (the width
 * comes from a ResizeObserver).
 */
export class TimelineChart {
  readonly #root: HTMLElement;
  readonly #svg: SVGSVGElement;
  readonly #axis: SVGGElement;
  readonly #labels: SVGGElement;
  readonly #bars: SVGGElement;
  readonly #now: SVGLineElement;
  readonly #rows = new Map<string, DrawnRow>();
  /** What each bar's tooltip tells; its `<title>` is made when a pointer first comes over it. */
  readonly #tips = new WeakMap<Element, { name: string; segment: Segment<string> }>();
  readonly #resize: ResizeObserver | undefined;
  readonly #intersection: IntersectionObserver | undefined;
  /** Whether the chart is (near) the viewport; until the browser says, assume it is. */
  #visible = true;
  /** What the chart was last drawn from, to finish the drawing when it comes into view. */
  #last:
    | [readonly TimelineRow<PodPhaseBand>[], readonly TimelineRow<ClaimPhaseBand>[], number]
    | undefined;
  #width: number | undefined;
  /** The virtual time bars are drawn relative to (x = 0 in the bars' group). */
  #origin: number | undefined;
  #axisKey = '';
  #continuation: number | undefined;
  /** The drawn time range and width, to turn a click into a moment. */
  #scale: { start: number; span: number; chartWidth: number } | undefined;

  constructor(root: HTMLElement) {
    this.#root = root;
    this.#svg = svg('svg', { role: 'img', class: 'timeline-svg' });
    this.#axis = svg('g', { class: 'axis' });
    this.#labels = svg('g', { class: 'labels' });
    this.#bars = svg('g', { class: 'bars' });
    this.#now = svg('line', { class: 'now' });
    this.#svg.append(this.#axis, this.#labels, this.#bars, this.#now);
    root.replaceChildren(this.#svg);
    // Hundreds of bars: their tooltips are written only for the bars a pointer reaches.
    this.#svg.addEventListener('pointerover', (event) => {
      const target = event.target;
      if (!(target instanceof SVGRectElement) || target.firstElementChild) return;
      const tip = this.#tips.get(target);
      if (!tip) return;
      const title = svg('title', {});
      title.textContent = tooltip(tip.name, tip.segment);
      target.append(title);
    });
    if (typeof ResizeObserver === 'function') {
      // Read the width when the browser has just laid out anyway, never in the middle of a frame.
      this.#resize = new ResizeObserver(() => (this.#width = this.#root.clientWidth));
      this.#resize.observe(root);
    }
    if (typeof IntersectionObserver === 'function') {
      this.#intersection = new IntersectionObserver(
        (entries) => {
          const visible = entries.some((entry) => entry.isIntersecting);
          const appeared = visible && !this.#visible;
          this.#visible = visible;
          if (appeared && this.#last) this.update(...this.#last);
        },
        { rootMargin: '200px 0px' },
      );
      this.#intersection.observe(root);
    }
  }

  /** The virtual moment under a pointer at `clientX`, or undefined left of the bars. */
  timeAt(clientX: number): number | undefined {
    const scale = this.#scale;
    if (!scale) return undefined;
    const box = this.#svg.getBoundingClientRect();
    const ratio = box.width > 0 ? this.#svg.viewBox.baseVal.width / box.width : 1;
    const offset = (clientX - box.left) * ratio - LABEL_WIDTH;
    if (offset < 0) return undefined;
    return scale.start + (offset / scale.chartWidth) * scale.span;
  }

  /** Finishes, in the next frame, a redraw that left rows for later. */
  #continueSoon(): void {
    if (this.#continuation !== undefined) return;
    this.#continuation = requestAnimationFrame(() => {
      this.#continuation = undefined;
      if (this.#last) this.update(...this.#last);
    });
  }

  /** Stops watching the host's size and visibility. */
  dispose(): void {
    this.#resize?.disconnect();
    this.#intersection?.disconnect();
    if (this.#continuation !== undefined) cancelAnimationFrame(this.#continuation);
  }

  /** Redraws the chart up to virtual time `now`. */
  update(
    pods: readonly TimelineRow<PodPhaseBand>[],
    claims: readonly TimelineRow<ClaimPhaseBand>[],
    now: number,
  ): void {
    this.#last = [pods, claims, now];
    timed('timeline', () => this.#update(pods, claims, now));
  }

  #update(
    pods: readonly TimelineRow<PodPhaseBand>[],
    claims: readonly TimelineRow<ClaimPhaseBand>[],
    now: number,
  ): void {
    const rows: readonly TimelineRow<string>[] = [...pods, ...claims];
    this.#width ??= this.#root.clientWidth;
    const width = Math.max(this.#width, 480);
    const chartWidth = width - LABEL_WIDTH - 8;
    const height = AXIS_HEIGHT + rows.length * (ROW_HEIGHT + ROW_GAP) + 4;
    let start = Infinity;
    for (const row of rows)
      for (const life of row.lives) start = Math.min(start, life.segments[0]?.from ?? Infinity);
    if (!Number.isFinite(start)) start = now;
    const span = Math.max(now - start, MIN_SPAN_MS);
    const perMs = chartWidth / span;
    const x = (t: number): number => LABEL_WIDTH + (t - start) * perMs;
    this.#scale = { start, span, chartWidth };

    if (this.#origin !== start) {
      // Bars are drawn relative to the first moment; a different first moment (a rewind that
      // imported another history) redraws them all.
      this.#origin = start;
      this.#rows.clear();
      this.#labels.replaceChildren();
      this.#bars.replaceChildren();
    }
    const origin = start;
    const minWidth = round(MIN_BAR_PX / perMs);
    const minWidthMs = Number(minWidth);

    const axisKey = `${start} ${span} ${width} ${height}`;
    if (axisKey !== this.#axisKey) {
      this.#axisKey = axisKey;
      const ticks: SVGElement[] = [];
      const step = TICK_STEPS_MS.find((candidate) => span / candidate <= 8) ?? 3_600_000;
      for (let t = Math.ceil(start / step) * step; t <= start + span; t += step) {
        ticks.push(
          svg('line', { x1: x(t), x2: x(t), y1: AXIS_HEIGHT - 4, y2: height, class: 'tick' }),
        );
        const label = svg('text', {
          x: x(t),
          y: 12,
          class: 'tick-label',
          'text-anchor': 'middle',
        });
        label.textContent = shortTime(t);
        ticks.push(label);
      }
      this.#axis.replaceChildren(...ticks);
    }
    // Time → pixels for every bar at once (bars are drawn in milliseconds after `origin`).
    attr(this.#bars, 'transform', `translate(${LABEL_WIDTH} 0) scale(${perMs} 1)`);

    const seen = new Set<string>();
    let previousLabel: Element | null = null;
    let previousGroup: Element | null = null;
    let made = 0;
    rows.forEach((row, index) => {
      const key = `${row.kind}/${row.name}`;
      seen.add(key);
      let drawn = this.#rows.get(key);
      if (!drawn) {
        // A scale to a hundred brings two hundred rows at once: draw some now, the rest next frame.
        if (made === NEW_ROWS_PER_FRAME) {
          this.#continueSoon();
          return;
        }
        made++;
        const label = svg('text', {
          x: LABEL_WIDTH - 8,
          class: `row-label row-${row.kind}`,
          'text-anchor': 'end',
        });
        label.textContent = row.name;
        drawn = { label, group: svg('g', {}), bars: new Map(), ends: new Map(), index: -1 };
        this.#rows.set(key, drawn);
      }
      const y = AXIS_HEIGHT + index * (ROW_HEIGHT + ROW_GAP);
      if (drawn.index !== index) {
        drawn.index = index;
        attr(drawn.label, 'y', String(y + ROW_HEIGHT - 4));
        attr(drawn.group, 'transform', `translate(0 ${y})`);
      }
      // Keep the DOM in row order (new pods' rows go before the claims').
      const expectedLabel: Element | null = previousLabel
        ? previousLabel.nextElementSibling
        : this.#labels.firstElementChild;
      if (expectedLabel !== drawn.label) this.#labels.insertBefore(drawn.label, expectedLabel);
      previousLabel = drawn.label;
      const expectedGroup: Element | null = previousGroup
        ? previousGroup.nextElementSibling
        : this.#bars.firstElementChild;
      if (expectedGroup !== drawn.group) this.#bars.insertBefore(drawn.group, expectedGroup);
      previousGroup = drawn.group;
      this.#drawRow(row, drawn, origin, now, minWidth, minWidthMs);
    });
    for (const [key, drawn] of this.#rows) {
      if (!seen.has(key)) {
        drawn.label.remove();
        drawn.group.remove();
        this.#rows.delete(key);
      }
    }

    const nowX = String(x(now));
    attr(this.#now, 'x1', nowX);
    attr(this.#now, 'x2', nowX);
    attr(this.#now, 'y1', String(AXIS_HEIGHT - 4));
    attr(this.#now, 'y2', String(height));
    attr(this.#svg, 'viewBox', `0 0 ${width} ${height}`);
    attr(this.#svg, 'width', String(width));
    attr(this.#svg, 'height', String(height));
    attr(
      this.#svg,
      'aria-label',
      rows.length === 0
        ? 'Timeline: nothing has happened yet.'
        : `Timeline of ${pods.length} pods and ${claims.length} claims from ${shortTime(start)} to ${shortTime(now)}.`,
    );
  }

  /** Brings one row's bars and life ends up to date: new ones are added, open ones stretched. */
  #drawRow(
    row: TimelineRow<string>,
    drawn: DrawnRow,
    origin: number,
    now: number,
    minWidth: string,
    minWidthMs: number,
  ): void {
    const kind = row.kind === 'Pod' ? 'pod' : 'claim';
    let count = 0;
    for (const life of row.lives) {
      for (const segment of life.segments) {
        count++;
        let bar = drawn.bars.get(segment);
        if (!bar) {
          const rect = svg('rect', {
            x: segment.from - origin,
            y: 0,
            height: ROW_HEIGHT,
            class: `band band-${kind}-${segment.state}`,
          });
          bar = { rect, to: -1, width: NaN };
          this.#tips.set(rect, { name: row.name, segment });
          drawn.bars.set(segment, bar);
          drawn.group.append(rect);
        }
        const changed = bar.to !== segment.to;
        if (changed) {
          bar.to = segment.to;
          const title = bar.rect.firstElementChild;
          if (title) title.textContent = tooltip(row.name, segment);
        }
        // Scrolled out of view, open bars are not stretched on every redraw (with a hundred pods
        // that is hundreds of attribute writes); they catch up when the chart comes into view.
        if (!changed && !this.#visible && !Number.isNaN(bar.width)) continue;
        const length = (segment.to ?? now) - segment.from;
        const width = length >= minWidthMs ? length : minWidthMs;
        if (width !== bar.width) {
          bar.width = width;
          bar.rect.setAttribute('width', length >= minWidthMs ? String(length) : minWidth);
        }
      }
      if (life.end !== undefined && !drawn.ends.has(life)) {
        const end = svg('line', {
          x1: life.end - origin,
          x2: life.end - origin,
          y1: -2,
          y2: ROW_HEIGHT + 2,
          class: 'life-end',
        });
        drawn.ends.set(life, end);
        drawn.group.append(end);
      }
    }
    // Bars whose segments are gone (only after the recorder replaced its data): start the row over.
    if (count !== drawn.bars.size) {
      drawn.bars.clear();
      drawn.ends.clear();
      drawn.group.replaceChildren();
      this.#drawRow(row, drawn, origin, now, minWidth, minWidthMs);
    }
  }
}

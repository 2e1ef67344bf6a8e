import type { ClaimPhaseBand, PodPhaseBand, TimelineRow } from '../stores/timeline.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
const ROW_HEIGHT = 16;
const ROW_GAP = 5;
const LABEL_WIDTH = 190;
const AXIS_HEIGHT = 22;
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

/**
 * Draws every pod's and claim's life as bars over virtual time: one row per name, one bar per
 * life (a recreated pod starts a new bar on the same row), coloured by state. Ordered creation is
 * a staircase going down, a scale-down a staircase of bar ends going up.
 */
export class TimelineChart {
  readonly #root: HTMLElement;
  readonly #svg: SVGSVGElement;
  /** The drawn time range and width, to turn a click into a moment. */
  #scale: { start: number; span: number; chartWidth: number } | undefined;

  constructor(root: HTMLElement) {
    this.#root = root;
    this.#svg = svg('svg', { role: 'img', class: 'timeline-svg' });
    root.replaceChildren(this.#svg);
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

  /** Redraws the chart up to virtual time `now`. */
  update(
    pods: readonly TimelineRow<PodPhaseBand>[],
    claims: readonly TimelineRow<ClaimPhaseBand>[],
    now: number,
  ): void {
    const rows: readonly TimelineRow<string>[] = [...pods, ...claims];
    const width = Math.max(this.#root.clientWidth, 480);
    const chartWidth = width - LABEL_WIDTH - 8;
    const height = AXIS_HEIGHT + rows.length * (ROW_HEIGHT + ROW_GAP) + 4;
    let start = Infinity;
    for (const row of rows)
      for (const life of row.lives) start = Math.min(start, life.segments[0]?.from ?? Infinity);
    if (!Number.isFinite(start)) start = now;
    const span = Math.max(now - start, MIN_SPAN_MS);
    const x = (t: number): number => LABEL_WIDTH + ((t - start) / span) * chartWidth;
    this.#scale = { start, span, chartWidth };

    const children: SVGElement[] = [];
    const step = TICK_STEPS_MS.find((candidate) => span / candidate <= 8) ?? 3_600_000;
    for (let t = Math.ceil(start / step) * step; t <= start + span; t += step) {
      children.push(
        svg('line', { x1: x(t), x2: x(t), y1: AXIS_HEIGHT - 4, y2: height, class: 'tick' }),
      );
      const label = svg('text', { x: x(t), y: 12, class: 'tick-label', 'text-anchor': 'middle' });
      label.textContent = shortTime(t);
      children.push(label);
    }
    rows.forEach((row, index) => {
      const y = AXIS_HEIGHT + index * (ROW_HEIGHT + ROW_GAP);
      const label = svg('text', {
        x: LABEL_WIDTH - 8,
        y: y + ROW_HEIGHT - 4,
        class: `row-label row-${row.kind}`,
        'text-anchor': 'end',
      });
      label.textContent = row.name;
      children.push(label);
      for (const life of row.lives) {
        for (const segment of life.segments) {
          const from = x(segment.from);
          const to = x(segment.to ?? now);
          const rect = svg('rect', {
            x: from,
            y,
            width: Math.max(to - from, 1.5),
            height: ROW_HEIGHT,
            class: `band band-${row.kind === 'Pod' ? 'pod' : 'claim'}-${segment.state}`,
          });
          const title = svg('title', {});
          title.textContent = `${row.name}: ${segment.state} from ${shortTime(segment.from)}${segment.to === undefined ? '' : ` to ${shortTime(segment.to)}`}`;
          rect.append(title);
          children.push(rect);
        }
        if (life.end !== undefined) {
          children.push(
            svg('line', {
              x1: x(life.end),
              x2: x(life.end),
              y1: y - 2,
              y2: y + ROW_HEIGHT + 2,
              class: 'life-end',
            }),
          );
        }
      }
    });
    children.push(
      svg('line', { x1: x(now), x2: x(now), y1: AXIS_HEIGHT - 4, y2: height, class: 'now' }),
    );

    this.#svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    this.#svg.setAttribute('width', String(width));
    this.#svg.setAttribute('height', String(height));
    this.#svg.setAttribute(
      'aria-label',
      rows.length === 0
        ? 'Timeline: nothing has happened yet.'
        : `Timeline of ${pods.length} pods and ${claims.length} claims from ${shortTime(start)} to ${shortTime(now)}.`,
    );
    this.#svg.replaceChildren(...children);
  }
}

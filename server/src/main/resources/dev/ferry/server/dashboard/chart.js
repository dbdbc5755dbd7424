// The runs-over-time chart of the flow runs page: one bar per interval of the API's run history,
// stacked by state in the states' colours. Clicking a bar hands its interval to the page.
import {STATE_TYPES, stateLabel} from './ui.js';

// uPlot reads the browser's locale as it loads, and throws on one Intl does not take (en-US@posix, say):
// then the chart is missing, its list of bars stays, and the rest of the page works.
const uPlot = await import('uplot').then(module => module.default, error => {
  console.warn('The runs chart cannot be drawn:', error);
  return null;
});

/** Whether the chart can be drawn in this browser. */
export const drawable = uPlot !== null;

const HEIGHT = 160;
/** Bar widths in seconds, from a minute to a week. */
const WIDTHS = [60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 604800];

/**
 * The time the page shows, in bars of about a 48th of it: the filter's From and To; without them
 * the last week and the next day (as Prefect's flow runs page), in whole bars.
 */
export function span(from, to) {
  const day = 24 * 3600_000;
  const end = to ? Date.parse(to) : Date.now() + day;
  const start = from ? Date.parse(from) : end - 8 * day;
  const wanted = (end - start) / 1000 / 48;
  const seconds = WIDTHS.find(width => width >= wanted) ?? Math.ceil(wanted);
  const whole = (time, round) => new Date(round(time / seconds / 1000) * seconds * 1000);
  return {start: from ? new Date(start) : whole(start, Math.floor), end: to ? new Date(end) : whole(end, Math.ceil),
    seconds};
}

/** The API's history as bars: [{start, end, counts: {COMPLETED: 3}, total}]. */
export function bars(history) {
  return history.map(interval => {
    const counts = {};
    for (const {state_type: type, count_runs: runs} of interval.states) {
      counts[type] = (counts[type] ?? 0) + runs;
    }
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    return {start: interval.interval_start, end: interval.interval_end, counts, total};
  });
}

/** A bar in words: "10:00–10:30: 3 Completed, 1 Failed". */
export function describe(bar) {
  const time = iso => new Date(iso).toLocaleString([], {dateStyle: 'short', timeStyle: 'short'});
  const counts = STATE_TYPES.filter(type => bar.counts[type])
      .map(type => `${bar.counts[type]} ${stateLabel(type)}`).join(', ');
  return `${time(bar.start)} – ${time(bar.end)}: ${counts || 'no runs'}`;
}

/** The chart in an element; `update` gives it new bars, `pick(bar)` hears of a click, `hover(bar)` of the pointer. */
export class RunsChart {
  constructor(element, {pick, hover}) {
    this.element = element;
    this.bars = [];
    this.range = [0, 1];
    const colours = getComputedStyle(element);
    const colour = type => colours.getPropertyValue(`--state-${type.toLowerCase()}`).trim();
    // uPlot draws bars from zero, later series over earlier ones: the tallest sum first, each state's top after.
    const series = [...STATE_TYPES].reverse().map(type => ({
      label: stateLabel(type), fill: colour(type), stroke: colour(type), width: 0,
      paths: uPlot.paths.bars({size: [0.9, Infinity], gap: 1}), points: {show: false},
    }));
    this.plot = new uPlot({
      width: element.clientWidth || 600, height: HEIGHT, legend: {show: false},
      cursor: {drag: {x: false, y: false}, points: {show: false}},
      scales: {x: {time: true, range: () => this.range}, y: {range: (u, min, max) => [0, Math.max(1, max)]}},
      axes: [{}, {size: 40, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]}],
      series: [{}, ...series],
      hooks: {setCursor: [u => hover(this.bars[u.cursor.idx])]},
    }, this.data(), element);
    this.plot.over.addEventListener('click', () => {
      const bar = this.bars[this.plot.cursor.idx];
      if (bar) {
        pick(bar);
      }
    });
    this.resizing = new ResizeObserver(() => this.plot.setSize({width: element.clientWidth, height: HEIGHT}));
    this.resizing.observe(element);
  }

  update(bars, {start, end}) {
    this.bars = bars;
    this.range = [start / 1000, end / 1000];
    this.plot.setData(this.data());
  }

  destroy() {
    this.resizing.disconnect();
    this.plot.destroy();
  }

  /** Times at each bar's middle, then the running sums of the states, the largest first. */
  data() {
    const middles = this.bars.map(bar => (Date.parse(bar.start) + Date.parse(bar.end)) / 2000);
    const sums = STATE_TYPES.map((type, i) => this.bars.map(bar =>
      STATE_TYPES.slice(0, i + 1).reduce((sum, t) => sum + (bar.counts[t] ?? 0), 0)));
    return [middles, ...sums.reverse()];
  }
}

// ECharts (the WebJar's dist bundle, a global loaded by a classic <script>) behind a few chart kinds.
// Without ECharts, or without data, a chart shows a note instead of failing.
import { t } from './i18n.js';

const GRID = '#2a3856';
const GRADE_COLOURS = { A: '#2fbf71', B: '#9ccc3d', C: '#ffb020', D: '#ff4d4f' };

function remPx() {
  return parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
}

export class Charts {
  constructor() {
    this.instances = new Map();
  }

  chart(id) {
    const host = document.getElementById(id);
    if (!host) return null;
    if (!window.echarts) {
      this.note(id, t('trend.unavailable') + ' (ECharts)');
      return null;
    }
    let c = this.instances.get(id);
    if (c && c.getDom() !== host) { // the page drew a new element for this chart
      c.dispose();
      c = null;
    }
    if (!c) {
      c = window.echarts.init(host, 'dark', { renderer: 'canvas' });
      this.instances.set(id, c);
    }
    host.parentElement.removeAttribute('data-note');
    return c;
  }

  /** Replaces the chart by a sentence (history unavailable, no data). */
  note(id, text) {
    const host = document.getElementById(id);
    if (!host) return;
    host.parentElement.setAttribute('data-note', text);
    const c = this.instances.get(id);
    if (c) c.clear();
  }

  resizeAll() {
    this.instances.forEach(c => c.resize());
  }

  base(big) {
    const fs = Math.round(remPx() * (big ? 0.95 : 0.85));
    return {
      backgroundColor: 'transparent',
      animation: false,
      textStyle: { fontSize: fs },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', textStyle: { fontSize: fs } },
      fs,
    };
  }

  /** A history series: points [{start, value}] of GET /api/v1/history/{scope}. */
  series(id, points, { kind = 'line', bucket = 'hour', color = '#4cc3ff', big = false, name = '' } = {}) {
    const c = this.chart(id);
    if (!c) return;
    const b = this.base(big);
    const data = points.map(p => [p.start, p.value]);
    c.setOption({
      backgroundColor: b.backgroundColor, animation: false, textStyle: b.textStyle, grid: b.grid, tooltip: b.tooltip,
      xAxis: { type: 'time', axisLabel: { fontSize: b.fs, hideOverlap: true, formatter: bucket === 'hour' || bucket === 'minute' ? '{HH}:{mm}' : '{MM}-{dd}' },
        axisLine: { lineStyle: { color: GRID } } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: b.fs }, splitLine: { lineStyle: { color: GRID } } },
      series: [kind === 'bar'
        ? { type: 'bar', name, data, itemStyle: { color }, barMaxWidth: 28 }
        : { type: 'line', name, data, showSymbol: false, lineStyle: { width: 3, color }, itemStyle: { color }, areaStyle: { color, opacity: 0.18 } }],
    }, true);
  }

  /** Horizontal bars, one per category (districts by filings). */
  bars(id, names, values) {
    const c = this.chart(id);
    if (!c) return;
    const b = this.base(true);
    c.setOption({
      backgroundColor: b.backgroundColor, animation: false, textStyle: b.textStyle, grid: b.grid,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', axisLabel: { fontSize: b.fs }, splitLine: { lineStyle: { color: GRID } } },
      yAxis: { type: 'category', data: names, axisLabel: { fontSize: Math.round(b.fs * 0.8), interval: 0 } },
      series: [{ type: 'bar', data: values, itemStyle: { color: '#2f8de6' }, label: { show: true, position: 'right', fontSize: Math.round(b.fs * 0.8), color: '#eef3ff' } }],
    }, true);
  }

  /** The credit grade spread as a ring. */
  grades(id, grades) {
    const c = this.chart(id);
    if (!c) return;
    const b = this.base(true);
    c.setOption({
      backgroundColor: b.backgroundColor, animation: false, textStyle: b.textStyle,
      tooltip: { trigger: 'item' },
      series: [{ type: 'pie', radius: ['38%', '68%'],
        label: { fontSize: b.fs * 1.2, color: '#eef3ff', formatter: '{b}  {c}' },
        data: ['A', 'B', 'C', 'D'].map(k => ({ name: k, value: grades[k] || 0, itemStyle: { color: GRADE_COLOURS[k] } })) }],
    }, true);
  }
}

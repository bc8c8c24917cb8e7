// #/tickets from file://, one page load walking what a user does on it: the eight headline
// figures, the satisfaction, closure-time and on-time charts, 环比 and 同比, the category drill
// 一级→二级→三级 and back, every multi-select of the filter bar, township bars clicked and keyed,
// and a named view saved and reopened. (The brush is tickets.spec.ts.) Every expectation is counted
// in plain TypeScript over the generator's rows (test/support/reference-metrics.ts, written from
// metrics.md), never by the page's own queries.
import type { Locator, Page } from '@playwright/test';
import {
  SATISFACTION_SCALE,
  categoryPath,
  closureDayBins,
  column,
  countBy,
  matching,
  select,
  ticketFigures,
  type Cell,
  type Scope,
} from '../support/reference-metrics';
import { sampleTickets } from '../support/sample';
import { barValues, expect, expectFigures, gotoInPage, siteUrl, test, waitForReady } from './support/fixtures';
import { expectedCounts } from './support/ticket-counts';

// The sample's rows are generated before any page loads its own (not while it does, on two shared cores).
test.beforeAll(() => {
  sampleTickets();
});

const Q2 = { from: '2025-04-01', to: '2025-06-30' };
const Q1 = { from: '2025-01-01', to: '2025-03-31' };
const PAGE_Q1 = `#/tickets?from=${Q1.from}&to=${Q1.to}`;
const HEADLINE = ['total', 'satisfaction_rate', 'on_time_rate', 'median_closure_hours', 'p90_closure_hours', 'direct_answer_rate', 'resolution_rate', 'overdue_open'] as const;

function headline(scope: Scope): Record<string, number | null> {
  const f = ticketFigures(sampleTickets(), scope);
  return Object.fromEntries(HEADLINE.map((id) => [id, f[id]]));
}

/** Rows of the quarter under a category path (levels joined by '>'). */
function underCategory(path: string): (i: number) => boolean {
  const category = column(sampleTickets(), 'category');
  const depth = path.split('>').length;
  return (i) => categoryPath(category[i], depth) === path;
}

/** Tickets per category path at `level` among the rows, as the chart keys them. */
function categoryBars(rows: number[], level: number): Record<string, number> {
  const category = column(sampleTickets(), 'category');
  const counts = countBy(rows, (i) => categoryPath(category[i], level) ?? '');
  return Object.fromEntries([...counts].map(([k, n]) => [k ?? '', n]));
}

const largest = (bars: Record<string, number>) => Object.entries(bars).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];

async function previousFigures(page: Page): Promise<Record<string, number | null>> {
  const out: Record<string, number | null> = {};
  for (const id of HEADLINE) {
    const raw = await page.getByTestId(`metric-${id}`).getAttribute('data-previous');
    out[id] = raw === null || raw === '' ? null : Number(raw);
  }
  return out;
}

function expectClose(got: Record<string, number | null>, want: Record<string, number | null>, label: string) {
  for (const [id, w] of Object.entries(want)) {
    if (w === null) expect(got[id], `${label} ${id}`).toBeNull();
    else expect(got[id], `${label} ${id}`).toBeCloseTo(w, 6);
  }
}

test('tickets: headline, charts, 环比/同比, category drill, every filter-bar multi-select, township clicks and a named view, all as the rows count', async ({ page }) => {
  test.setTimeout(360_000);
  const tickets = sampleTickets();
  await page.goto(siteUrl('file', `#/tickets?from=${Q2.from}&to=${Q2.to}`));
  await waitForReady(page);
  const quarter = select(tickets, 'received_at', Q2);

  await test.step('the eight headline figures', async () => {
    await expectFigures(page, headline(Q2), '2025Q2');
  });

  await test.step('satisfaction, closure-time and on-time charts', async () => {
    const satisfaction = column<string | null>(tickets, 'satisfaction');
    const exit = column<string | null>(tickets, 'exit_reason');
    // Rated answers per level (an exit reason takes a ticket out), the rest as "not rated".
    const rated = countBy(quarter, (i) => (satisfaction[i] !== null && (SATISFACTION_SCALE as readonly string[]).includes(satisfaction[i]!) && !exit[i] ? satisfaction[i] : null));
    const wantSatisfaction: Record<string, number> = Object.fromEntries(SATISFACTION_SCALE.map((level) => [level, rated.get(level) ?? 0]));
    wantSatisfaction['\u0000not-rated'] = rated.get(null) ?? 0;
    await expect.poll(() => barValues(page.getByTestId('chart-ticket-satisfaction'))).toEqual(wantSatisfaction);

    const bins = closureDayBins(tickets, quarter, 30);
    const wantClosure = Object.fromEntries(bins.map((n, d) => [d === 30 ? '≥30' : String(d), n]));
    await expect.poll(() => barValues(page.getByTestId('chart-ticket-closure'))).toEqual(wantClosure);

    const f = ticketFigures(tickets, Q2);
    await expect.poll(() => barValues(page.getByTestId('chart-ticket-on-time'))).toEqual({
      on_time: f.on_time,
      closed_late: f.closed_late,
      overdue_open: f.overdue_open,
      not_due: f.total - f.due,
    });
  });

  await test.step('环比 compares with 2025Q1, 同比 with 2024Q2', async () => {
    const compare = page.getByTestId('filter-compare');
    await compare.selectOption('previous');
    await expect(page).toHaveURL(/compare=previous/);
    const previous = headline({ from: '2025-01-01', to: '2025-03-31' });
    await expect.poll(async () => (await previousFigures(page)).total).toBe(previous.total);
    expectClose(await previousFigures(page), previous, '环比');

    await compare.selectOption('last_year');
    await expect(page).toHaveURL(/compare=last_year/);
    const lastYear = headline({ from: '2024-04-01', to: '2024-06-30' });
    await expect.poll(async () => (await previousFigures(page)).total).toBe(lastYear.total);
    expectClose(await previousFigures(page), lastYear, '同比');
    // The quarter's own figures stay what they were.
    await expectFigures(page, headline(Q2), '2025Q2 with 同比');
  });

  await test.step('category drill 一级 → 二级 → 三级, and back to all', async () => {
    const chart = page.getByTestId('chart-ticket-category');
    const crumbs = page.getByTestId('category-crumbs');
    const level1 = categoryBars(quarter, 1);
    await expect.poll(() => barValues(chart)).toEqual(level1);

    const first = largest(level1);
    await chart.locator(`rect[data-key="${first}"]`).click();
    await expect(page).toHaveURL(new RegExp(`sel_category=${encodeURIComponent(first)}(&|$)`));
    const inFirst = select(tickets, 'received_at', { ...Q2, where: underCategory(first) });
    await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String(inFirst.length));
    const level2 = categoryBars(inFirst, 2);
    await expect.poll(() => barValues(chart)).toEqual(level2);
    await expect(crumbs.getByRole('button', { name: first })).toHaveAttribute('aria-current', 'true');

    const second = largest(level2);
    await chart.locator(`rect[data-key="${second}"]`).click();
    const inSecond = select(tickets, 'received_at', { ...Q2, where: underCategory(second) });
    await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String(inSecond.length));
    const level3 = categoryBars(inSecond, 3);
    await expect.poll(() => barValues(chart)).toEqual(level3);

    // The third level picks one leaf: its siblings stay drawn, the leaf is pressed, the figures narrow to it.
    const leaf = Object.keys(level3).sort()[0];
    await chart.locator(`rect[data-key="${leaf}"]`).click();
    await expect(page).toHaveURL(new RegExp(`sel_category=${encodeURIComponent(leaf)}(&|$)`));
    await expectFigures(page, headline({ ...Q2, where: underCategory(leaf) }), `category ${leaf}`);
    await expect(chart.locator(`rect[data-key="${leaf}"]`)).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => barValues(chart)).toEqual(level3);
    // Other charts are narrowed to the leaf: the request types of its tickets.
    const leafRows = select(tickets, 'received_at', { ...Q2, where: underCategory(leaf) });
    const types = column(tickets, 'request_type');
    const wantTypes = Object.fromEntries([...countBy(leafRows, (i) => String(types[i] ?? ''))].map(([k, n]) => [k ?? '', n]));
    await expect.poll(() => barValues(page.getByTestId('chart-ticket-request-type'))).toEqual(wantTypes);

    await crumbs.getByRole('button').first().click();
    await expect(page).not.toHaveURL(/sel_category/);
    await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String(quarter.length));
    await expect.poll(() => barValues(chart)).toEqual(level1);
  });

  await test.step('each multi-select of the filter bar narrows the figures and goes into the address', async () => {
    // Filters add up: every column ANDed, the values of one column ORed.
    const wanted: Record<string, Cell[]> = {};
    const expectNarrowed = async (label: string) => {
      const scope = { ...Q2, where: matching(tickets, wanted) };
      const want = headline(scope);
      expect(want.total, `${label} leaves tickets to compare`).toBeGreaterThan(20);
      await expectFigures(page, { total: want.total, satisfaction_rate: want.satisfaction_rate, on_time_rate: want.on_time_rate, median_closure_hours: want.median_closure_hours }, label);
    };
    /** The most frequent values of a column among the rows the current filters leave. */
    const topValues = (name: string, n: number) => {
      const values = column(tickets, name);
      const rows = select(tickets, 'received_at', { ...Q2, where: matching(tickets, wanted) });
      return [...countBy(rows, (i) => (values[i] === null ? null : String(values[i])))]
        .filter(([k]) => k !== null)
        .sort((a, b) => b[1] - a[1] || (a[0]! < b[0]! ? -1 : 1))
        .slice(0, n)
        .map(([k]) => k!);
    };

    for (const [name, count] of [['township', 2], ['department', 1], ['request_type', 2], ['channel', 1], ['urgency', 1]] as const) {
      const picked = topValues(name, count);
      const filter = page.getByTestId(`filter-${name}`);
      await filter.locator('summary').click();
      for (const value of picked) {
        await filter.locator(`input[type="checkbox"][value="${value}"]`).check();
        await expect(page).toHaveURL(new RegExp(`[?&]${name}=${encodeURIComponent(value)}(&|$)`));
      }
      await expect(filter).toHaveAttribute('data-selected', [...picked].sort().join('|'));
      wanted[name] = picked;
      await expectNarrowed(`${name} = ${picked.join(' or ')}`);
      await filter.locator('summary').click();
    }

    await page.getByTestId('filter-enterprise_related').selectOption('false');
    await expect(page).toHaveURL(/enterprise_related=false/);
    wanted.enterprise_related = [false];
    await expectNarrowed('not enterprise-related');

    await page.getByTestId('filter-reset').click();
    await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String(select(tickets, 'received_at').length));
  });

  await test.step('a township click and the keyboard narrow the other charts; a channel ticked in the filter bar; a named view', async () => {
    await gotoInPage(page, PAGE_Q1);
    const bars = (chart: Locator) => barValues(chart);
    const all = expectedCounts(Q1.from, Q1.to);
    await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String(all.total));

    const township = page.getByTestId('chart-ticket-township');
    const requestType = page.getByTestId('chart-ticket-request-type');
    await township.locator('rect[data-key="常乐镇"]').click();
    await expect(page).toHaveURL(/sel_township=%E5%B8%B8%E4%B9%90%E9%95%87/);
    const one = expectedCounts(Q1.from, Q1.to, ['常乐镇']);
    await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String(one.total));
    await expect(requestType).toHaveAttribute('data-state', 'ready');
    await expect.poll(() => bars(requestType)).toEqual(one.types);
    // The township chart is not narrowed by its own selection: every township, 常乐镇 pressed.
    expect(await bars(township)).toEqual(all.townships);
    await expect(township.locator('rect[data-key="常乐镇"]')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('filter-chip')).toHaveCount(1);

    // Keyboard: Space on a focused bar adds a second township.
    await township.locator('rect[data-key="海门街道"]').focus();
    await page.keyboard.press('Space');
    const two = expectedCounts(Q1.from, Q1.to, ['常乐镇', '海门街道']);
    await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String(two.total));
    await expect.poll(() => bars(requestType)).toEqual(two.types);

    // Removing the chips restores the whole period's figures.
    await page.getByTestId('filter-chip-remove').first().click();
    await page.getByTestId('filter-chip-remove').first().click();
    await expect(page.getByTestId('filter-chip')).toHaveCount(0);
    await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String(all.total));

    // The filter bar: a channel ticked in its list narrows every chart and goes into the address.
    const channel = page.getByTestId('filter-channel');
    await channel.locator('summary').click();
    await channel.getByRole('checkbox', { name: /微信/ }).check();
    await expect(page).toHaveURL(/channel=%E5%BE%AE%E4%BF%A1/);
    const wechat = expectedCounts(Q1.from, Q1.to, [], '微信');
    await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String(wechat.total));
    await expect.poll(() => bars(requestType)).toEqual(wechat.types);

    // A named view keeps that address; opening it after clearing the filters brings it back.
    const views = page.getByTestId('filter-views');
    await views.locator('summary').click();
    await views.getByTestId('view-name').fill('一季度微信');
    await views.getByTestId('view-save').click();
    await expect(views.getByTestId('saved-view')).toHaveCount(1);
    await page.getByTestId('filter-reset').click();
    await expect(page.getByTestId('filter-period')).toHaveValue('all');
    await views.locator('summary').click();
    await views.getByRole('button', { name: /一季度微信/ }).first().click();
    await expect(page).toHaveURL(/from=2025-01-01&to=2025-03-31&channel=%E5%BE%AE%E4%BF%A1/);
    await expect(page.getByTestId('metric-total')).toHaveAttribute('data-value', String(wechat.total));
  });
});

import { test, expect, Page } from "@playwright/test";
import { acceptedDepotRepair, hydrated, open, person, takeStep, watchConsole } from "./helpers";

/** Starts recording (in the page) the moment `check` first holds, on the page's own clock. */
async function watchFor(page: Page, check: string) {
  await page.evaluate((source) => {
    const w = window as unknown as { __seenAt: number | null };
    w.__seenAt = null;
    const holds = new Function(`return (${source})`) as () => boolean;
    const timer = setInterval(() => {
      if (holds()) {
        w.__seenAt = Date.now();
        clearInterval(timer);
      }
    }, 5);
  }, check);
}

async function seenAt(page: Page): Promise<number> {
  await expect.poll(() => page.evaluate(() => (window as unknown as { __seenAt: number | null }).__seenAt), {
    timeout: 5_000,
  }).not.toBeNull();
  return page.evaluate(() => (window as unknown as { __seenAt: number }).__seenAt);
}

const IN_PROGRESS = 'document.querySelector(\'a[href="/tickets?status=in_progress"]\')?.parentElement?.querySelector("span")?.textContent';

test("a technician's step appears on the supervisor's dashboard and ticket page without reload", async ({ browser }) => {
  const agent = await person(browser, "agent");
  const number = await acceptedDepotRepair(agent);

  // The supervisor keeps the dashboard and the ticket open, in two tabs.
  const dashboard = await person(browser, "supervisor");
  const problems = watchConsole(dashboard);
  await dashboard.goto("/dashboard");
  await hydrated(dashboard);
  await expect(dashboard.locator(".live-indicator")).toHaveAttribute("data-live", "live");
  const before = Number((await dashboard.evaluate(IN_PROGRESS)) ?? 0);
  const ticket = await dashboard.context().newPage();
  problems.push(...watchConsole(ticket));
  await open(ticket, number);
  await expect(ticket.locator(".live-indicator")).toHaveAttribute("data-live", "live");
  await expect(ticket.locator(".head-badges")).toContainText("已受理");
  await watchFor(dashboard, `Number(${IN_PROGRESS} ?? 0) === ${before + 1}`);
  await watchFor(ticket, `document.querySelector(".head-badges")?.textContent.includes("处理中")`);

  // The technician picks the job up on their tablet.
  const technician = await person(browser, "technician");
  await open(technician, number);
  await technician.getByRole("group", { name: "可执行的操作" }).getByRole("button", { name: "开始处理", exact: true }).click();
  const clickedAt = await technician.evaluate(() => Date.now());
  await technician.getByRole("button", { name: "确认：开始处理" }).click();

  const onDashboard = (await seenAt(dashboard)) - clickedAt;
  const onTicket = (await seenAt(ticket)) - clickedAt;
  console.log(`live latency from the technician's confirm to the supervisor's view: dashboard ${onDashboard} ms, ticket page ${onTicket} ms`);
  expect(onDashboard).toBeLessThan(1_000);
  expect(onTicket).toBeLessThan(1_000);
  // Nothing was reloaded: the same documents show the change.
  await expect(ticket.locator(".head-badges")).toContainText("处理中");
  await expect(ticket.locator(".timeline")).toContainText("开始处理");
  // The dashboard's boards followed too: the technician's current job, and the feed.
  const board = dashboard.locator("section", { has: dashboard.locator("#techs-h") });
  await expect(board.getByRole("row", { name: /王磊/ })).toContainText(number);
  await expect(dashboard.locator(".feed li").first()).toContainText(number);
  await expect(dashboard.locator(".feed li").first()).toContainText("开始处理");
  expect(problems).toEqual([]);
});

test("the dashboard's region and product-line filters live in its address", async ({ browser }) => {
  const boss = await person(browser, "supervisor");
  await boss.goto("/dashboard");
  await hydrated(boss);
  const open = async () => Number(await boss.locator(".tile").first().locator(".tile-n").textContent());
  const everywhere = await open();
  // The demo company's first region and its first product line.
  const region = await boss.getByLabel("区域").locator("option").nth(1).getAttribute("value");
  await boss.getByLabel("区域").selectOption({ index: 1 });
  await boss.getByRole("button", { name: "筛选" }).click();
  await expect(boss).toHaveURL(new RegExp(`region=${encodeURIComponent(region!)}`));
  await expect(boss.getByLabel("区域")).toHaveValue(region!);
  await expect.poll(open).toBeLessThan(everywhere);
  const line = await boss.getByLabel("产品系列").locator("option").nth(1).getAttribute("value");
  await boss.getByLabel("产品系列").selectOption({ index: 1 });
  await boss.getByRole("button", { name: "筛选" }).click();
  await expect(boss).toHaveURL(new RegExp(`line=${line}`));
  // The address alone brings the same view back, e.g. on a wall screen.
  await boss.reload();
  await hydrated(boss);
  await expect(boss.getByLabel("区域")).toHaveValue(region!);
  await expect(boss.getByLabel("产品系列")).toHaveValue(line!);
  await boss.getByRole("link", { name: "清除筛选" }).click();
  await expect(boss).toHaveURL(/\/dashboard$/);
  await expect.poll(open).toBe(everywhere);

  // A count opens the ticket list with the dashboard's region, shown as a removable filter. (The
  // demo company's first region and first product line may share no open ticket, so one filter.)
  await boss.goto(`/dashboard?region=${encodeURIComponent(region!)}`);
  await hydrated(boss);
  await boss.locator(".count-list a").first().click();
  await expect(boss).toHaveURL(new RegExp(`/tickets\\?status=\\w+&region=${encodeURIComponent(region!)}$`));
  const chip = boss.locator(".filter-chip");
  await expect(chip).toHaveCount(1);
  await expect(chip).toContainText(region!);
  await expect(boss.locator("table.tickets tbody tr").first()).toBeVisible();
  await chip.getByRole("link", { name: "移除此筛选" }).click();
  await expect(boss).toHaveURL(/\/tickets\?status=\w+$/);
  await expect(chip).toHaveCount(0);
});

test("a page whose stream drops says so and catches up when the network returns", async ({ browser }) => {
  const agent = await person(browser, "agent");
  const number = await acceptedDepotRepair(agent);
  const desk = await person(browser, "agent");
  await open(desk, number);
  const indicator = desk.locator(".live-indicator");
  await expect(indicator).toHaveAttribute("data-live", "live");

  await desk.context().setOffline(true);
  await expect(indicator).toHaveAttribute("data-live", "offline");
  await expect(indicator).toContainText("离线");
  // Meanwhile the technician takes the job.
  await takeStep(await person(browser, "technician"), number, "开始处理");
  await desk.context().setOffline(false);
  await expect(indicator).toHaveAttribute("data-live", "live");
  await expect(desk.locator(".head-badges")).toContainText("处理中");
});

test("the SLA board counts missed deadlines down in working time", async ({ browser }) => {
  const boss = await person(browser, "supervisor");
  const problems = watchConsole(boss);
  await boss.goto("/dashboard");
  await hydrated(boss);
  const board = boss.locator(".sla-board");
  await expect(board.getByRole("heading", { level: 2 })).toContainText("SLA");
  // The demo company has work past its deadlines; a missed deadline that is still running counts up.
  const overdue = board.locator("tbody tr:not([hidden]) td.countdown", { hasText: /^超时 \d+:\d\d:\d\d$/ }).first();
  await expect(overdue).toBeVisible();
  await expect(board.locator(".badge.clock-breached").first()).toHaveText(/^已超时 [1-9]\d*$/);
  const first = await overdue.textContent();
  await boss.waitForTimeout(2_500);
  if (await board.getByText("非工作时间").isVisible()) {
    // Nights, weekends and holidays do not count.
    await expect(overdue).toHaveText(first!);
  } else {
    await expect(overdue).not.toHaveText(first!);
  }
  expect(problems).toEqual([]);
});

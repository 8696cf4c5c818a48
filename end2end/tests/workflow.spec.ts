import { test, expect, Browser, Page } from "@playwright/test";
import { hydrated, signIn, watchConsole } from "./helpers";

/** A signed-in page in its own browser context (its own cookies), as a second person would have. */
async function person(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await signIn(page, username);
  return page;
}

/** Registers a consultation through the API as the signed-in person of `page`; returns its number. */
async function registerConsultation(page: Page, company: string): Promise<string> {
  const base = new URL(page.url()).origin;
  const response = await page.request.post(`${base}/api/tickets/create`, {
    headers: { origin: base },
    data: {
      input: {
        company, contact_name: "周晓梅", phone: "0571-8765 4321", region: "华东·杭州",
        product_model: "GX-200 光谱仪", fault_description: "软件升级后无法联机，请远程指导。",
        channel: "phone", service_type: "consultation", urgency: "normal",
      },
    },
  });
  expect(response.status()).toBe(200);
  return (await response.json()) as string;
}

/** Opens a ticket and takes a step through its form. */
async function takeStep(page: Page, number: string, step: string, fill?: (page: Page) => Promise<void>) {
  await page.goto(`/tickets/${number}`);
  await hydrated(page);
  await page.getByRole("group", { name: "可执行的操作" }).getByRole("button", { name: step, exact: true }).click();
  if (fill) await fill(page);
  await page.getByRole("button", { name: `确认：${step}` }).click();
  await expect(page.getByRole("button", { name: `确认：${step}` })).toHaveCount(0);
}

test("a consultation goes from intake to archive through every role's hands", async ({ browser }) => {
  // Three people and a dozen page loads of the debug bundle.
  test.setTimeout(360_000);
  const agent = await person(browser, "agent");
  const problems = watchConsole(agent);
  const number = await registerConsultation(agent, `杭州光谱仪器 ${Date.now()}`);

  await takeStep(agent, number, "受理");
  await expect(agent.locator(".head-badges")).toContainText("已受理");
  await expect(agent.getByText("30 分钟回电")).toBeVisible();

  const technician = await person(browser, "technician");
  await takeStep(technician, number, "开始处理", (p) => p.getByLabel("备注").fill("已电话指导客户重新安装驱动"));
  await expect(technician.locator(".head-badges")).toContainText("处理中");
  await takeStep(technician, number, "完成服务");

  await takeStep(agent, number, "登记回访", (p) => p.getByRole("radio", { name: "满意", exact: true }).check());
  const supervisor = await person(browser, "supervisor");
  await takeStep(supervisor, number, "审核通过");
  await takeStep(agent, number, "归档");
  await expect(agent.locator(".head-badges")).toContainText("已归档");

  const timeline = agent.locator(".timeline");
  for (const line of ["受理：新建 → 已受理", "开始处理：已受理 → 处理中", "完成服务", "登记回访", "审核通过", "归档：已审核 → 已归档"]) {
    await expect(timeline).toContainText(line);
  }
  await expect(timeline).toContainText("已电话指导客户重新安装驱动");
  await expect(agent.getByText("按时完成").first()).toBeVisible();
  expect(problems, problems.join("\n")).toEqual([]);
});

test("a second browser editing the same ticket meets a clear conflict, not a silent overwrite", async ({ browser }) => {
  const first = await person(browser, "agent");
  const second = await person(browser, "supervisor");
  watchConsole(second, [409]);
  const number = await registerConsultation(first, `冲突测试 ${Date.now()}`);
  await second.goto(`/tickets/${number}`);
  await hydrated(second);
  await expect(second.locator(".live-indicator")).toHaveAttribute("data-live", "live");

  // The second person starts cancelling it while the first accepts it.
  await second.getByRole("button", { name: "取消工单", exact: true }).click();
  await second.getByLabel("原因").fill("重复登记");
  await takeStep(first, number, "受理");
  // The live page keeps the open form and says the ticket changed underneath.
  await expect(second.locator(".stale-notice")).toContainText("此工单刚被其他人更新");
  await expect(second.getByLabel("原因")).toHaveValue("重复登记");
  await second.getByRole("button", { name: "确认：取消工单" }).click();
  // The page reloads the ticket and keeps the notice above the fresh copy.
  await expect(second.locator(".head-badges")).toContainText("已受理");
  await expect(second.getByRole("alert")).toContainText("此工单刚被其他人更新");
  await expect(second.locator(".timeline")).not.toContainText("取消工单");
});

test("an administrator edits the calendar; a bad line is named and nothing is lost", async ({ page }) => {
  watchConsole(page, [422]);
  await signIn(page, "admin");
  await page.getByRole("link", { name: "工作日历" }).click();
  await hydrated(page);
  await expect(page.getByLabel("周一")).toHaveValue("08:30-12:00, 13:00-17:30");
  const dates = page.getByLabel("日期列表");
  await expect(dates).toContainText("2026-02-14 班");
  await page.getByLabel("周六").fill("09:00-12:00");
  const original = await dates.inputValue();
  await dates.fill(`${original}\n2027-01-01 休\n2027-01-32 班`);
  await page.getByRole("button", { name: "保存日历" }).click();
  await expect(page.getByText(/第 \d+ 行：应为/)).toBeVisible();
  await expect(page.getByLabel("周六")).toHaveValue("09:00-12:00");
  await dates.fill(`${original}\n2027-01-01 休`);
  await page.getByRole("button", { name: "保存日历" }).click();
  await expect(page.getByRole("status")).toContainText("日历已保存");
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel("周六")).toHaveValue("09:00-12:00");
  await expect(page.getByLabel("日期列表")).toContainText("2027-01-01 休");
});

import { test, expect } from "@playwright/test";
import { acceptedDepotRepair, hydrated, open, person, watchConsole } from "./helpers";

test("an agent shares a ticket with its customer, who follows it live until the link is revoked", async ({ browser }) => {
  const agent = await person(browser, "agent");
  const problems = watchConsole(agent);
  const number = await acceptedDepotRepair(agent);
  await open(agent, number);

  // The colleague link is the ticket's own address.
  const share = agent.locator(".share-panel");
  await expect(share.getByLabel("同事链接")).toHaveValue(new URL(`/tickets/${number}`, agent.url()).href);
  await share.getByRole("button", { name: "复制" }).first().click();
  await expect(share.getByText("已复制。")).toBeVisible();

  // A customer link: shown once, with its QR code.
  await share.getByRole("button", { name: "生成客户链接" }).click();
  const fresh = share.locator(".share-new");
  await expect(fresh).toContainText("客户链接已生成");
  await expect(fresh.locator(".qr svg")).toBeVisible();
  const url = await fresh.getByLabel("客户链接", { exact: true }).inputValue();
  expect(url).toMatch(/\/c\/[A-Za-z0-9_-]{43}$/);
  await expect(share.locator("table.share-links tbody tr")).toHaveCount(1);
  await expect(agent.locator(".timeline")).toContainText("生成客户查询链接");

  // The customer opens it on a phone, signed in nowhere.
  const phone = await browser.newContext({ locale: "zh-CN", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const customer = await phone.newPage();
  const customerProblems = watchConsole(customer, [404]);
  await customer.goto(url);
  await expect(customer.locator("h1")).toHaveText("已受理");
  await expect(customer.locator("#live-state")).toHaveText("进度更新会自动显示在此页面。");
  await expect(customer.locator("body")).not.toContainText("李娜");
  await customer.evaluate(() => ((window as unknown as { __same: boolean }).__same = true));

  // The technician starts the repair; the customer's page follows without a reload.
  const technician = await person(browser, "technician");
  await open(technician, number);
  await technician.getByRole("group", { name: "可执行的操作" }).getByRole("button", { name: "开始处理", exact: true }).click();
  await technician.getByRole("button", { name: "确认：开始处理" }).click();
  await expect(customer.locator("h1")).toHaveText("维修中");
  await expect(customer.locator(".timeline > li")).toHaveCount(3);
  expect(await customer.evaluate(() => (window as unknown as { __same?: boolean }).__same)).toBe(true);

  // English on the customer's request.
  await customer.getByRole("link", { name: "English" }).click();
  await expect(customer.locator("h1")).toHaveText("Being repaired");

  // The agent sees the visit, then revokes the link: the open page says it is no longer valid.
  await open(agent, number);
  const row = agent.locator("table.share-links tbody tr").first();
  await expect(row).not.toContainText("—");
  await row.getByRole("button", { name: "撤销" }).click();
  await row.getByRole("button", { name: "再按一次确认撤销" }).click();
  await expect(agent.locator("table.share-links tbody tr").first()).toContainText("已撤销");
  await expect(customer.locator("h1")).toHaveText("This link is not valid");
  await hydrated(agent);
  expect(problems).toEqual([]);
  expect(customerProblems).toEqual([]);
});

import { test, expect, Page } from "@playwright/test";
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
  // A colleague who is signed out opens it, signs in and lands on the ticket.
  const colleague = await (await browser.newContext({ locale: "zh-CN" })).newPage();
  await colleague.goto(await share.getByLabel("同事链接").inputValue());
  await expect(colleague).toHaveURL(/\/signin\?next=/);
  await hydrated(colleague);
  await colleague.getByLabel("用户名").fill("supervisor");
  await colleague.getByLabel("密码").fill("afterdesk-demo");
  await colleague.getByRole("button", { name: "登录" }).click();
  await expect(colleague).toHaveURL(new RegExp(`/tickets/${number}$`));
  await expect(colleague.locator("h1")).toHaveText(number);

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

/** Calls a server function as `page`'s person, at the ticket's current version. */
async function atVersion(page: Page, endpoint: string, number: string, body: (version: number, key: string) => unknown) {
  const base = new URL(page.url()).origin;
  const post = (path: string, data: unknown) => page.request.post(`${base}/api/${path}`, { headers: { origin: base }, data });
  const detail = await (await post("tickets/get", { number })).json();
  const answer = await post(endpoint, body(detail.ticket.version, `e2e-${endpoint.replace("/", "-")}-${Date.now()}`));
  expect(answer.status(), `${endpoint}: ${await answer.text()}`).toBe(200);
}

const target = (number: string, version: number, key: string) => ({ number, version, idempotency_key: key });
const step = (number: string, name: string) => (version: number, key: string) =>
  ({ request: { number, step: name, version, idempotency_key: key } });

test("the customer approves the quote and rates the service through the link; the agent sees both", async ({ browser }) => {
  const agent = await person(browser, "agent");
  const number = await acceptedDepotRepair(agent);
  const technician = await person(browser, "technician");
  await atVersion(technician, "tickets/step", number, step(number, "start_work"));
  await atVersion(technician, "service/warranty", number, (v, k) => ({ request: { target: target(number, v, k), start_date: "2020-01-01", months: "12" } }));
  await atVersion(technician, "service/quote", number, (v, k) => ({ request: { target: target(number, v, k), lines: [
    { kind: "part", description: "光源模块 LS-20", quantity: "1", unit_price: "860" },
    { kind: "labour", description: "更换与校准", quantity: "2", unit_price: "150" },
  ] } }));
  await atVersion(technician, "tickets/step", number, step(number, "await_customer"));

  await open(agent, number);
  await agent.getByRole("button", { name: "生成客户链接" }).click();
  const url = await agent.locator(".share-new").getByLabel("客户链接", { exact: true }).inputValue();

  const customer = await (await browser.newContext({ locale: "zh-CN", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
  await customer.goto(url);
  await expect(customer.locator("h1")).toHaveText("等待您确认");
  await expect(customer.locator("table.lines tfoot")).toContainText("1,160.00");
  await customer.getByLabel("备注（可选）").fill("同意，请尽快修好");
  await customer.getByRole("button", { name: "同意报价" }).click();
  await expect(customer.getByRole("status")).toHaveText("谢谢，您对报价的答复已记录。");
  await expect(customer.getByText("您已同意此报价。")).toBeVisible();
  // The agent's open ticket page shows the answer without a reload.
  await expect(agent.locator(".timeline")).toContainText("客户确认报价");
  await expect(agent.locator(".timeline")).toContainText("同意，请尽快修好");

  // The repair is done: the customer's open page offers the survey by itself.
  await atVersion(technician, "tickets/step", number, step(number, "customer_replied"));
  await atVersion(technician, "service/report", number, (v, k) => ({ request: { target: target(number, v, k), report: {
    fault_cause: "光源老化", work_done: "更换光源模块并校准", parts: [], work_minutes: "120", travel_minutes: "0",
    customer_opinion: "", signed_by: "李娜",
  } } }));
  await atVersion(technician, "tickets/step", number, step(number, "resolve"));
  await expect(customer.locator("h1")).toHaveText("已修复");
  await customer.getByRole("radio", { name: "非常满意" }).check();
  await customer.getByLabel("意见或建议（可选）").fill("修得很快");
  await customer.getByRole("button", { name: "提交评价" }).click();
  await expect(customer.getByRole("status")).toHaveText("感谢您的评价。");
  await expect(customer.getByText("您的评分：5 / 5")).toBeVisible();

  // Inspected, the agent's follow-up call starts from the customer's answer.
  const inspector = await person(browser, "inspector");
  await atVersion(inspector, "tickets/step", number, step(number, "pass_inspection"));
  await open(agent, number);
  await expect(agent.locator(".timeline")).toContainText("客户提交服务评价");
  await agent.getByRole("group", { name: "可执行的操作" }).getByRole("button", { name: "登记回访", exact: true }).click();
  await expect(agent.locator(".survey-answer")).toContainText("客户已通过链接评分 5 / 5");
  await expect(agent.locator('input[name="satisfaction"][value="5"]')).toBeChecked();
});

test("a customer reports a fault on the public form and the ticket appears live in the agents' queue", async ({ browser }) => {
  const agent = await person(browser, "agent");
  await agent.goto("/tickets");
  await hydrated(agent);
  await expect(agent.locator(".live-indicator")).toHaveAttribute("data-live", "live");

  const customer = await (await browser.newContext({ locale: "zh-CN", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
  await customer.goto("/report-fault");
  const company = `自助报修测试 ${Date.now()}`;
  await customer.getByLabel("单位名称").fill(company);
  await customer.getByLabel("联系人").fill("陈静");
  await customer.getByLabel("联系电话").fill("139 1234 5678");
  await customer.getByLabel("所在城市/地区").fill("江苏无锡");
  await customer.getByRole("radio", { name: "寄回维修" }).check();
  await customer.getByLabel("产品型号").fill("GX-9000 光谱仪");
  await customer.getByLabel("故障情况").fill("开机后屏幕无显示");
  await customer.getByRole("button", { name: "提交报修" }).click();
  await expect(customer.getByRole("status")).toContainText("报修已提交");
  await expect(customer.locator("h1")).toHaveText("已收到");
  const number = (await customer.locator(".eyebrow").first().textContent())?.replace("服务单", "").trim() ?? "";
  expect(number).toMatch(/^SV-\d{8}-\d{4}$/);

  // The agent's queue, open all along, lists it without a reload.
  await expect(agent.getByRole("link", { name: number })).toBeVisible();
  await expect(agent.locator("main")).toContainText(company);
});

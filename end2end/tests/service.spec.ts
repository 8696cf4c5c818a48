import { test, expect, Page } from "@playwright/test";
import { hydrated, open, person, takeStep, watchConsole } from "./helpers";

/** Registers an out-of-warranty field repair through the API as the person of `page`. */
async function registerFieldRepair(page: Page, company: string): Promise<string> {
  const base = new URL(page.url()).origin;
  const response = await page.request.post(`${base}/api/tickets/create`, {
    headers: { origin: base },
    data: {
      input: {
        company, contact_name: "王建国", phone: "138 1234 5678", region: "华东·苏州",
        address: "苏州工业园区星湖街 328 号", product_model: "VMC-850 立式加工中心",
        serial_number: "VMC850-2023-0042", purchase_date: "2023-05-01",
        fault_description: "主轴异响，报警 ALM-401", channel: "phone", service_type: "field_repair", urgency: "high",
      },
    },
  });
  expect(response.status()).toBe(200);
  return (await response.json()) as string;
}

test("an out-of-warranty field repair goes from intake through quote, report and review to archive", async ({ browser }) => {
  // Four people and two dozen page loads of the debug bundle.
  test.setTimeout(240_000);
  const agent = await person(browser, "agent");
  const problems = watchConsole(agent);
  const number = await registerFieldRepair(agent, `苏州精工 ${Date.now()}`);
  await takeStep(agent, number, "受理");

  const supervisor = await person(browser, "supervisor");
  // Dispatch: technicians ranked with reasons; the one who knows the product line is picked.
  await takeStep(supervisor, number, "派工", async (p) => {
    const wang = p.getByRole("radio", { name: /王磊/ });
    await expect(p.locator(".suggestion", { has: wang })).toContainText("熟悉 加工中心");
    await wang.check();
    await p.getByLabel("预计现场时长（分钟）").fill("180");
    await p.getByLabel("需携带的配件和工具").fill("主轴轴承 BRG-7014 ×2，拉马");
  });
  const technician = await person(browser, "technician");
  const techProblems = watchConsole(technician);
  const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  await takeStep(technician, number, "确认预约", (p) => p.getByLabel("与客户约定的上门时间").fill(`${day}T09:30`));
  await expect(technician.locator("#dispatch-h + dl")).toContainText(`${day} 09:30`);
  await technician.getByRole("link", { name: "打印派工单" }).click();
  await hydrated(technician);
  for (const text of ["派工单", number, "王磊", `${day} 09:30`, "主轴轴承 BRG-7014 ×2，拉马", "苏州工业园区星湖街 328 号"]) {
    await expect(technician.locator("article.paper")).toContainText(text);
  }
  await takeStep(technician, number, "出发");
  await takeStep(technician, number, "开始处理");

  // Diagnosis: bought 2023-05-01 with 12 months of warranty → charged (class A).
  await technician.getByRole("button", { name: "记录保修判定" }).click();
  await expect(technician.getByLabel("保修起始日（发货或购买）")).toHaveValue("2023-05-01");
  await technician.getByRole("button", { name: "判定并保存" }).click();
  const service = technician.locator("section", { has: technician.getByRole("heading", { name: "服务记录" }) });
  await expect(service).toContainText("收费服务");
  await expect(service).toContainText("已过保修期");

  // The quote: the total follows the typing; the server prices it the same way.
  await technician.getByRole("button", { name: "新建报价" }).click();
  await technician.getByLabel("说明").fill("主轴轴承 BRG-7014");
  await technician.getByLabel("数量/工时").fill("2");
  await technician.getByLabel("单价（元）").fill("1280");
  await technician.getByRole("button", { name: "添加一行" }).click();
  await technician.getByLabel("项目").nth(1).selectOption("labour");
  await technician.getByLabel("说明").nth(1).fill("更换轴承");
  await technician.getByLabel("数量/工时").nth(1).fill("1.5");
  await technician.getByLabel("单价（元）").nth(1).fill("200");
  await expect(technician.locator(".quote-total")).toContainText("¥2,860.00");
  await technician.getByRole("button", { name: "提交报价" }).click();
  await expect(service.locator("table.lines")).toContainText("2,860.00");
  await expect(service).toContainText("待客户确认");
  await takeStep(technician, number, "等待客户确认");

  // Customer service hears back from the customer and records it.
  await open(agent, number);
  await agent.getByLabel("客户答复方式（电话、现场、邮件等）").fill("客户电话确认报价");
  await agent.getByRole("button", { name: "客户已确认" }).click();
  await expect(agent.locator(".badge.quote-status-approved")).toBeVisible();
  await takeStep(agent, number, "客户已回复");

  // Parts: the technician asks the warehouse; the ticket waits on that requisition until it is issued.
  await open(technician, number);
  await technician.getByRole("button", { name: "申请配件" }).click();
  await technician.getByLabel("配件（编号 名称 · 各仓库存）").selectOption("BRG-7014");
  await technician.getByLabel("数量", { exact: true }).fill("2");
  await technician.getByRole("button", { name: "提交领用单" }).click();
  const parts = technician.locator("section", { has: technician.getByRole("heading", { name: "配件领用" }) });
  await expect(parts).toContainText("BRG-7014 × 2");
  await takeStep(technician, number, "等待配件");
  await expect(parts).toContainText("等待配件：领用单 #1 待仓库发放。");
  const warehouse = await person(browser, "warehouse");
  await open(warehouse, number);
  await warehouse.getByRole("button", { name: "发放领用单 #1" }).click();
  await expect(warehouse.locator(".requisitions")).toContainText("已发放");
  await takeStep(warehouse, number, "配件已到");

  // The report, then the printable form.
  await open(technician, number);
  await technician.getByRole("button", { name: "填写服务报告" }).click();
  await technician.getByLabel("故障原因").fill("主轴轴承磨损");
  await technician.getByLabel("处理过程").fill("更换主轴轴承，空运转 2 小时正常");
  await technician.getByRole("button", { name: "添加更换配件" }).click();
  await technician.getByLabel("配件名称").fill("主轴轴承");
  await technician.getByLabel("配件编号").fill("BRG-7014");
  await technician.getByLabel("数量", { exact: true }).fill("2");
  await technician.getByLabel("工作时长（分钟）").fill("180");
  await technician.getByLabel("客户签名（姓名）").fill("王建国");
  await technician.getByRole("button", { name: "保存报告" }).click();
  await expect(service).toContainText("主轴轴承磨损");
  await technician.getByRole("link", { name: "打印报告单" }).click();
  await hydrated(technician);
  const paper = technician.locator("article.paper");
  for (const text of ["售后服务报告单", number, "主轴轴承磨损", "BRG-7014", "¥2,860.00", "王建国", "收费服务"]) {
    await expect(paper).toContainText(text);
  }
  await takeStep(technician, number, "完成服务");

  // QA tests the repaired unit: a failure sends it back to repair and is counted on the ticket.
  const inspector = await person(browser, "inspector");
  await takeStep(inspector, number, "质检不合格", (p) => p.getByLabel("备注").fill("试车仍有轻微异响"));
  await takeStep(technician, number, "完成服务");
  await takeStep(inspector, number, "质检合格");
  await expect(inspector.locator("#product-h + dl")).toContainText("质检不合格次数1");

  await takeStep(agent, number, "登记回访", (p) => p.getByRole("radio", { name: "满意", exact: true }).check());
  await takeStep(supervisor, number, "审核通过");
  await takeStep(agent, number, "归档");
  await expect(agent.locator(".head-badges")).toContainText("已归档");
  const timeline = agent.locator(".timeline");
  for (const line of ["记录保修判定", "服务类别：— → 收费服务", "提交报价", "客户确认报价", "客户电话确认报价", "申请配件", "仓库发放配件", "填写服务报告"]) {
    await expect(timeline).toContainText(line);
  }
  expect([...problems, ...techProblems], [...problems, ...techProblems].join("\n")).toEqual([]);
});

test("a quote with bad lines names each line's problem and keeps what was typed", async ({ browser }) => {
  const supervisor = await person(browser, "supervisor");
  watchConsole(supervisor, [422]);
  const number = await registerFieldRepair(supervisor, `Quote errors ${Date.now()}`);
  for (const step of ["accept", "dispatch", "schedule", "depart", "start_work"]) {
    const base = new URL(supervisor.url()).origin;
    const detail = await (await supervisor.request.post(`${base}/api/tickets/get`, { headers: { origin: base }, data: { number } })).json();
    const response = await supervisor.request.post(`${base}/api/tickets/step`, {
      headers: { origin: base },
      data: { request: { number, step, version: detail.ticket.version, idempotency_key: `e2e-${step}-${Date.now()}`, assignee: "technician",
                         appointment: new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10) + "T10:00" } },
    });
    expect(response.status()).toBe(200);
  }
  await supervisor.context().addCookies([{ name: "afterdesk_lang", value: "en", url: new URL(supervisor.url()).origin }]);
  await open(supervisor, number);
  await supervisor.getByRole("button", { name: "Record warranty decision" }).click();
  await supervisor.getByRole("button", { name: "Decide and save" }).click();
  await expect(supervisor.locator(".charge-class")).toContainText("Charged service");
  await supervisor.getByRole("button", { name: "New quote" }).click();
  await supervisor.getByRole("textbox", { name: "Description", exact: true }).fill("Spindle bearing");
  await supervisor.getByLabel("Quantity / hours").fill("-2");
  await supervisor.getByLabel("Unit price (¥)").fill("12.345");
  await supervisor.getByRole("button", { name: "Send quote" }).click();
  const alert = supervisor.getByRole("alert");
  await expect(alert).toContainText("Line 1, Quantity / hours: Enter a number such as 12 or 12.50.");
  await expect(alert).toContainText("Line 1, Unit price (¥): At most two decimals.");
  await expect(supervisor.getByRole("textbox", { name: "Description", exact: true })).toHaveValue("Spindle bearing");
});

import { test, expect, Page } from "@playwright/test";
import { hydrated, open, person, takeStep, translator, watchConsole } from "./helpers";

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

for (const lang of ["zh-CN", "en"] as const) {
  test(`an out-of-warranty field repair goes from intake through quote, parts, report, inspection and review to archive (${lang})`, async ({ browser }) => {
    // Six people and three dozen page loads of the debug bundle.
    test.setTimeout(600_000);
    const w = translator(lang);
    const step = (page: Page, number: string, key: string, fill?: (p: Page) => Promise<void>) =>
      takeStep(page, number, w(key), fill, lang);
    const agent = await person(browser, "agent", lang);
    const problems = watchConsole(agent);
    const number = await registerFieldRepair(agent, `苏州精工 ${lang} ${Date.now()}`);
    await step(agent, number, "step.accept");

    const supervisor = await person(browser, "supervisor", lang);
    // Dispatch: technicians ranked with reasons; the one who knows the product line is picked.
    await step(supervisor, number, "step.dispatch", async (p) => {
      const wang = p.getByRole("radio", { name: /王磊/ });
      await expect(p.locator(".suggestion", { has: wang })).toContainText(w("dispatch.reason.product_line", { line: "加工中心" }));
      await wang.check();
      await p.getByLabel(w("workflow.estimate_minutes")).fill("180");
      await p.getByLabel(w("workflow.bring")).fill("主轴轴承 BRG-7014 ×2，拉马");
    });
    const technician = await person(browser, "technician", lang);
    const techProblems = watchConsole(technician);
    const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    await step(technician, number, "step.schedule", (p) => p.getByLabel(w("workflow.appointment")).fill(`${day}T09:30`));
    await expect(technician.locator("#dispatch-h + dl")).toContainText(`${day} 09:30`);
    await technician.getByRole("link", { name: w("dispatch.print") }).click();
    await hydrated(technician);
    for (const text of [w("dispatch.order_title"), number, "王磊", `${day} 09:30`, "主轴轴承 BRG-7014 ×2，拉马", "苏州工业园区星湖街 328 号"]) {
      await expect(technician.locator("article.paper")).toContainText(text);
    }
    await step(technician, number, "step.depart");
    await step(technician, number, "step.start_work");

    // Diagnosis: bought 2023-05-01 with 12 months of warranty → charged (class A).
    await technician.getByRole("button", { name: w("warranty.decide") }).click();
    await expect(technician.getByLabel(w("service.field.start_date"))).toHaveValue("2023-05-01");
    await technician.getByRole("button", { name: w("warranty.save") }).click();
    const service = technician.locator("section", { has: technician.getByRole("heading", { name: w("service.title") }) });
    await expect(service).toContainText(w("charge.charged"));
    await expect(service).toContainText(w("warranty.basis.expired"));

    // The quote: the total follows the typing; the server prices it the same way.
    await technician.getByRole("button", { name: w("quote.new") }).click();
    await technician.getByLabel(w("service.field.description"), { exact: true }).fill("主轴轴承 BRG-7014");
    await technician.getByLabel(w("service.field.quantity")).fill("2");
    await technician.getByLabel(w("service.field.unit_price")).fill("1280");
    await technician.getByRole("button", { name: w("quote.add_line") }).click();
    await technician.getByLabel(w("service.field.kind")).nth(1).selectOption("labour");
    await technician.getByLabel(w("service.field.description"), { exact: true }).nth(1).fill("更换轴承");
    await technician.getByLabel(w("service.field.quantity")).nth(1).fill("1.5");
    await technician.getByLabel(w("service.field.unit_price")).nth(1).fill("200");
    await expect(technician.locator(".quote-total")).toContainText("¥2,860.00");
    await technician.getByRole("button", { name: w("quote.send") }).click();
    await expect(service.locator("table.lines")).toContainText("2,860.00");
    await expect(service).toContainText(w("quote.status.proposed"));
    await step(technician, number, "step.await_customer");

    // Customer service hears back from the customer and records it.
    await open(agent, number);
    await agent.getByLabel(w("quote.answer_note")).fill("客户电话确认报价");
    await agent.getByRole("button", { name: w("quote.approve") }).click();
    await expect(agent.locator(".badge.quote-status-approved")).toBeVisible();
    await step(agent, number, "step.customer_replied");

    // Parts: the technician asks the warehouse; the ticket waits on that requisition until it is issued.
    await open(technician, number);
    await technician.getByRole("button", { name: w("parts.request") }).click();
    await technician.getByLabel(w("parts.part")).selectOption("BRG-7014");
    await technician.getByLabel(w("parts.quantity"), { exact: true }).fill("2");
    await technician.getByRole("button", { name: w("parts.send") }).click();
    const parts = technician.locator("section", { has: technician.getByRole("heading", { name: w("parts.section") }) });
    await expect(parts).toContainText("BRG-7014 × 2");
    await step(technician, number, "step.await_parts");
    await expect(parts).toContainText(w("parts.waiting_on", { list: "#1" }));
    const warehouse = await person(browser, "warehouse", lang);
    await open(warehouse, number);
    await warehouse.getByRole("button", { name: w("parts.issue", { seq: "1" }) }).click();
    await expect(warehouse.locator(".requisitions")).toContainText(w("parts.status.issued"));
    await step(warehouse, number, "step.parts_arrived");

    // The report, then the printable form.
    await open(technician, number);
    await technician.getByRole("button", { name: w("report.file") }).click();
    await technician.getByLabel(w("service.field.fault_cause")).fill("主轴轴承磨损");
    await technician.getByLabel(w("service.field.work_done")).fill("更换主轴轴承，空运转 2 小时正常");
    await technician.getByRole("button", { name: w("report.add_part") }).click();
    await technician.getByLabel(w("service.field.part_name"), { exact: true }).fill("主轴轴承");
    await technician.getByLabel(w("service.field.part_code"), { exact: true }).fill("BRG-7014");
    await technician.getByLabel(w("service.field.part_quantity"), { exact: true }).fill("2");
    await technician.getByLabel(w("service.field.work_minutes")).fill("180");
    await technician.getByLabel(w("service.field.signed_by")).fill("王建国");
    await technician.getByRole("button", { name: w("report.save") }).click();
    await expect(service).toContainText("主轴轴承磨损");
    await technician.getByRole("link", { name: w("report.print") }).click();
    await hydrated(technician);
    const paper = technician.locator("article.paper");
    for (const text of [w("report.paper_title"), number, "主轴轴承磨损", "BRG-7014", "¥2,860.00", "王建国", w("charge.charged")]) {
      await expect(paper).toContainText(text);
    }
    await step(technician, number, "step.resolve");

    // QA tests the repaired unit: a failure sends it back to repair and is counted on the ticket.
    const inspector = await person(browser, "inspector", lang);
    await step(inspector, number, "step.fail_inspection", (p) => p.getByLabel(w("workflow.note")).fill("试车仍有轻微异响"));
    await step(technician, number, "step.resolve");
    await step(inspector, number, "step.pass_inspection");
    await expect(inspector.locator("#product-h + dl")).toContainText(`${w("detail.failed_inspections")}1`);

    await step(agent, number, "step.follow_up", (p) => p.getByRole("radio", { name: w("workflow.score.4"), exact: true }).check());
    await step(supervisor, number, "step.review");
    await step(agent, number, "step.archive");
    await expect(agent.locator(".head-badges")).toContainText(w("status.closed"));
    const timeline = agent.locator(".timeline");
    const classChange = w("change.line", { field: w("change.charge_class"), old: "—", new: w("charge.charged") });
    for (const line of [w("event.record.warranty"), classChange, w("event.record.quote_proposed"), w("event.record.quote_approved"),
      "客户电话确认报价", w("event.record.parts_requested"), w("event.record.parts_issued"), w("event.record.report_filed")]) {
      await expect(timeline).toContainText(line);
    }
    expect([...problems, ...techProblems], [...problems, ...techProblems].join("\n")).toEqual([]);
  });
}

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
  await supervisor.getByRole("combobox", { name: "Description", exact: true }).fill("Spindle bearing");
  await supervisor.getByLabel("Quantity / hours").fill("-2");
  await supervisor.getByLabel("Unit price (¥)").fill("12.345");
  await supervisor.getByRole("button", { name: "Send quote" }).click();
  const alert = supervisor.getByRole("alert");
  await expect(alert).toContainText("Line 1, Quantity / hours: Enter a number such as 12 or 12.50.");
  await expect(alert).toContainText("Line 1, Unit price (¥): At most two decimals.");
  await expect(supervisor.getByRole("combobox", { name: "Description", exact: true })).toHaveValue("Spindle bearing");
});

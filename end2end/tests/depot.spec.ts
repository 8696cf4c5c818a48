import { test, expect, Page } from "@playwright/test";
import { hydrated, open, person, takeStep, watchConsole } from "./helpers";

/** The words the depot journey clicks and reads, per language. */
const WORDS = {
  "zh-CN": {
    accept: "受理", start: "开始处理", resolve: "完成服务", pass: "质检合格", followUp: "登记回访", review: "审核通过",
    archive: "归档", satisfied: "满意", receive: "登记收货", trackingIn: "寄来快递单号", accessories: "随附配件",
    condition: "外观状况", outside: "外送维修（3 个工作日）", outsideName: "外部维修单位", save: "保存",
    outsideShown: "外送维修：苏州精密维修中心", printReceipt: "打印客户商品领取收据", receiptTitle: "客户商品领取收据",
    decide: "记录保修判定", decideSave: "判定并保存", free: "免费服务", file: "填写服务报告", cause: "故障原因",
    done: "处理过程", minutes: "工作时长（分钟）", signed: "客户签名（姓名）", saveReport: "保存报告",
    closed: "已归档", trackingBack: "寄回快递单号", change: "修改收货与维修信息",
  },
  en: {
    accept: "Accept", start: "Start work", resolve: "Resolve", pass: "Pass inspection", followUp: "Record follow-up",
    review: "Approve review", archive: "Archive", satisfied: "Satisfied", receive: "Record receipt",
    trackingIn: "Tracking number in", accessories: "Accessories received", condition: "Condition on arrival",
    outside: "Outside repairer (3 working days)", outsideName: "Outside repairer", save: "Save",
    outsideShown: "Outside repairer: 苏州精密维修中心", printReceipt: "Print the customer's receipt",
    receiptTitle: "Receipt for goods received", decide: "Record warranty decision", decideSave: "Decide and save",
    free: "Free service", file: "File service report", cause: "Fault cause", done: "Work done",
    minutes: "Working time (minutes)", signed: "Customer signature (name)", saveReport: "Save report",
    closed: "Closed", trackingBack: "Tracking number back", change: "Change receipt and repair details",
  },
};

async function registerDepotRepair(page: Page, company: string): Promise<string> {
  const base = new URL(page.url()).origin;
  const response = await page.request.post(`${base}/api/tickets/create`, {
    headers: { origin: base },
    data: {
      input: {
        company, contact_name: "李娜", phone: "139 0000 1111", region: "华南·深圳", product_model: "GX-9000 光谱仪",
        serial_number: `GX9000-${Date.now() % 1_000_000}`, purchase_date: new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10),
        fault_description: "开机自检失败，寄回维修", channel: "email", service_type: "depot_repair", urgency: "normal",
      },
    },
  });
  expect(response.status()).toBe(200);
  return (await response.json()) as string;
}

for (const lang of ["zh-CN", "en"] as const) {
  test(`a depot repair sent to an outside repairer runs from receipt to archive (${lang})`, async ({ browser }) => {
    test.setTimeout(480_000);
    const w = WORDS[lang];
    const agent = await person(browser, "agent", lang);
    const problems = watchConsole(agent);
    const number = await registerDepotRepair(agent, `深圳检测 ${lang} ${Date.now()}`);
    await takeStep(agent, number, w.accept, undefined, lang);

    // The clerk receives the parcel, prints the receipt and sends the unit to an outside repairer.
    const clerk = await person(browser, "clerk", lang);
    problems.push(...watchConsole(clerk));
    await takeStep(clerk, number, w.start, undefined, lang);
    await clerk.getByRole("button", { name: w.receive }).click();
    await clerk.getByLabel(w.trackingIn).fill("sf1234567890123");
    await clerk.getByLabel(w.accessories).fill("电源线 1 根");
    await clerk.getByLabel(w.condition).fill("外壳右侧有划痕");
    await clerk.getByRole("radio", { name: w.outside }).check();
    await clerk.getByLabel(w.outsideName, { exact: true }).fill("苏州精密维修中心");
    await clerk.getByRole("button", { name: w.save, exact: true }).click();
    const service = clerk.locator(".service-part").first();
    await expect(service).toContainText(w.outsideShown);
    await expect(service).toContainText("SF1234567890123");
    await clerk.getByRole("link", { name: w.printReceipt }).click();
    await hydrated(clerk);
    for (const text of [w.receiptTitle, number, "SF1234567890123", "电源线 1 根", "外壳右侧有划痕"]) {
      await expect(clerk.locator("article.paper")).toContainText(text);
    }

    // Back from the repairer: in warranty (free), the report, then QA, follow-up, review, archive.
    await open(clerk, number);
    await clerk.getByRole("button", { name: w.decide }).click();
    await clerk.getByRole("button", { name: w.decideSave }).click();
    await expect(clerk.locator("section", { has: clerk.locator("#service-h") })).toContainText(w.free);
    await clerk.getByRole("button", { name: w.file }).click();
    await clerk.getByLabel(w.cause).fill("电源板电容老化");
    await clerk.getByLabel(w.done).fill("外送更换电源板，自检通过");
    await clerk.getByLabel(w.minutes).fill("90");
    await clerk.getByLabel(w.signed).fill("李娜");
    await clerk.getByRole("button", { name: w.saveReport }).click();
    await expect(clerk.locator("section", { has: clerk.locator("#service-h") })).toContainText("电源板电容老化");
    await takeStep(clerk, number, w.resolve, undefined, lang);
    // Shipped back: the tracking number back goes on the record.
    await clerk.getByRole("button", { name: w.change }).click();
    await clerk.getByLabel(w.trackingBack).fill("SF9876543210987");
    await clerk.getByRole("button", { name: w.save, exact: true }).click();
    await expect(clerk.locator(".service-part").first()).toContainText("SF9876543210987");

    const inspector = await person(browser, "inspector", lang);
    await takeStep(inspector, number, w.pass, undefined, lang);
    await takeStep(agent, number, w.followUp, (p) => p.getByRole("radio", { name: w.satisfied, exact: true }).check(), lang);
    const supervisor = await person(browser, "supervisor", lang);
    await takeStep(supervisor, number, w.review, undefined, lang);
    await takeStep(agent, number, w.archive, undefined, lang);
    await expect(agent.locator(".head-badges")).toContainText(w.closed);
    expect(problems, problems.join("\n")).toEqual([]);
  });
}

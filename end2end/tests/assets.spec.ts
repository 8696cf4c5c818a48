import { test, expect } from "@playwright/test";
import { hydrated, signIn, watchConsole } from "./helpers";

test("register a unit, print its QR label, start a ticket from it and get warned of a repeat repair", async ({ page }) => {
  test.setTimeout(240_000);
  const problems = watchConsole(page);
  await signIn(page, "agent");
  const serial = `VMC850-E2E-${Date.now() % 1_000_000}`;
  const shipped = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);

  await page.getByRole("link", { name: "设备档案" }).click();
  await page.getByRole("link", { name: "登记设备" }).click();
  await hydrated(page);
  await page.getByLabel("序列号").fill(serial.toLowerCase());
  await page.getByLabel("产品型号").fill("VMC-850 立式加工中心");
  await page.getByLabel("安装位置").fill("二号车间");
  await page.getByLabel("客户单位").fill("苏州精工机械有限公司");
  await page.getByLabel("所在区域").fill("华东·苏州");
  await page.getByLabel("联系人").fill("王建国");
  await page.getByLabel("联系电话").fill("138 1234 5678");
  await page.getByLabel("发货日期", { exact: true }).fill(shipped);
  await page.getByRole("button", { name: "登记设备" }).click();
  await expect(page).toHaveURL(new RegExp(`/assets/${serial}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(serial);
  await expect(page.locator("#cover-h + p")).toContainText("在保修期内");

  await page.getByRole("link", { name: "打印设备标签" }).click();
  await hydrated(page);
  const label = page.locator("article.asset-label");
  await expect(label.locator("svg")).toBeVisible();
  await expect(label).toContainText(serial);
  await expect(label).toContainText(`/assets/${serial}`);
  await page.getByRole("link", { name: "返回设备档案" }).click();

  // From the unit: a new ticket starts filled with its customer and product.
  await page.getByRole("link", { name: "为此设备新建工单" }).click();
  await hydrated(page);
  await expect(page.getByLabel("客户单位")).toHaveValue("苏州精工机械有限公司");
  await expect(page.getByLabel("序列号")).toHaveValue(serial);
  await expect(page.getByLabel("购买/发货日期")).toHaveValue(shipped);
  await expect(page.locator(".asset-card")).toContainText("在保修期内");
  await page.getByLabel("服务类型").selectOption("field_repair");
  await page.getByLabel("故障类别").selectOption("mechanical");
  await page.getByLabel("故障描述").fill("主轴异响");
  await page.getByRole("button", { name: "登记工单" }).click();
  await expect(page).toHaveURL(/\/tickets\/SV-\d{8}-\d{4,}\?created=1$/);
  const first = new URL(page.url()).pathname.split("/").pop() ?? "";

  // A second call about the same fault: intake looks the serial up and warns before registering.
  await page.goto("/tickets/new");
  await hydrated(page);
  await page.getByLabel("序列号").fill(serial);
  await page.getByLabel("序列号").blur();
  const card = page.locator(".asset-card");
  await expect(card).toContainText("共 1 张工单");
  await page.getByRole("button", { name: "用设备档案填写空白项" }).click();
  await expect(page.getByLabel("联系电话")).toHaveValue("13812345678");
  await page.getByLabel("故障类别").selectOption("mechanical");
  await expect(card.getByRole("alert")).toContainText(`重复维修：这台设备 90 天内已因同类故障报修过（${first}）`);
  await page.getByLabel("服务类型").selectOption("field_repair");
  await page.getByLabel("故障描述").fill("主轴又响了");
  await page.getByRole("button", { name: "登记工单" }).click();
  await expect(page).toHaveURL(/\?created=1$/);
  await expect(page.locator("#product-h + dl")).toContainText(`重复维修（前次 ${first}）`);

  // The unit's page in English counts the repeat.
  await page.context().addCookies([{ name: "afterdesk_lang", value: "en", url: new URL(page.url()).origin }]);
  await page.goto(`/assets/${serial}`);
  await hydrated(page);
  await expect(page.locator("#visits-h + p")).toHaveText("2 tickets, 1 of them repeat repairs.");
  await expect(page.locator("#cover-h + p")).toContainText("In warranty");
  expect(problems, problems.join("\n")).toEqual([]);
});

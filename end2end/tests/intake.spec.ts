import { test, expect } from "@playwright/test";
import { hydrated, signIn, watchConsole } from "./helpers";

test("register a ticket in Chinese, find it in the list and at its URL, then read it in English", async ({ page }) => {
  const problems = watchConsole(page, [422]);
  const company = `杭州西湖精密仪器有限公司 ${Date.now()}`;

  await signIn(page, "agent");
  await page.goto("/tickets/new");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("登记服务请求");

  // Submitting the empty form shows field errors in Chinese and keeps what was typed.
  await page.getByLabel("客户单位").fill(company);
  await page.getByRole("button", { name: "登记工单" }).click();
  await expect(page.getByRole("alert").first()).toContainText("有几项需要修改");
  await expect(page.locator("#e-fault_description")).toHaveText("此项为必填项。");
  await expect(page.locator("#e-phone")).toHaveText("此项为必填项。");
  await expect(page.getByLabel("客户单位")).toHaveValue(company);

  await page.getByLabel("联系人").fill("周晓梅");
  await page.getByLabel("联系电话").fill("0571-8765 4321");
  await page.getByLabel("所在区域").fill("华东·杭州");
  await page.getByLabel("服务地址").fill("杭州市西湖区文三路 90 号");
  await page.getByLabel("产品型号").fill("GX-200 光谱仪");
  await page.getByLabel("序列号").fill("gx200-2025-0042");
  await page.getByLabel("服务类型").selectOption("field_repair");
  await page.getByLabel("紧急程度").selectOption("high");
  await page.getByLabel("故障描述").fill("开机自检失败，屏幕显示 E-17，已断电重启无效。");
  await page.getByRole("button", { name: "登记工单" }).click();

  await expect(page).toHaveURL(/\/tickets\/SV-\d{8}-\d{4}\?created=1$/);
  const number = (await page.locator("h1.ticket-number").textContent())!.trim();
  await expect(page.getByRole("status")).toContainText(`工单 ${number} 已登记`);
  await expect(page.getByText("GX200-2025-0042")).toBeVisible();

  // Found in the list by text search…
  await page.goto("/tickets");
  await hydrated(page);
  await page.getByRole("searchbox").fill("西湖精密");
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/q=/);
  const link = page.getByRole("link", { name: number });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/tickets/${number}$`));

  // …and at its own URL after a reload.
  await page.reload();
  await hydrated(page);
  await expect(page.locator("h1.ticket-number")).toHaveText(number);
  await expect(page.getByText(company)).toBeVisible();
  await expect(page.getByText("外勤维修").first()).toBeVisible();

  // Switching to English translates the page at once and is remembered after a reload.
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "Customer", exact: true })).toBeVisible();
  await expect(page.getByText("Field repair").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "New ticket" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "History" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  expect(problems, problems.join("\n")).toEqual([]);
});

test("typed markup is shown as text and never runs", async ({ page }) => {
  const problems = watchConsole(page);
  let dialogs = 0;
  page.on("dialog", async (d) => {
    dialogs += 1;
    await d.dismiss();
  });
  await signIn(page, "agent");
  await page.goto("/tickets/new");
  await hydrated(page);
  const evil = `<img src=x onerror="alert(1)"><script>alert(2)</script>`;
  await page.getByLabel("客户单位").fill(`测试公司 ${evil}`);
  await page.getByLabel("联系人").fill("张三");
  await page.getByLabel("联系电话").fill("13900001111");
  await page.getByLabel("所在区域").fill("华南");
  await page.getByLabel("产品型号").fill(`X1 ${evil}`);
  await page.getByLabel("服务类型").selectOption("consultation");
  await page.getByLabel("故障描述").fill(evil);
  await page.getByRole("button", { name: "登记工单" }).click();
  await expect(page).toHaveURL(/created=1/);
  await expect(page.locator(".fault")).toHaveText(evil);
  await page.reload();
  await expect(page.locator(".fault")).toHaveText(evil);
  expect(dialogs).toBe(0);
  expect(await page.locator("img[src=x]").count()).toBe(0);
  expect(problems, problems.join("\n")).toEqual([]);
});

import { Browser, expect, Page } from "@playwright/test";
import * as fs from "fs";
import * as path from "path";

/** The password of every demo account (demo mode only; see the README). */
export const DEMO_PASSWORD = "afterdesk-demo";

/**
 * Collects console errors and uncaught exceptions (hydration problems show up here). Chromium also logs
 * every 4xx response; the statuses a test provokes on purpose are passed in and checked on the page.
 */
export function watchConsole(page: Page, expectedStatuses: number[] = []): string[] {
  const problems: string[] = [];
  page.on("console", (msg) => {
    const expected = expectedStatuses.some((s) => msg.text().includes(`status of ${s}`));
    if (msg.type() === "error" && !expected) problems.push(msg.text());
  });
  page.on("pageerror", (err) => problems.push(err.message));
  return problems;
}

/** Waits until the wasm bundle has hydrated the page (the frontend marks `<html data-hydrated>`). */
export async function hydrated(page: Page) {
  await page.waitForSelector("html[data-hydrated=true]", { state: "attached" });
}

/** Signs in through the sign-in page as a demo account and waits for its home page. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto("/signin");
  await hydrated(page);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).not.toHaveURL(/\/signin/);
  await hydrated(page);
}

/** A signed-in page in its own browser context, as a second person would have; `lang` sets the UI language. */
export async function person(browser: Browser, username: string, lang: "zh-CN" | "en" = "zh-CN"): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await signIn(page, username);
  if (lang === "en") {
    await context.addCookies([{ name: "afterdesk_lang", value: "en", url: new URL(page.url()).origin }]);
  }
  return page;
}

/** Opens a ticket's page and waits for it to hydrate. */
export async function open(page: Page, number: string) {
  await page.goto(`/tickets/${number}`);
  await hydrated(page);
}

/** The words of the step form in each language. */
const STEP_WORDS = {
  "zh-CN": { group: "可执行的操作", confirm: (step: string) => `确认：${step}` },
  en: { group: "Available steps", confirm: (step: string) => `Confirm: ${step}` },
};

/** Takes a workflow step through the ticket page's step form. */
export async function takeStep(
  page: Page,
  number: string,
  step: string,
  fill?: (page: Page) => Promise<void>,
  lang: "zh-CN" | "en" = "zh-CN",
) {
  const words = STEP_WORDS[lang];
  await open(page, number);
  await page.getByRole("group", { name: words.group }).getByRole("button", { name: step, exact: true }).click();
  if (fill) await fill(page);
  await page.getByRole("button", { name: words.confirm(step) }).click();
  await expect(page.getByRole("button", { name: words.confirm(step) })).toHaveCount(0);
  // The page then reloads the ticket; what the next action clicks must be on the reloaded page, or a
  // panel it opens is rebuilt away.
  await expect(page.locator(".timeline > li").last()).toContainText(step);
}

/** The app's own translations, so a journey can be played in either language with the same steps. */
export function translator(lang: "zh-CN" | "en"): (key: string, vars?: Record<string, string>) => string {
  const file = path.join(__dirname, "..", "..", "app", "locales", `${lang}.json`);
  const table = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>;
  return (key, vars = {}) => {
    const text = table[key];
    if (text === undefined) throw new Error(`no translation ${key}`);
    return Object.entries(vars).reduce((s, [k, v]) => s.split(`{${k}}`).join(v), text);
  };
}

/** Registers and accepts a depot repair through the API (any technician may pick it up). */
export async function acceptedDepotRepair(page: Page): Promise<string> {
  const base = new URL(page.url()).origin;
  const post = (endpoint: string, data: unknown) =>
    page.request.post(`${base}/api/${endpoint}`, { headers: { origin: base }, data });
  const created = await post("tickets/create", {
    input: {
      company: `实时看板测试 ${Date.now()}`, contact_name: "李娜", phone: "139 0000 1111", region: "华南·深圳",
      product_model: "GX-9000 光谱仪", fault_description: "开机自检失败", channel: "phone",
      service_type: "depot_repair", urgency: "normal",
    },
  });
  expect(created.status()).toBe(200);
  const number = (await created.json()) as string;
  const accepted = await post("tickets/step", {
    request: { number, step: "accept", version: 1, idempotency_key: `live-accept-${Date.now()}` },
  });
  expect(accepted.status()).toBe(200);
  return number;
}

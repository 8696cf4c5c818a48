import { expect, Page } from "@playwright/test";

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

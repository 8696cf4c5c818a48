// Screenshots of the dashboard at laptop (1440×900), wall (1920×1080) and tablet (1024×768, touch)
// sizes, for checking by eye (not a test). Start a demo server first:
//   target/debug/server --bind 127.0.0.1:3300 --database-url mem:// --site-root target/site --demo-data
// then `node end2end/shots.mjs`; the images land in /tmp/shots/.
import { mkdirSync } from "node:fs";
import { chromium } from "@playwright/test";
mkdirSync("/tmp/shots", { recursive: true });
const base = "http://127.0.0.1:3300";
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium" });
async function shot(user, path, name, viewport, touch = false) {
  const ctx = await browser.newContext({ viewport, hasTouch: touch, isMobile: false, locale: "zh-CN" });
  const page = await ctx.newPage();
  await page.goto(base + "/signin");
  await page.fill("input[name=username]", user);
  await page.fill("input[name=password]", "afterdesk-demo");
  await page.click("button[type=submit]");
  await page.waitForLoadState("networkidle").catch(() => {});
  await page.goto(base + path);
  await page.waitForSelector("html[data-hydrated=true]", { state: "attached", timeout: 60000 });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
  await ctx.close();
}
await shot("supervisor", "/dashboard", "dash-desktop", { width: 1440, height: 900 });
await shot("supervisor", "/dashboard", "dash-wall", { width: 1920, height: 1080 });
await shot("supervisor", "/dashboard", "dash-tablet", { width: 1024, height: 768 }, true);
await browser.close();

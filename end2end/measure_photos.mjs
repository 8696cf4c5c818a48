// Measures what the tablet keeps of a photo (not a test): picks synthetic camera pictures on a job
// page with the network off and weighs what lands in the outbox. Start a demo server first:
//   target/debug/server --bind 127.0.0.1:3300 --database-url mem:// --site-root target/site --demo-data
// then `node end2end/measure_photos.mjs`. Results: docs/measurements.md.
import { chromium } from "@playwright/test";
const base = "http://127.0.0.1:3300";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const ctx = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true, locale: "zh-CN" });
const page = await ctx.newPage();
await page.goto(base + "/signin");
await page.waitForSelector("html[data-hydrated=true]", { state: "attached", timeout: 180000 });
await page.fill("input[name=username]", "technician");
await page.fill("input[name=password]", "afterdesk-demo");
await page.click("button[type=submit]");
await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
const href = await page.locator(".job-card a.job-open").first().getAttribute("href");
await page.goto(base + href);
await page.waitForSelector("html[data-hydrated=true]", { state: "attached", timeout: 180000 });
await ctx.setOffline(true); // keep the shrunk photos in the outbox to weigh them
const kinds = { smooth: 0, textured: 24, noisy: 90 };
for (const [name, noise] of Object.entries(kinds)) {
  for (const [w, h] of [[4032, 3024], [3024, 4032], [1280, 960]]) {
    const b64 = await page.evaluate(([w, h, noise]) => {
      const c = document.createElement("canvas"); c.width = w; c.height = h;
      const g = c.getContext("2d");
      const grad = g.createLinearGradient(0, 0, w, h); grad.addColorStop(0, "#4a6a8a"); grad.addColorStop(1, "#d8c8a0");
      g.fillStyle = grad; g.fillRect(0, 0, w, h);
      for (let i = 0; i < 60; i++) { g.fillStyle = `hsl(${i * 37 % 360},40%,${30 + i % 40}%)`; g.fillRect((i * 331) % w, (i * 197) % h, w / 8, h / 10); }
      if (noise) { const d = g.getImageData(0, 0, w, h); for (let i = 0; i < d.data.length; i += 4) { const n = (Math.random() - .5) * noise; d.data[i] += n; d.data[i+1] += n; d.data[i+2] += n; } g.putImageData(d, 0, 0); }
      return c.toDataURL("image/jpeg", 0.92).split(",")[1];
    }, [w, h, noise]);
    const before = Buffer.from(b64, "base64").length;
    const count = async () => page.evaluate(() => { const k = Object.keys(localStorage).find((k) => k.startsWith("afterdesk.tablet.outbox.")); if (!k) return []; return JSON.parse(localStorage[k]).entries.filter((e) => e.intent.kind === "photo").map((e) => e.intent.data_url.length); });
    const n0 = (await count()).length;
    await page.setInputFiles("#photo-fault", { name: "p.jpg", mimeType: "image/jpeg", buffer: Buffer.from(b64, "base64") });
    await page.waitForFunction((n0) => { const k = Object.keys(localStorage).find((k) => k.startsWith("afterdesk.tablet.outbox.")); return k && JSON.parse(localStorage[k]).entries.filter((e) => e.intent.kind === "photo").length > n0; }, n0, { timeout: 90000 });
    const sizes = await count();
    const after = Math.round(sizes[sizes.length - 1] * 3 / 4);
    console.log(`${name} ${w}x${h}: camera JPEG ${(before / 1024).toFixed(0)} KiB -> queued ${(after / 1024).toFixed(0)} KiB (ratio ${(after / before).toFixed(3)})`);
  }
}
const total = await page.evaluate(() => { const k = Object.keys(localStorage).find((k) => k.startsWith("afterdesk.tablet.outbox.")); return localStorage[k].length; });
console.log(`outbox in storage: ${(total / 1024).toFixed(0)} KiB for 9 photos`);
await browser.close();

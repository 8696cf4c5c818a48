import { Browser, BrowserContext, expect, Page, test } from "@playwright/test";
import { DEMO_PASSWORD, hydrated, person, translator, watchConsole } from "./helpers";

// The technician's tablet: 1024×768 with touch, as in the field.
const TABLET = { viewport: { width: 1024, height: 768 }, hasTouch: true, locale: "zh-CN" };
const t = translator("zh-CN");

async function tablet(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(TABLET);
  const page = await context.newPage();
  await page.goto("/signin");
  await hydrated(page);
  await page.getByLabel("用户名").fill("technician");
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/jobs$/);
  await hydrated(page);
  return { context, page };
}

async function api(page: Page, endpoint: string, data: unknown): Promise<any> {
  const base = new URL(page.url()).origin;
  const response = await page.request.post(`${base}/api/${endpoint}`, { headers: { origin: base }, data });
  expect(response.status(), `${endpoint}: ${await response.text()}`).toBe(200);
  return response.json();
}

let keys = 0;
const key = (what: string) => `e2e-${what}-${Date.now()}-${keys++}`;

/** A field repair registered by the supervisor, dispatched to the demo technician, warranty decided
 * by them (free: bought a month ago), two oil seals asked for and issued by the warehouse: version 6,
 * state "dispatched". */
async function newJob(desk: Page, tech: Page, label: string): Promise<string> {
  const store = await person(desk.context().browser()!, "warehouse");
  const bought = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  const number = await api(desk, "tickets/create", {
    input: {
      company: `平板${label} ${Date.now()}`, contact_name: "王建国", phone: "138 1234 5678", region: "华东·苏州",
      address: "苏州工业园区星湖街 328 号", product_model: "VMC-850 立式加工中心", serial_number: `TAB-${Date.now()}`,
      purchase_date: bought, fault_description: "主轴异响，报警 ALM-401", channel: "phone",
      service_type: "field_repair", urgency: "high",
    },
  });
  await api(desk, "tickets/step", { request: { number, step: "accept", version: 1, idempotency_key: key("a") } });
  await api(desk, "tickets/step", {
    request: { number, step: "dispatch", version: 2, idempotency_key: key("d"), assignee: "technician" },
  });
  await api(tech, "service/warranty", {
    request: { target: { number, version: 3, idempotency_key: key("w") }, start_date: bought, months: "12" },
  });
  await api(tech, "parts/request", {
    request: { target: { number, version: 4, idempotency_key: key("r") }, warehouse: "HQ",
      lines: [{ part_code: "SEAL-88", quantity: "2" }] },
  });
  await api(store, "parts/issue", { request: { target: { number, version: 5, idempotency_key: key("i") }, seq: 1 } });
  await store.context().close();
  return number;
}

/** The day after tomorrow at 09:30, as the appointment field takes it. */
function appointment(): string {
  return `${new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)}T09:30`;
}

const step = (page: Page, key: string) => page.locator(".step-bar").getByRole("button", { name: t(key), exact: true });

async function accept(page: Page) {
  await step(page, "tablet.step.schedule").tap();
  await page.getByLabel(t("tablet.appointment_label")).fill(appointment());
  await page.getByRole("button", { name: t("tablet.confirm_accept") }).tap();
}

const status = (page: Page) => page.locator("#status-h .badge");
const queue = (page: Page) => page.locator(".job-queue .queue > li");

/** Two strokes drawn with synthesized touch pointer events. */
async function sign(page: Page) {
  const pad = page.getByTestId("signature-pad");
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const stroke = async (points: [number, number][]) => {
    const at = ([x, y]: [number, number]) => ({
      clientX: box.x + x * box.width, clientY: box.y + y * box.height,
      pointerId: 7, pointerType: "touch", isPrimary: true, bubbles: true, cancelable: true,
    });
    await pad.dispatchEvent("pointerdown", at(points[0]));
    for (const p of points.slice(1)) await pad.dispatchEvent("pointermove", at(p));
    await pad.dispatchEvent("pointerup", at(points[points.length - 1]));
  };
  await stroke([[0.1, 0.6], [0.18, 0.3], [0.26, 0.7], [0.34, 0.35], [0.42, 0.65]]);
  await stroke([[0.5, 0.5], [0.85, 0.45]]);
}

/** Fills the report; the part is picked from those issued to the job (one tap) or by typing its code. */
async function fillReport(page: Page, pick: "issued" | "typed") {
  await page.getByLabel(t("service.field.fault_cause")).fill("主轴轴承磨损");
  await page.getByLabel(t("service.field.work_done")).fill("更换主轴轴承，空运转 2 小时正常");
  if (pick === "issued") {
    await page.getByRole("button", { name: "SEAL-88 · 主轴油封 88 ×2" }).tap();
  } else {
    await page.getByLabel(t("tablet.part_search")).fill("SEAL-88");
    await page.getByRole("button", { name: t("tablet.part_add"), exact: true }).tap();
  }
  const part = page.locator(".part-row").first();
  await expect(part).toContainText("SEAL-88 · 主轴油封 88");
  await part.getByRole("button", { name: t("tablet.more") }).tap();
  await expect(part.locator("output")).toHaveText("2");
  await page.getByLabel(t("service.field.work_minutes")).fill("95");
  await page.getByLabel(t("service.field.travel_minutes")).fill("40");
  await page.getByLabel(t("service.field.signed_by")).fill("王建国");
  await sign(page);
  await page.getByRole("button", { name: t("tablet.report_save") }).tap();
  await expect(page.locator(".touch-report .form-error")).toHaveCount(0);
}

/** The events of the ticket as the desk sees them, oldest first: step names and records. */
async function trail(desk: Page, number: string): Promise<string[]> {
  const detail = await api(desk, "tickets/get", { number });
  return detail.events.filter((e: any) => e.step || e.record).map((e: any) => e.step ?? e.record);
}

test("a technician works a job from accept to done on the tablet, with parts, signature and undo", async ({ browser }) => {
  const { page } = await tablet(browser);
  const problems = watchConsole(page);
  await expect(page.locator(".live-indicator")).toHaveAttribute("data-live", "live");
  const desk = await person(browser, "supervisor");
  const number = await newJob(desk, page, "完工");

  // Dispatched at the office: the job list shows it without a reload, with one-tap call and map.
  const card = page.locator(".job-card", { hasText: number });
  await expect(card).toBeVisible();
  await expect(card.getByRole("link", { name: /致电/ })).toHaveAttribute("href", "tel:13812345678");
  await expect(card.getByRole("link", { name: t("tablet.map") })).toHaveAttribute("href", /uri\.amap\.com/);
  await card.locator(".job-open").tap();
  await expect(page).toHaveURL(new RegExp(`/jobs/${number}$`));
  await expect(status(page)).toHaveText(t("status.dispatched"));

  // Every touch target is at least 48 px.
  const small = await page.evaluate(() =>
    [...document.querySelectorAll(".step-btn, .touch-btn")]
      .map((el) => el.getBoundingClientRect())
      .filter((r) => r.width > 0 && (r.width < 48 || r.height < 48)).length,
  );
  expect(small).toBe(0);

  await accept(page);
  await expect(status(page)).toHaveText(t("status.scheduled"));
  await expect(queue(page)).toHaveCount(0, { timeout: 20_000 });

  // A mis-tap is taken back inside the undo window: nothing reaches the server.
  await step(page, "tablet.step.depart").tap();
  await expect(status(page)).toHaveText(t("status.en_route"));
  await page.getByRole("button", { name: t("tablet.undo") }).tap();
  await expect(status(page)).toHaveText(t("status.scheduled"));
  await expect(queue(page)).toHaveCount(0);

  await step(page, "tablet.step.depart").tap();
  await step(page, "tablet.step.start_work").tap();
  await expect(status(page)).toHaveText(t("status.in_progress"));
  await expect(step(page, "tablet.step.resolve")).toBeDisabled();

  // A photo of the fault, as the camera gives it (2400×1800): shrunk on the tablet, then queued.
  const camera = await page.evaluate(() => {
    const c = document.createElement("canvas");
    c.width = 2400;
    c.height = 1800;
    const g = c.getContext("2d")!;
    g.fillStyle = "#4a6a8a";
    g.fillRect(0, 0, 2400, 1800);
    g.fillStyle = "#d8c8a0";
    g.fillRect(300, 300, 900, 600);
    return c.toDataURL("image/png").split(",")[1];
  });
  await page.setInputFiles("#photo-fault", { name: "fault.png", mimeType: "image/png", buffer: Buffer.from(camera, "base64") });
  await expect(page.locator(".photo-strip img")).toHaveCount(1);
  await fillReport(page, "issued");
  await expect(step(page, "tablet.step.resolve")).toBeEnabled();
  await step(page, "tablet.step.resolve").tap();
  await expect(status(page)).toHaveText(t("status.resolved"));
  await expect(queue(page)).toHaveCount(0, { timeout: 30_000 });
  await expect(page.locator(`.photo-strip img[src^="/tickets/${number}/photos/"]`)).toHaveCount(1);

  expect(await trail(desk, number)).toEqual([
    "accept", "dispatch", "warranty", "parts_requested", "parts_issued", "schedule", "depart", "start_work",
    "photo_fault", "report_filed", "resolve",
  ]);
  // The printable report draws the customer's signature.
  await page.goto(`/tickets/${number}/report`);
  await expect(page.locator("svg.signature-drawing path")).toHaveCount(2);
  await expect(page.locator(".paper")).toContainText("主轴油封 88");
  expect(problems).toEqual([]);
});

test("offline, three steps and the report wait on the tablet and are applied once, in order, on reconnect", async ({ browser }) => {
  const { context, page } = await tablet(browser);
  const desk = await person(browser, "supervisor");
  const number = await newJob(desk, page, "离线");
  await page.locator(".job-card", { hasText: number }).locator(".job-open").tap();
  await expect(status(page)).toHaveText(t("status.dispatched"));

  // The supervisor watches the dashboard.
  await desk.goto("/dashboard");
  await hydrated(desk);
  await expect(desk.locator(".live-indicator")).toHaveAttribute("data-live", "live");

  await context.setOffline(true);
  await accept(page);
  await step(page, "tablet.step.depart").tap();
  await step(page, "tablet.step.start_work").tap();
  await fillReport(page, "typed");
  await expect(queue(page)).toHaveCount(4);
  await expect(page.locator(".sync-bar")).toContainText(t("tablet.sync.offline", { n: "4" }), { timeout: 20_000 });
  await expect(status(page)).toHaveText(t("status.in_progress"));

  // The job list and the job stay readable offline.
  await page.getByRole("link", { name: t("tablet.back") }).tap();
  await expect(page.locator(".offline-copy")).toBeVisible();
  await expect(page.locator(".job-card", { hasText: number }).locator(".badge.pending")).toHaveText(t("tablet.pending_n", { n: "4" }));
  await page.locator(".job-card", { hasText: number }).locator(".job-open").tap();
  await expect(page.locator(".offline-copy")).toBeVisible();
  await expect(page.locator("#customer-h")).toContainText("平板离线");
  expect(await trail(desk, number)).toEqual(["accept", "dispatch", "warranty", "parts_requested", "parts_issued"]);

  await context.setOffline(false);
  await expect(queue(page)).toHaveCount(0, { timeout: 40_000 });
  expect(await trail(desk, number)).toEqual([
    "accept", "dispatch", "warranty", "parts_requested", "parts_issued", "schedule", "depart", "start_work", "report_filed",
  ]);
  // The dashboard followed without a reload.
  await expect(desk.locator(".feed")).toContainText(number);
});

test("a job reassigned at the office while the tablet was offline is said plainly, and nothing is lost", async ({ browser }) => {
  const { context, page } = await tablet(browser);
  const desk = await person(browser, "supervisor");
  const number = await newJob(desk, page, "改派");
  await page.locator(".job-card", { hasText: number }).locator(".job-open").tap();
  await expect(status(page)).toHaveText(t("status.dispatched"));

  await context.setOffline(true);
  await accept(page);
  await step(page, "tablet.step.depart").tap();
  await expect(queue(page)).toHaveCount(2);
  await api(desk, "tickets/step", {
    request: { number, step: "dispatch", version: 6, idempotency_key: key("re"), assignee: "technician2" },
  });

  await context.setOffline(false);
  await expect(page.getByRole("alert").filter({ hasText: t("tablet.block.not_yours") })).toBeVisible({ timeout: 40_000 });
  await expect(queue(page)).toHaveCount(2);
  await expect(page.locator(".sync-bar")).toContainText(t("tablet.sync.blocked", { n: "1" }));
  expect(await trail(desk, number)).toEqual(["accept", "dispatch", "warranty", "parts_requested", "parts_issued", "dispatch"]);

  // The technician reads it and lets the actions go (two taps: no accidental loss).
  await page.getByRole("button", { name: t("tablet.discard") }).tap();
  await page.getByRole("button", { name: t("tablet.discard_confirm") }).tap();
  await expect(queue(page)).toHaveCount(0);
});


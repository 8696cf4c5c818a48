import { test, expect } from "@playwright/test";
import { hydrated, signIn, watchConsole } from "./helpers";

const homes: [string, string, RegExp][] = [
  ["agent", "李晓", /\/tickets$/],
  ["technician", "王磊", /\/jobs$/],
  ["clerk", "赵敏", /\/tickets$/],
  ["supervisor", "陈刚", /\/dashboard$/],
  ["inspector", "孙悦", /\/tickets$/],
  ["warehouse", "周涛", /\/tickets$/],
  ["admin", "刘洋", /\/admin\/users$/],
];

for (const [username, name, home] of homes) {
  test(`${username} signs in and lands on their home page`, async ({ page }) => {
    const problems = watchConsole(page);
    await page.goto("/tickets");
    await expect(page).toHaveURL(/\/signin\?next=%2Ftickets$/);
    await signIn(page, username);
    // The agent asked for /tickets before signing in and is taken back there; everyone else's home
    // differs or the next page is not theirs to open.
    if (username === "agent" || username === "clerk" || username === "inspector" || username === "warehouse") {
      await expect(page).toHaveURL(/\/tickets$/);
    } else {
      await page.goto("/");
      await expect(page).toHaveURL(home);
    }
    await expect(page.getByRole("link", { name })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "无权访问" })).toHaveCount(0);
    expect(problems.filter((p) => !p.includes("status of 403")), problems.join("\n")).toEqual([]);
  });
}

test("a technician cannot open the administrator pages, even by typing the URL", async ({ page }) => {
  watchConsole(page, [403]);
  await signIn(page, "technician");
  await expect(page).toHaveURL(/\/jobs$/);
  await expect(page.getByRole("link", { name: "用户管理" })).toHaveCount(0);
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "supervisor" })).toHaveCount(0);
  await page.getByRole("link", { name: "返回我的首页" }).click();
  await expect(page).toHaveURL(/\/jobs$/);
});

test("a wrong password is refused in plain words and nothing opens", async ({ page }) => {
  watchConsole(page, [401]);
  await page.goto("/signin");
  await hydrated(page);
  await page.getByLabel("用户名").fill("agent");
  await page.getByLabel("密码").fill("not-the-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("alert")).toHaveText("用户名或密码不正确。");
  await expect(page).toHaveURL(/\/signin/);
});

test("an administrator creates an account; the new person must choose a password first", async ({ page, browser }) => {
  const problems = watchConsole(page);
  await signIn(page, "admin");
  await page.getByRole("link", { name: "新建账户" }).click();
  await hydrated(page);
  const username = `wang.fang${Date.now() % 100000}`;
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("姓名").fill("王芳");
  await page.getByLabel("技术代表").check();
  await page.getByLabel("服务区域").fill("华东·杭州");
  await page.getByLabel("初始密码").fill("first-day-pass-1");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/users/${username}\\?created=1$`));
  await expect(page.getByRole("status")).toContainText("账户已创建");

  const other = await browser.newContext({ locale: "zh-CN" });
  const newcomer = await other.newPage();
  await signIn(newcomer, username, "first-day-pass-1");
  await expect(newcomer).toHaveURL(/\/account$/);
  await expect(newcomer.getByRole("alert")).toContainText("请先设置新密码");
  await newcomer.getByLabel("当前密码").fill("first-day-pass-1");
  await newcomer.getByLabel("新密码").fill("my-own-secret-42");
  await newcomer.getByRole("button", { name: "保存新密码" }).click();
  await expect(newcomer).toHaveURL(/\/jobs$/);
  await other.close();

  await page.getByRole("link", { name: "审计日志" }).click();
  await expect(page.getByRole("cell", { name: "创建账户" }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "修改密码" }).first()).toBeVisible();
  expect(problems, problems.join("\n")).toEqual([]);
});

test("signing out returns to the sign-in page and the pages close behind", async ({ page }) => {
  await signIn(page, "supervisor");
  await expect(page.getByRole("heading", { name: "服务看板" })).toBeVisible();
  await page.getByRole("button", { name: "退出" }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin\?next=%2Fdashboard$/);
});

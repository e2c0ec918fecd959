// Test helper: a test app with two signed-in publishers, one of 黄冈市市场监督管理局 and one of
// another department (黄冈市教育局), which must not see or change the first one's records.
import { Browser, buildTestApp, makeDepartment, makeUser, type TestApp } from '../../test/helpers/app.js';

export async function twoDepartmentPublishers(): Promise<{ t: TestApp; b: Browser; other: Browser }> {
  const t = await buildTestApp();
  const dept = await makeDepartment(t, '黄冈市市场监督管理局');
  const u = await makeUser(t, { roles: ['publisher'], departmentId: dept });
  const b = new Browser(t.app);
  await b.login(u.username, u.password);
  const u2 = await makeUser(t, {
    roles: ['publisher'],
    departmentId: await makeDepartment(t, '黄冈市教育局'),
  });
  const other = new Browser(t.app);
  await other.login(u2.username, u2.password);
  return { t, b, other };
}

import { course } from './course.ts';
import { basePath, expect, test } from './fixtures.ts';

const lesson1 = {
  slug: 'what-is-a-statefulset',
  title: 'What a StatefulSet is, and why a database needs one',
};
const lesson2 = {
  slug: 'ordered-pods',
  title: 'One at a time — how db-cluster starts, scales and stops',
};

test.describe('home page', () => {
  test('lists every lesson in course order with links to stable URLs', async ({
    page,
    baseURL,
  }) => {
    await page.goto('./');
    await expect(page).toHaveTitle('StatefulSet Lab');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Understand StatefulSets by watching one work',
    );
    const list = page.getByRole('region', { name: 'Lessons' }).getByRole('listitem');
    // Every lesson, in course order, the first two as they were written.
    await expect(list.getByRole('link')).toHaveText(course.map((lesson) => lesson.title));
    await expect(list.nth(0).getByRole('link')).toHaveText(lesson1.title);
    await expect(list.nth(1).getByRole('link')).toHaveText(lesson2.title);
    await expect(list.nth(0).getByRole('link')).toHaveAttribute(
      'href',
      `${basePath(baseURL)}lessons/${lesson1.slug}/`,
    );
  });

  test('the call to action opens the first lesson', async ({ page }) => {
    await page.goto('./');
    await page.getByRole('link', { name: /Start with lesson 1/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson1.title);
  });
});

test.describe('lesson page', () => {
  test('renders the MDX content, frontmatter and the db-cluster manifest', async ({ page }) => {
    await page.goto(`lessons/${lesson1.slug}/`);
    await expect(page).toHaveTitle(`${lesson1.title} · StatefulSet Lab`);
    await expect(page.getByText(`Lesson 1 of ${course.length} · about 12 min`)).toBeVisible();
    // Objectives come from frontmatter.
    const objectives = page.getByRole('region', { name: 'In this lesson you will' });
    await expect(objectives.getByRole('listitem')).toHaveCount(4);
    // Headings, a table and code come from the MDX body.
    await expect(
      page.getByRole('heading', { level: 2, name: 'Promise 2: storage that follows the pod' }),
    ).toBeVisible();
    await expect(page.getByRole('cell', { name: 'data-volume-db-cluster-1' })).toBeVisible();
    // The manifest is imported from content/files/db-cluster.yaml and highlighted at build time.
    const manifest = page.getByRole('figure', { name: 'File: db-cluster.yaml' }).locator('pre');
    await expect(manifest).toContainText('kind: StatefulSet');
    await expect(manifest).toContainText('serviceName: db-service');
    await expect(manifest).toContainText('image: my-database-image:latest');
  });

  test('previous and next links walk the course', async ({ page }) => {
    await page.goto(`lessons/${lesson1.slug}/`);
    const pager = page.getByRole('navigation', { name: 'Previous and next lesson' });
    await pager.getByRole('link', { name: /Next lesson/ }).click();
    await expect(page).toHaveURL(new RegExp(`/lessons/${lesson2.slug}/$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson2.title);
    await pager.getByRole('link', { name: /Previous lesson/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson1.title);
    await pager.getByRole('link', { name: /All lessons/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Understand StatefulSets by watching one work',
    );
  });

  test('the sidebar lists all lessons and marks the current one', async ({ page }) => {
    await page.goto(`lessons/${lesson2.slug}/`);
    // Beside a workspace the list folds behind the header's Lessons button.
    await page.getByRole('button', { name: 'Lessons' }).click();
    const sidebar = page.getByRole('navigation', { name: 'Lessons' });
    await expect(sidebar.getByRole('link')).toHaveCount(course.length);
    await expect(sidebar.getByRole('link', { name: lesson2.title })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await sidebar.getByRole('link', { name: lesson1.title }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson1.title);
  });

  test('a URL without the trailing slash still reaches the lesson', async ({ page }) => {
    await page.goto(`lessons/${lesson1.slug}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson1.title);
  });
});

test('an unknown address shows the 404 page with a way back', async ({ page, problems }) => {
  const response = await page.goto('lessons/no-such-lesson/');
  expect(response?.status()).toBe(404);
  // The browser reports the 404 document itself as a failed resource: expected here.
  problems.forget((message) => message.includes('404'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Understand StatefulSets by watching one work',
  );
});

test('every link and asset on every page stays inside the site base', async ({
  page,
  baseURL,
  request,
}) => {
  const base = basePath(baseURL);
  const pages = ['./', 'sandbox/', ...course.map((lesson) => `lessons/${lesson.slug}/`)];
  const seen = new Set<string>();
  for (const path of pages) {
    await page.goto(path);
    const urls = await page.evaluate(() =>
      [
        ...[...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? ''),
        ...[...document.querySelectorAll('link[href]')].map((l) => l.getAttribute('href') ?? ''),
        ...[...document.querySelectorAll('script[src], img[src]')].map(
          (s) => s.getAttribute('src') ?? '',
        ),
      ].filter((u) => !u.startsWith('#')),
    );
    expect(urls.length).toBeGreaterThan(3);
    for (const url of urls) {
      // Relative in the HTML, or absolute when the bundler preloads a chunk at run time: either
      // way it must resolve to this origin, under the base path.
      const resolved = new URL(url, page.url());
      expect(resolved.origin, `${url} on ${path}`).toBe(new URL(page.url()).origin);
      expect(resolved.pathname, `${url} on ${path}`).toMatch(
        new RegExp(`^${base.replace(/\//g, '\\/')}`),
      );
      seen.add(resolved.href);
    }
  }
  for (const url of seen) {
    const response = await request.get(new URL(url, baseURL).href);
    expect(response.status(), url).toBe(200);
  }
});

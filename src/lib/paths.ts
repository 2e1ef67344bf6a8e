/**
 * Joins the site's base (`/` or a sub-path such as `/statefulset-lab/`) and a path inside the
 * site. Every internal link goes through this so that a build for a sub-path works when copied
 * to any static host.
 */
export function joinBase(base: string, path: string): string {
  const head = base.endsWith('/') ? base : `${base}/`;
  const tail = path.replace(/^\/+/, '');
  return head + tail;
}

/** The URL of a page or asset in this build, honouring Astro's `base` option. */
export function url(path: string): string {
  return joinBase(import.meta.env.BASE_URL, path);
}

/** The stable URL of a lesson: `/lessons/<slug>/`. */
export function lessonUrl(slug: string): string {
  return url(`lessons/${slug}/`);
}

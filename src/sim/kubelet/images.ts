/**
 * The catalogue of simulated container images. An image outside the catalogue cannot be pulled
 * (ErrImagePull, then ImagePullBackOff), as on a real cluster with a typo in the image name.
 */

/** How a simulated image behaves. */
export interface ImageInfo {
  /** Compressed size the kubelet reports in its Pulled event. */
  readonly sizeBytes: number;
  /** True when the main process exits promptly (code 0) on SIGTERM. */
  readonly stopsOnSigterm: boolean;
}

/** Known repositories (normalised, without tag) and their behaviour. */
export const IMAGE_CATALOGUE: Readonly<Record<string, ImageInfo>> = {
  'docker.io/library/my-database-image': { sizeBytes: 163_842_061, stopsOnSigterm: true },
  'docker.io/library/mysql': { sizeBytes: 170_203_519, stopsOnSigterm: true },
  'docker.io/library/nginx': { sizeBytes: 72_099_410, stopsOnSigterm: true },
  'registry.k8s.io/nginx-slim': { sizeBytes: 17_520_429, stopsOnSigterm: true },
  'docker.io/library/busybox': { sizeBytes: 727_869, stopsOnSigterm: false },
  'registry.k8s.io/busybox': { sizeBytes: 1_144_547, stopsOnSigterm: false },
  // The system pods' images, preloaded on kind's node image (sizes: GUESS).
  'docker.io/kindest/kindnetd': { sizeBytes: 39_000_000, stopsOnSigterm: true },
  'docker.io/kindest/local-path-provisioner': { sizeBytes: 22_000_000, stopsOnSigterm: true },
  'registry.k8s.io/coredns/coredns': { sizeBytes: 22_400_000, stopsOnSigterm: true },
  'registry.k8s.io/etcd': { sizeBytes: 58_900_000, stopsOnSigterm: true },
  'registry.k8s.io/kube-apiserver': { sizeBytes: 30_100_000, stopsOnSigterm: true },
  'registry.k8s.io/kube-controller-manager': { sizeBytes: 27_600_000, stopsOnSigterm: true },
  'registry.k8s.io/kube-proxy': { sizeBytes: 30_900_000, stopsOnSigterm: true },
  'registry.k8s.io/kube-scheduler': { sizeBytes: 21_300_000, stopsOnSigterm: true },
};

/** A parsed image reference. */
export interface ImageRef {
  /** Repository with registry, e.g. `docker.io/library/nginx`. */
  readonly repository: string;
  /** Tag (`latest` when none was given) or digest. */
  readonly tag: string;
  /** The fully qualified reference containerd resolves, e.g. `docker.io/library/nginx:latest`. */
  readonly full: string;
}

/** Normalises an image name the way containerd does (docker.io/library/ for bare names). */
export function parseImage(image: string): ImageRef {
  const at = image.indexOf('@');
  const nameAndTag = at >= 0 ? image.slice(0, at) : image;
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const lastSlash = nameAndTag.lastIndexOf('/');
  const colon = nameAndTag.lastIndexOf(':');
  const hasTag = colon > lastSlash;
  let repo = hasTag ? nameAndTag.slice(0, colon) : nameAndTag;
  const tag = digest ?? (hasTag ? nameAndTag.slice(colon + 1) : 'latest');
  const first = repo.split('/')[0] ?? '';
  const hasDomain =
    repo.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasDomain) repo = repo.includes('/') ? `docker.io/${repo}` : `docker.io/library/${repo}`;
  const full = digest !== undefined ? `${repo}@${digest}` : `${repo}:${tag}`;
  return { repository: repo, tag, full };
}

/** The catalogue entry of an image, or undefined when it cannot be pulled. */
export function lookupImage(image: string): ImageInfo | undefined {
  return IMAGE_CATALOGUE[parseImage(image).repository];
}

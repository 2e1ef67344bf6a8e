/** Creates an element with a class and optional text: the only DOM helper the views need. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Sets text only when it changed, so unchanged nodes are not touched (or re-announced). */
export function setText(node: Element, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

/** Sets or removes a data attribute only when it changed (CSS transitions key off them). */
export function setData(node: HTMLElement, name: string, value: string | undefined): void {
  if (value === undefined) {
    if (name in node.dataset) delete node.dataset[name];
  } else if (node.dataset[name] !== value) {
    node.dataset[name] = value;
  }
}

/**
 * Until the page's data is decoded, the events React would answer with a synchronous hydration attempt stop at the
 * window (their default actions still happen: the letter is typed, the form posts, the link opens).
 *
 * Why: with single fetch, RemixBrowser suspends on its first render until the page's data stream is decoded.
 * React 18 meets a key press or tap in that moment by hydrating the root synchronously; the suspension then
 * ends in "Root did not complete" (#345) and the page never hydrates: a resident typing their phone number
 * while a slow phone loads /login lost the page's JavaScript for good. React stops these events itself while
 * it is not hydrated (it does not replay them), so stopping them first loses nothing.
 * The list is React 18's "discrete events that require hydration".
 */
const eventsThatForceHydration = [
  "mousedown",
  "mouseup",
  "touchcancel",
  "touchend",
  "touchstart",
  "auxclick",
  "dblclick",
  "pointercancel",
  "pointerdown",
  "pointerup",
  "dragend",
  "dragstart",
  "drop",
  "compositionend",
  "compositionstart",
  "keydown",
  "keypress",
  "keyup",
  "input",
  "textInput",
  "copy",
  "cut",
  "paste",
  "click",
  "change",
  "contextmenu",
  "reset",
  "submit",
] as const;

let release: (() => void) | null = null;

/** Starts holding events back (entry.client.tsx, before hydrateRoot). */
export function holdEventsUntilDataDecoded(target: Window = window): void {
  const stop = (event: Event) => event.stopImmediatePropagation();
  for (const type of eventsThatForceHydration) target.addEventListener(type, stop, { capture: true });
  release = () => {
    for (const type of eventsThatForceHydration) target.removeEventListener(type, stop, { capture: true });
    release = null;
  };
}

/**
 * Lets events through again. Called while the app renders in the browser: rendering means RemixBrowser is past
 * its data, so from then on a synchronous hydration has nothing to suspend on and React answers the event
 * itself, as it would without single fetch. Idempotent, so a render may call it every time.
 */
export function letEventsThrough(): void {
  release?.();
}

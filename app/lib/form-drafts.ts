// What someone has typed into the page's forms survives the header's 大字模式 and language switches: both
// reload the page (the language's strings are a chunk of their own), which used to lose a half-written wish.
// The switch saves the page's fields to sessionStorage just before it submits; the reloaded page puts them back
// once hydrated, then forgets them. Without JavaScript nothing is kept (and nothing is lost that was not before).

const STORAGE_KEY = "linli.formDrafts";
/** A draft is for the reload that follows at once, not for a visit to the page later. */
const FRESH_MS = 60_000;

interface FieldDraft {
  form: number;
  name: string;
  /** Which of the fields with this name in the form (radio buttons and checkboxes share one). */
  index: number;
  value: string;
  checked?: boolean;
}

interface Drafts {
  path: string;
  savedAt: number;
  fields: FieldDraft[];
}

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

const SKIPPED_TYPES = new Set(["hidden", "password", "file", "submit", "button", "reset", "image"]);

/** The fields worth keeping: what a person typed or chose in the page's own forms (not the header's). */
function fieldsOf(root: ParentNode): { form: number; field: Field; index: number }[] {
  const found: { form: number; field: Field; index: number }[] = [];
  root.querySelectorAll("main form").forEach((form, formIndex) => {
    const seen = new Map<string, number>();
    for (const element of Array.from((form as HTMLFormElement).elements)) {
      if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement)) continue;
      if (!element.name || element.disabled || (element instanceof HTMLInputElement && SKIPPED_TYPES.has(element.type))) continue;
      const index = seen.get(element.name) ?? 0;
      seen.set(element.name, index + 1);
      found.push({ form: formIndex, field: element, index });
    }
  });
  return found;
}

function isCheckable(field: Field): field is HTMLInputElement {
  return field instanceof HTMLInputElement && (field.type === "checkbox" || field.type === "radio");
}

function changed(field: Field): boolean {
  if (isCheckable(field)) return field.checked !== field.defaultChecked;
  if (field instanceof HTMLSelectElement) return Array.from(field.options).some((o) => o.selected !== o.defaultSelected);
  return field.value !== field.defaultValue;
}

/** Keeps what was changed in the page's forms, for the reload the header's switches cause. */
export function saveFormDrafts(path: string, root: ParentNode = document, storage: Storage = sessionStorage, now = Date.now()) {
  const fields = fieldsOf(root)
    .filter(({ field }) => changed(field))
    .map(({ form, field, index }) => ({
      form,
      name: field.name,
      index,
      value: field.value,
      ...(isCheckable(field) ? { checked: field.checked } : {}),
    }));
  try {
    if (fields.length) storage.setItem(STORAGE_KEY, JSON.stringify({ path, savedAt: now, fields } satisfies Drafts));
    else storage.removeItem(STORAGE_KEY);
  } catch {
    // Storage full or refused (private mode): the switch still works, as it did before.
  }
}

/** Sets a field's value as typing would, so that React's controlled fields hear of it too. */
function setAsTyped(field: Field, draft: FieldDraft) {
  if (isCheckable(field)) {
    if (draft.checked !== undefined && field.checked !== draft.checked) field.click();
    return;
  }
  const prototype = Object.getPrototypeOf(field) as object;
  const setter = Object.getOwnPropertyDescriptor(prototype, "value")?.set;
  if (setter) setter.call(field, draft.value);
  else field.value = draft.value;
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? "change" : "input", { bubbles: true }));
}

/** Puts back what the switch kept for this page, once; returns how many fields it restored. */
export function restoreFormDrafts(path: string, root: ParentNode = document, storage: Storage = sessionStorage, now = Date.now()): number {
  let drafts: Drafts | null = null;
  try {
    const raw = storage.getItem(STORAGE_KEY);
    storage.removeItem(STORAGE_KEY);
    drafts = raw ? (JSON.parse(raw) as Drafts) : null;
  } catch {
    return 0;
  }
  if (!drafts || drafts.path !== path || !(now - drafts.savedAt >= 0 && now - drafts.savedAt < FRESH_MS)) return 0;
  const fields = fieldsOf(root);
  let restored = 0;
  for (const draft of drafts.fields) {
    const target = fields.find((f) => f.form === draft.form && f.field.name === draft.name && f.index === draft.index);
    // Only into the same kind of field it came from: a changed page layout never gets someone else's value.
    if (!target || isCheckable(target.field) !== (draft.checked !== undefined)) continue;
    setAsTyped(target.field, draft);
    restored++;
  }
  return restored;
}

import type { i18n as I18n } from "i18next";
import { useTranslation } from "react-i18next";
import type { ReactNode } from "react";

/**
 * A translated message for a field error code (`fieldErrors`) or a domain error's key (`domainErrors`). A code
 * with no translation never reaches the page as raw English: plain ASCII text falls back to the general
 * "please check" message in the page's language (text in Chinese, e.g. from a future module, is shown as it is).
 */
export function fieldErrorText(i18n: Pick<I18n, "exists" | "t">, code: string | undefined): string | undefined {
  if (!code) return undefined;
  if (i18n.exists(`fieldErrors.${code}`)) return i18n.t(`fieldErrors.${code}`);
  if (i18n.exists(`domainErrors.${code}`)) return i18n.t(`domainErrors.${code}`);
  return /^[\x20-\x7e]*$/.test(code) ? i18n.t("fieldErrors.validation_failed") : code;
}

export function useFieldError() {
  const { i18n } = useTranslation();
  return (code: string | undefined) => fieldErrorText(i18n, code);
}

interface FieldProps {
  name: string;
  label: string;
  error?: string;
  type?: string;
  defaultValue?: string;
  required?: boolean;
  autoComplete?: string;
  hint?: string;
  inputMode?: "text" | "tel" | "email" | "numeric";
}

export function TextField({ name, label, error, type = "text", defaultValue, required, autoComplete, hint, inputMode }: FieldProps) {
  const message = useFieldError()(error);
  const id = `field-${name}`;
  return (
    <div className={`field${message ? " field--error" : ""}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        required={required}
        autoComplete={autoComplete}
        inputMode={inputMode}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${id}-error` : hint ? `${id}-hint` : undefined}
      />
      {hint && !message ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {message ? (
        <p id={`${id}-error`} className="field__error" role="alert">
          {message}
        </p>
      ) : null}
    </div>
  );
}

export function SelectField({ name, label, error, defaultValue, required, children }: Omit<FieldProps, "type"> & { children: ReactNode }) {
  const message = useFieldError()(error);
  const id = `field-${name}`;
  return (
    <div className={`field${message ? " field--error" : ""}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        required={required}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${id}-error` : undefined}
      >
        {children}
      </select>
      {message ? (
        <p id={`${id}-error`} className="field__error" role="alert">
          {message}
        </p>
      ) : null}
    </div>
  );
}

export function FormError({ error }: { error?: string }) {
  const message = useFieldError()(error);
  return message ? (
    <p className="form-error" role="alert">
      {message}
    </p>
  ) : null;
}

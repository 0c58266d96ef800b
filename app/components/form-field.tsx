import { useTranslation } from "react-i18next";
import type { ReactNode } from "react";

/** A translated message for a field error code (zod messages that are not codes are shown as they are). */
export function useFieldError() {
  const { t } = useTranslation();
  return (code: string | undefined) => (code ? t(`fieldErrors.${code}`, { defaultValue: code }) : undefined);
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

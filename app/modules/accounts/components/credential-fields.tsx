import { useTranslation } from "react-i18next";
import { TextField, useFieldError } from "~/components/form-field";

// The fields people sign in and sign up with, the same everywhere they are asked for: signing in, signing up,
// accepting an invitation, changing or resetting a password, closing an account.

/** The sign-in name: an e-mail address or a phone number. */
export function LoginField({ error, defaultValue, hint }: { error?: string; defaultValue?: string; hint?: string }) {
  const { t } = useTranslation();
  return (
    <TextField
      name="login"
      label={t("auth.login")}
      hint={hint}
      error={error}
      defaultValue={defaultValue}
      autoComplete="username"
      required
    />
  );
}

/** The password the person has now: to sign in, or to confirm a change. */
export function CurrentPasswordField({ name = "password", label, error }: { name?: string; label: string; error?: string }) {
  return <TextField name={name} type="password" label={label} error={error} autoComplete="current-password" required />;
}

/** A password being chosen, with its rules as the hint. */
export function NewPasswordField({ name = "password", label, error }: { name?: string; label: string; error?: string }) {
  const { t } = useTranslation();
  return (
    <TextField name={name} type="password" label={label} hint={t("auth.passwordHint")} error={error} autoComplete="new-password" required />
  );
}

/** A new password and the same again (changing it on the account page, setting it with a reset code). */
export function NewPasswordPair({ errors }: { errors: Record<string, string | undefined> }) {
  const { t } = useTranslation();
  return (
    <>
      <NewPasswordField name="newPassword" label={t("account.newPassword")} error={errors.newPassword} />
      <TextField
        name="confirmPassword"
        type="password"
        label={t("account.confirmPassword")}
        error={errors.confirmPassword}
        autoComplete="new-password"
        required
      />
    </>
  );
}

/** The name others see: one's own at sign-up, or a resident's typed by staff. */
export function DisplayNameField({
  forResident = false,
  error,
  defaultValue,
}: {
  forResident?: boolean;
  error?: string;
  defaultValue?: string;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      name="displayName"
      label={forResident ? t("residents.displayName") : t("auth.displayName")}
      hint={forResident ? t("residents.displayNameHint") : t("auth.displayNameHint")}
      error={error}
      defaultValue={defaultValue}
      required
      autoComplete={forResident ? undefined : "nickname"}
    />
  );
}

/** The consent box of a new account, with its error under it (`markInvalid`: the box itself says it is at fault). */
export function ConsentField({ label, error, markInvalid = false }: { label: string; error?: string; markInvalid?: boolean }) {
  const fieldError = useFieldError();
  return (
    <>
      <label className="choice">
        <input type="checkbox" name="consent" value="on" aria-invalid={markInvalid && error ? true : undefined} /> {label}
      </label>
      {error ? (
        <p className="field__error" role="alert">
          {fieldError(error)}
        </p>
      ) : null}
    </>
  );
}

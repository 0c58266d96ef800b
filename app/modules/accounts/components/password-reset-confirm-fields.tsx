import { useTranslation } from "react-i18next";
import { FormError, TextField } from "~/components/form-field";

/** The login, the code and the new password twice: the same fields after asking for a code and on the code page. */
export function PasswordResetConfirmFields({ errors, login, code }: { errors: Record<string, string>; login?: string; code?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <FormError error={errors._form} />
      <TextField name="login" label={t("auth.login")} error={errors.login} defaultValue={login} autoComplete="username" required />
      <TextField
        name="code"
        label={t("passwordReset.code")}
        hint={t("passwordReset.codeHint")}
        error={errors.code}
        defaultValue={code}
        inputMode="numeric"
        autoComplete="one-time-code"
        required
      />
      <TextField
        name="newPassword"
        type="password"
        label={t("account.newPassword")}
        hint={t("auth.passwordHint")}
        error={errors.newPassword}
        autoComplete="new-password"
        required
      />
      <TextField
        name="confirmPassword"
        type="password"
        label={t("account.confirmPassword")}
        error={errors.confirmPassword}
        autoComplete="new-password"
        required
      />
      <button type="submit" className="button">
        {t("passwordReset.setPassword")}
      </button>
    </>
  );
}

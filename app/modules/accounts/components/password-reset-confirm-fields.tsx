import { useTranslation } from "react-i18next";
import { LoginField, NewPasswordPair } from "./credential-fields";
import { FormError, TextField } from "~/components/form-field";

/** The login, the code and the new password twice: the same fields after asking for a code and on the code page. */
export function PasswordResetConfirmFields({ errors, login, code }: { errors: Record<string, string>; login?: string; code?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <FormError error={errors._form} />
      <LoginField error={errors.login} defaultValue={login} />
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
      <NewPasswordPair errors={errors} />
      <button type="submit" className="button">
        {t("passwordReset.setPassword")}
      </button>
    </>
  );
}

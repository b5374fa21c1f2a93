import { useState } from 'preact/hooks';
import { ApiError, describeError } from './api';

/** The reason of a field's error without the field's name the server's message starts with. */
function reasonOf(error: ApiError): string {
  return error.message.replace(/^setting "[^"]*": `[^`]*` /, '').replace(/^[\w.]+: /, '');
}

export interface FormState {
  error: string;
  notice: string;
  isBusy: boolean;
  /** The server's reason for a field (`name`, `0.href`, `links.1.label`), when it refused it. */
  errorOf(field: string): string | undefined;
  /** Attributes that tie an input to its error message. */
  invalid(field: string): { 'aria-invalid'?: 'true'; 'aria-describedby'?: string };
  /** Runs a request: clears old messages, shows `done` on success, the field and reason on a 400. */
  submit(work: () => Promise<unknown>, done?: string): Promise<boolean>;
}

const errorId = (field: string) => `error-${field.replace(/\W/g, '-')}`;

/** One form's messages: the whole answer's error or notice, and each refused field's reason by the field. */
export function useFormState(): FormState {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [isBusy, setIsBusy] = useState(false);
  return {
    error,
    notice,
    isBusy,
    errorOf: (field) => fields[field],
    invalid: (field) => (fields[field] ? { 'aria-invalid': 'true', 'aria-describedby': errorId(field) } : {}),
    async submit(work, done) {
      setError('');
      setNotice('');
      setFields({});
      setIsBusy(true);
      try {
        await work();
        if (done) setNotice(done);
        return true;
      } catch (failure) {
        if (failure instanceof ApiError && failure.field) setFields({ [failure.field]: reasonOf(failure) });
        setError(describeError(failure));
        return false;
      } finally {
        setIsBusy(false);
      }
    },
  };
}

/** A field's error under its input (the input points at it with `aria-describedby`). */
export function FieldError({ form, field }: { form: FormState; field: string }) {
  const reason = form.errorOf(field);
  return reason ? (
    <span class="field-error" id={errorId(field)}>
      {reason}
    </span>
  ) : null;
}

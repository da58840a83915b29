import { ModelCiError } from '../../../core/errors.js';

/** A registry refused or failed a request; the message names the registry and what was being done. */
export class RegistryError extends ModelCiError {
  override name = 'RegistryError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The registry wants credentials we do not have, or refused the ones we sent (HTTP 401/403). */
export class RegistryAuthError extends RegistryError {
  override name = 'RegistryAuthError';
}

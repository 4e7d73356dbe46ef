/** Secrets and their masking: {@link io.haprovision.secret.Secret} and {@link io.haprovision.secret.Redactor}. */
package io.haprovision.secret;

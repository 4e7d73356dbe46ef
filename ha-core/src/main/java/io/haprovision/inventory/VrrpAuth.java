package io.haprovision.inventory;

import io.haprovision.secret.Secret;

/** VRRPv2 authentication of an instance: type and password (a {@link Secret}). */
public record VrrpAuth(AuthType type, Secret password) {}

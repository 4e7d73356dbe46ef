/**
 * {@code provision import bonder}: reading a bonder pair built from Multapplied's
 * swap-active-bond guide into an inventory ({@link io.haprovision.bonder.adopt.BonderImporter}),
 * read-only; the API password is never read off the bonders.
 */
package io.haprovision.bonder.adopt;

/** RouterOS import's pure part on real exports from the corpus. */
package io.haprovision.mikrotik.adopt;

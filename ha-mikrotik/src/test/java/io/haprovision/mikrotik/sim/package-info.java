/** The MikroTik platform against the RouterOS simulator of ha-lab, over real SSH, both dialects. */
package io.haprovision.mikrotik.sim;

/**
 * What a node has now, as its probes found it: per resource a typed
 * {@link io.haprovision.resource.ResourceState}, its current VRRP role and keepalived's
 * status ({@link io.haprovision.facts.NodeFacts}), looked up by the planner through
 * {@link io.haprovision.facts.FactsLookup}.
 */
package io.haprovision.facts;

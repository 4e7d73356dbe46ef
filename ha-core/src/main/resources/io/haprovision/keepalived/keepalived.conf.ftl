<#-- keepalived.conf for one node. Every value arrives checked and formatted by
     KeepalivedRenderer; this template only lays the blocks out. -->
# Managed by ha-provision: local changes are overwritten on the next apply.
# Node ${global.routerId}

global_defs {
    router_id ${global.routerId}
<#if global.scriptSecurity>
    enable_script_security
    script_user root
</#if>
<#if global.mcastGroup4??>
    vrrp_mcast_group4 ${global.mcastGroup4}
</#if>
<#if global.mcastGroup6??>
    vrrp_mcast_group6 ${global.mcastGroup6}
</#if>
<#if global.reloadCheckConfig>
    reload_check_config
</#if>
}
<#list scripts as s>

vrrp_script ${s.name} {
<#list s.lines as line>
    ${line}
</#list>
}
</#list>
<#if drain??>

<#-- Drain: see DrainFile. init_file writes the value only when the file is missing. -->
track_file ${drain.name} {
    file "${drain.file}"
    weight 1
    init_file ${drain.initial}
}
</#if>
<#if syncGroup??>

vrrp_sync_group ${syncGroup.name} {
    group {
<#list syncGroup.instances as member>
        ${member}
</#list>
    }
<#if syncGroup.trackScripts?has_content>
    track_script {
<#list syncGroup.trackScripts as t>
        ${t}
</#list>
    }
</#if>
<#list syncGroup.notify as line>
    ${line}
</#list>
<#if drain??>
    sync_group_tracking_weight
</#if>
}
</#if>
<#list instances as i>

vrrp_instance ${i.name} {
<#list i.head as line>
    ${line}
</#list>
<#if i.auth??>
    authentication {
<#list i.auth as line>
        ${line}
</#list>
    }
</#if>
<#if i.unicastPeers?has_content>
    unicast_peer {
<#list i.unicastPeers as peer>
        ${peer}
</#list>
    }
</#if>
<#if i.vips?has_content>
    virtual_ipaddress {
<#list i.vips as vip>
        ${vip}
</#list>
    }
</#if>
<#if i.trackInterfaces?has_content>
    track_interface {
<#list i.trackInterfaces as t>
        ${t}
</#list>
    }
</#if>
<#if i.trackScripts?has_content>
    track_script {
<#list i.trackScripts as t>
        ${t}
</#list>
    }
</#if>
<#if drain??>
    track_file {
        ${drain.name}
    }
</#if>
<#if i.routes?has_content>
    virtual_routes {
<#list i.routes as r>
        ${r}
</#list>
    }
</#if>
<#list i.notify as line>
    ${line}
</#list>
}
</#list>

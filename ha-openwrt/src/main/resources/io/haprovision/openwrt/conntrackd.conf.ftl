# Managed by ha-provision: local changes are overwritten on the next apply.
# conntrackd of node ${node} (pair ${pair}): FTFW sync with ${peerName} over ${interface}.
# The role hook commits, flushes, resyncs and bulk-sends on MASTER (-c -f -R -B),
# requests a resync on BACKUP (-n) and shortens the kernel timers on FAULT (-t).

Sync {
	Mode FTFW {
		# Keep the peer's connections in the external cache until this node becomes
		# MASTER and commits them into the kernel.
		DisableExternalCache Off
		CommitTimeout 1800
		PurgeTimeout 5
	}

	UDP {
		${family}_address ${own}
		${family}_Destination_Address ${peer}
		Port ${port}
		Interface ${interface}
		SndSocketBuffer ${sendBuffer}
		RcvSocketBuffer ${receiveBuffer}
		Checksum ${checksum}
	}
}

General {
	HashSize ${hashSize}
	HashLimit ${hashLimit}
	LogFile off
	Syslog on
	LockFile ${lockFile}
	UNIX {
		Path ${socket}
	}
	NetlinkBufferSize 2097152
	NetlinkBufferSizeMaxGrowth 8388608
	Filter From Userspace {
		Protocol Accept {
			TCP
			UDP
			ICMP
		}
		# The routers' own connections are not synced.
		Address Ignore {
<#list ignored as i>
			${i.keyword} ${i.address} # ${i.why}
</#list>
		}
	}
}

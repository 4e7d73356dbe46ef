#!/bin/sh
# Managed by ha-provision: local changes are overwritten on the next apply.
#
# keepalived's generic notify program on a Multapplied bonder:
#
#   bonder-notify CONFIG TYPE NAME STATE PRIORITY
#
# keepalived appends TYPE (INSTANCE or GROUP), NAME, STATE and PRIORITY to the command
# in keepalived.conf. On MASTER this moves the floating routing objects to this bonder's
# bond through the management server's API, in this order: disable the peer's CPE NAT
# IPs, routes and connected IPs, then enable the local connected IPs, CPE NAT IPs and
# routes. Which bond is local and which is the peer's comes from CONFIG, never from
# PRIORITY (track-script weights and sync groups change the priority).
#
# API_VERSION is v3, v4 or auto. With auto the program asks the server's v3 root once per
# MASTER event (GET /api/v3/, the documented list of core resources) and speaks v3, whose
# routing-object paths Multapplied documents, unless that answers 404 (the server dropped
# v3): then v4, at the same paths under /api/v4/, so a failover still works after the
# removal (preflight then stops every run to say so).
#
# Every object is tried even when an earlier one failed, so a failover brings up as much
# as it can. A call is retried ATTEMPTS times, ATTEMPT_DELAY seconds apart, each limited
# to TIMEOUT seconds; an HTTP 4xx answer is final and not retried. Every call is logged
# through syslog (logger); the outcome is written to STATE_FILE. The exit status is 0
# only when every object reached the wanted state. The API password goes to curl on its
# standard input, never on its command line.
#
# keepalived does not wait for one notify before running the next: a run that is still
# retrying when a newer event arrives for the same instance (this bonder became BACKUP, or
# MASTER again) stops before its next call and leaves the objects to the newer run, so an
# old, slow run can never undo a newer failover.

umask 077
# keepalived passes on whatever environment it was started with: make sure the usual
# places are searched (after any the caller gave).
PATH="${PATH:+$PATH:}/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
export PATH

log() {
    level=$1
    shift
    logger -t "${LOG_TAG:-ha-provision-bonder}" -p "daemon.$level" -- "$*" 2>/dev/null || true
}

if [ $# -lt 5 ]; then
    echo "usage: $0 CONFIG TYPE NAME STATE PRIORITY" >&2
    exit 64
fi
CONFIG=$1
TYPE=$2
NAME=$3
STATE=$4
PRIORITY=$5

if [ ! -r "$CONFIG" ]; then
    log err "cannot read $CONFIG; nothing was changed"
    exit 66
fi
. "$CONFIG"

FAILED=""
WORK=$(mktemp -d) || { log err "cannot create a temporary directory; nothing was changed"; exit 70; }
trap 'rm -rf "$WORK"' EXIT

# The newest event of this instance (or group): this run's token, replaced by any later run.
STATE_DIR=$(dirname "$STATE_FILE")
EVENT_FILE="$STATE_DIR/bonder-notify.$(printf '%s' "$NAME" | tr -c 'A-Za-z0-9_.-' '_').event"
TOKEN="$$ $(date +%s) $STATE"
mkdir -p "$STATE_DIR" && printf '%s\n' "$TOKEN" > "$EVENT_FILE.tmp.$$" && mv -f "$EVENT_FILE.tmp.$$" "$EVENT_FILE" \
    || log warning "cannot record this event in $EVENT_FILE; a newer event cannot stop this run"

# True when a later event of the same instance has replaced this run's.
superseded() {
    [ -r "$EVENT_FILE" ] && [ "$(cat "$EVENT_FILE" 2>/dev/null)" != "$TOKEN" ]
}

write_state() {
    mkdir -p "$(dirname "$STATE_FILE")" || return 1
    {
        echo "time=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
        echo "node=$NODE"
        echo "event=$TYPE $NAME $STATE $PRIORITY"
        echo "result=$1"
        echo "failed=$2"
    } > "$STATE_FILE.tmp.$$" && mv -f "$STATE_FILE.tmp.$$" "$STATE_FILE"
}

# curl's options with the credentials, for `curl --config -`: values in double quotes,
# with backslash and double quote escaped.
curl_quote() {
    printf '%s' "$1" | sed 's/[\\"]/\\&/g'
}

curl_config() {
    printf 'user = "%s:%s"\n' "$(curl_quote "$API_USER")" "$(curl_quote "$API_PASSWORD")"
    if [ "$VERIFY_TLS" != "yes" ]; then
        echo "insecure"
    fi
    if [ -n "$CA_FILE" ]; then
        printf 'cacert = "%s"\n' "$(curl_quote "$CA_FILE")"
    fi
}

# True when the answer in $WORK/body shows the object in the wanted state, or says
# nothing about it (an empty body).
answer_agrees() {
    if [ ! -s "$WORK/body" ] || ! grep -q '"enabled"' "$WORK/body"; then
        return 0
    fi
    grep -Eq '"enabled"[[:space:]]*:[[:space:]]*'"$1" "$WORK/body"
}

# set_enabled KIND BOND ID true|false
set_enabled() {
    kind=$1
    bond=$2
    id=$3
    want=$4
    url="$API_URL/api/$VERSION/bonds/$bond/$kind/$id/"
    what="$kind $id of bond $bond"
    attempt=1
    while :; do
        if superseded; then
            log notice "$TYPE $NAME: a newer event ($(cat "$EVENT_FILE" 2>/dev/null | cut -d' ' -f3)) replaced this"\
" $STATE event; stopping before $what, the newer run moves the objects"
            exit 0
        fi
        : > "$WORK/body"
        code=$(curl_config | curl --silent --show-error --config - \
            --request PATCH --header "Content-Type: application/json" \
            --data "{\"enabled\": $want}" --max-time "$TIMEOUT" \
            --output "$WORK/body" --write-out "%{http_code}" "$url" 2> "$WORK/err")
        status=$?
        case $code in
            2??)
                if answer_agrees "$want"; then
                    log info "$what: enabled=$want (HTTP $code, attempt $attempt)"
                    return 0
                fi
                reason="HTTP $code but the answer does not show enabled=$want"
                short="HTTP-$code-not-$want"
                ;;
            4??)
                log err "$what: HTTP $code, not retried; check the id and the API user's rights"
                FAILED="$FAILED $kind/$id:HTTP-$code"
                return 1
                ;;
            ""|000)
                reason="no answer (curl exit $status: $(sed -n 1p "$WORK/err"))"
                short="no-answer"
                ;;
            *)
                reason="HTTP $code"
                short="HTTP-$code"
                ;;
        esac
        if [ "$attempt" -ge "$ATTEMPTS" ]; then
            log err "$what: gave up after $attempt attempts: $reason"
            FAILED="$FAILED $kind/$id:$short"
            return 1
        fi
        log warning "$what: attempt $attempt of $ATTEMPTS failed: $reason; retrying in ${ATTEMPT_DELAY}s"
        sleep "$ATTEMPT_DELAY"
        attempt=$((attempt + 1))
    done
}

if [ "$STATE" != "MASTER" ]; then
    log info "$TYPE $NAME is $STATE (priority $PRIORITY): the objects follow the MASTER, nothing to do here"
    write_state ignored ""
    exit 0
fi

# The API version to speak: API_VERSION, or for auto what the server offers (see the top).
api_version() {
    case ${API_VERSION:-auto} in
        v3|v4) echo "$API_VERSION"; return ;;
    esac
    : > "$WORK/body"
    code=$(curl_config | curl --silent --show-error --config - --max-time "$TIMEOUT" \
        --output "$WORK/body" --write-out "%{http_code}" "$API_URL/api/v3/" 2> "$WORK/err")
    if [ "$code" = 404 ]; then
        echo v4
    else
        echo v3
    fi
}

VERSION=$(api_version)
log notice "$TYPE $NAME is MASTER (priority $PRIORITY): moving the routing objects to bond $LOCAL_BOND"\
" (API $VERSION)"
for id in $PEER_CPE_NAT_IPS; do set_enabled cpe_nat_ips "$PEER_BOND" "$id" false; done
for id in $PEER_ROUTES; do set_enabled routes "$PEER_BOND" "$id" false; done
for id in $PEER_CONNECTED_IPS; do set_enabled connected_ips "$PEER_BOND" "$id" false; done
for id in $LOCAL_CONNECTED_IPS; do set_enabled connected_ips "$LOCAL_BOND" "$id" true; done
for id in $LOCAL_CPE_NAT_IPS; do set_enabled cpe_nat_ips "$LOCAL_BOND" "$id" true; done
for id in $LOCAL_ROUTES; do set_enabled routes "$LOCAL_BOND" "$id" true; done

if [ -n "$FAILED" ]; then
    log err "failover to bond $LOCAL_BOND incomplete; failed:$FAILED"
    write_state failed "${FAILED# }"
    exit 1
fi
log notice "failover to bond $LOCAL_BOND complete"
write_state ok ""
exit 0

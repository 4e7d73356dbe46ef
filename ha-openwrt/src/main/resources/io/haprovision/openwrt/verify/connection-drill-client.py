# ha-provision connection drill client (runs on the pair's probe host, python3).
# Usage: python3 client.py UPSTREAM PORT DIR
# Opens ONE TCP connection to an echo service at UPSTREAM:PORT through the pair and
# never reopens it. Every 100 ms it sends a numbered line and reads the echoes back.
# The drill drives it with files in DIR: `mark-failover` (the MASTER is about to be
# stopped), `mark-after` (the new MASTER holds the VIPs and committed), `stop` (end).
# It keeps DIR/status up to date as JSON: the socket's addresses, lines sent and
# echoed, what was sent and echoed after each mark, the longest silence between two
# echoes since `mark-failover`, and the error that ended the socket, if any.
import json
import os
import socket
import sys
import threading
import time

upstream, port, d = sys.argv[1], int(sys.argv[2]), sys.argv[3]
lock = threading.Lock()
st = {"local": "", "remote": "%s:%d" % (upstream, port), "connects": 0, "sent": 0, "echoed": 0,
      "bytes_sent": 0, "bytes_echoed": 0, "sent_at_failover": -1, "echoed_at_failover": -1,
      "sent_at_after": -1, "echoed_after_after": 0, "bytes_sent_after": 0, "bytes_echoed_after": 0,
      "longest_gap_seconds": 0.0, "error": "", "mismatch": "", "done": False}
t_failover = None
last_echo = None


def save():
    with lock:
        text = json.dumps(st, sort_keys=True)
    tmp = os.path.join(d, "status.tmp")
    with open(tmp, "w") as f:
        f.write(text + "\n")
    os.replace(tmp, os.path.join(d, "status"))


def reader(sock):
    global last_echo
    buf = b""
    expected = 1
    while True:
        try:
            data = sock.recv(4096)
        except OSError as e:
            with lock:
                st["error"] = st["error"] or "receive: %s" % e
            return
        if not data:
            with lock:
                st["error"] = st["error"] or "the upstream closed the connection"
            return
        buf += data
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            now = time.monotonic()
            with lock:
                try:
                    seq = int(line.split()[1])
                except (IndexError, ValueError):
                    st["mismatch"] = st["mismatch"] or "unexpected echo %r" % line[:40]
                    continue
                if seq != expected:
                    st["mismatch"] = st["mismatch"] or "echo %d arrived where %d was due" % (seq, expected)
                expected = seq + 1
                st["echoed"] += 1
                st["bytes_echoed"] += len(line) + 1
                if st["sent_at_after"] >= 0 and seq > st["sent_at_after"]:
                    st["echoed_after_after"] += 1
                    st["bytes_echoed_after"] += len(line) + 1
                if t_failover is not None:
                    gap = now - (last_echo if last_echo is not None and last_echo > t_failover else t_failover)
                    st["longest_gap_seconds"] = max(st["longest_gap_seconds"], round(gap, 3))
                last_echo = now


def main():
    global t_failover
    try:
        sock = socket.create_connection((upstream, port), timeout=5)
    except OSError as e:
        st["error"] = "connect: %s" % e
        st["done"] = True
        save()
        return 1
    sock.settimeout(None)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    st["connects"] = 1
    st["local"] = "%s:%d" % sock.getsockname()[:2]
    threading.Thread(target=reader, args=(sock,), daemon=True).start()
    deadline = time.monotonic() + 600
    seq = 0
    while time.monotonic() < deadline and not os.path.exists(os.path.join(d, "stop")):
        now = time.monotonic()
        with lock:
            if t_failover is None and os.path.exists(os.path.join(d, "mark-failover")):
                t_failover = now
                st["sent_at_failover"] = st["sent"]
                st["echoed_at_failover"] = st["echoed"]
            if st["sent_at_after"] < 0 and os.path.exists(os.path.join(d, "mark-after")):
                st["sent_at_after"] = st["sent"]
            if t_failover is not None:
                since = now - (last_echo if last_echo is not None and last_echo > t_failover else t_failover)
                st["longest_gap_seconds"] = max(st["longest_gap_seconds"], round(since, 3))
            failed = bool(st["error"])
        if failed:
            break
        seq += 1
        line = ("ha-provision-drill %d\n" % seq).encode()
        try:
            sock.sendall(line)
        except OSError as e:
            with lock:
                st["error"] = st["error"] or "send: %s" % e
            break
        with lock:
            st["sent"] = seq
            st["bytes_sent"] += len(line)
            if st["sent_at_after"] >= 0 and seq > st["sent_at_after"]:
                st["bytes_sent_after"] += len(line)
        save()
        time.sleep(0.1)
    time.sleep(0.5)  # the last echoes in flight
    with lock:
        st["done"] = True
    save()
    sock.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

# Lab helper for TakeoverOrderLabTest (ha-provision's own): three roles in one file.
#
#   flows.py server ADDR PORT
#       One-thread echo server for thousands of connections. A connection whose first
#       byte is 'C' is chatty: the server also sends it a byte every 20 ms, so packets
#       from the upstream to the VIP are in flight whenever a takeover happens.
#   flows.py client ADDR PORT COUNT CHATTY DIR
#       Opens COUNT connections (the first CHATTY of them chatty), checks each echoes,
#       writes DIR/connected; when DIR/check appears, sends 'x' on every connection and
#       waits up to 30 s for it to come back; writes DIR/result (JSON): how many came
#       back, how many were reset, how many stayed silent.
#   flows.py probe SRC VIP PORT
#       Sends one TCP ACK from SRC to VIP:PORT that belongs to no connection (a raw
#       packet) and prints "reset" if a TCP reset comes back within 2 s, else "silent".
#   flows.py watch VIP COUNT_TARGET OUT
#       On the router taking over: polls every millisecond until the VIP is bound
#       (binding a socket to it succeeds) and the kernel's connection table holds
#       COUNT_TARGET entries; writes OUT (JSON) with both moments on /proc/uptime's
#       clock (seconds) and on the monotonic clock (their difference in ms).
import json
import os
import resource
import selectors
import socket
import sys
import time


def uptime():
    with open("/proc/uptime") as f:
        return float(f.read().split()[0])


def server(addr, port):
    sel = selectors.DefaultSelector()
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((addr, port))
    srv.listen(4096)
    srv.setblocking(False)
    sel.register(srv, selectors.EVENT_READ, None)
    chatty = set()
    next_ping = time.monotonic()
    while True:
        for key, _ in sel.select(timeout=0.005):
            if key.data is None:
                try:
                    c, _ = srv.accept()
                except OSError:
                    continue
                c.setblocking(False)
                sel.register(c, selectors.EVENT_READ, "conn")
                continue
            c = key.fileobj
            try:
                data = c.recv(4096)
            except (BlockingIOError, InterruptedError):
                continue
            except OSError:
                data = b""
            if not data:
                sel.unregister(c)
                chatty.discard(c)
                c.close()
                continue
            if data[:1] == b"C":
                chatty.add(c)
            try:
                c.send(data)
            except OSError:
                pass
        now = time.monotonic()
        if now >= next_ping:
            next_ping = now + 0.02
            for c in list(chatty):
                try:
                    c.send(b"p")
                except (BlockingIOError, InterruptedError):
                    pass
                except OSError:
                    chatty.discard(c)


def client(addr, port, count, chatty, out):
    resource.setrlimit(resource.RLIMIT_NOFILE, (count + 256, count + 256))
    socks = []
    for i in range(count):
        s = socket.create_connection((addr, port), timeout=10)
        s.sendall(b"C" if i < chatty else b"I")
        first = s.recv(1)
        if first not in (b"C", b"I"):
            raise SystemExit("connection %d: no echo (%r)" % (i, first))
        socks.append(s)
    with open(os.path.join(out, "connected"), "w") as f:
        f.write("%d\n" % len(socks))
    while not os.path.exists(os.path.join(out, "check")):
        time.sleep(0.05)
    sel = selectors.DefaultSelector()
    state = {}
    reset = 0
    for s in socks:
        try:
            s.sendall(b"x")
        except OSError:
            reset += 1
            continue
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ)
        state[s] = False
    deadline = time.monotonic() + 30
    waiting = len(state)
    while waiting and time.monotonic() < deadline:
        for key, _ in sel.select(timeout=0.5):
            s = key.fileobj
            try:
                data = s.recv(65536)
            except (BlockingIOError, InterruptedError):
                continue
            except OSError:
                data = None
            if not data:
                sel.unregister(s)
                del state[s]
                reset += 1
                waiting -= 1
            elif b"x" in data:
                sel.unregister(s)
                state[s] = True
                waiting -= 1
    echoed = sum(1 for ok in state.values() if ok)
    result = {"count": count, "chatty": chatty, "echoed": echoed, "reset": reset,
              "silent": count - echoed - reset}
    with open(os.path.join(out, "result.tmp"), "w") as f:
        json.dump(result, f)
    os.rename(os.path.join(out, "result.tmp"), os.path.join(out, "result"))


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum((data[i] << 8) + data[i + 1] for i in range(0, len(data), 2))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def probe(src, vip, port):
    import random
    import struct
    sport = random.randint(40000, 60000)
    s_ip, d_ip = socket.inet_aton(src), socket.inet_aton(vip)
    tcp = struct.pack("!HHIIBBHHH", sport, port, 12345, 67890, 5 << 4, 0x10, 64240, 0, 0)  # ACK only
    pseudo = s_ip + d_ip + struct.pack("!BBH", 0, socket.IPPROTO_TCP, len(tcp))
    tcp = tcp[:16] + struct.pack("!H", checksum(pseudo + tcp)) + tcp[18:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0, 64, socket.IPPROTO_TCP, 0, s_ip, d_ip)
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    listen = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_TCP)
    listen.settimeout(0.2)
    send = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    send.sendto(ip + tcp, (vip, 0))
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        try:
            packet = listen.recv(65535)
        except socket.timeout:
            continue
        ihl = (packet[0] & 0x0F) * 4
        if packet[12:16] != d_ip or len(packet) < ihl + 14:
            continue
        p_sport, p_dport = struct.unpack("!HH", packet[ihl:ihl + 4])
        if p_sport == port and p_dport == sport and packet[ihl + 13] & 0x04:
            print("reset")
            return
    print("silent")


def watch(vip, target, out):
    seen = {}
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(seen) < 2:
        if "vip_bound" not in seen:
            try:
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                s.bind((vip, 0))
                s.close()
                seen["vip_bound"] = (time.monotonic(), uptime())
            except OSError:
                pass
        if "table_full" not in seen:
            with open("/proc/sys/net/netfilter/nf_conntrack_count") as f:
                if int(f.read()) >= target:
                    seen["table_full"] = (time.monotonic(), uptime())
        time.sleep(0.001)
    result = {k + "_uptime": v[1] for k, v in seen.items()}
    if len(seen) == 2:
        result["table_full_after_vip_ms"] = round((seen["table_full"][0] - seen["vip_bound"][0]) * 1000, 1)
    with open(out + ".tmp", "w") as f:
        json.dump(result, f)
    os.rename(out + ".tmp", out)


if __name__ == "__main__":
    role = sys.argv[1]
    if role == "server":
        server(sys.argv[2], int(sys.argv[3]))
    elif role == "client":
        client(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6])
    elif role == "probe":
        probe(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif role == "watch":
        watch(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        raise SystemExit("usage: flows.py server|client|watch ...")

#!/usr/bin/env python3
"""An Arduino OTA (espota) device simulator for the ESPOTA tests, written from the protocol facts in
../shared/reference/mdns-ota.md §2. It answers invitations on UDP IP:PORT as the chosen flavor
does, connects back over TCP, takes the image in chunks and acknowledges each read with its byte
count, checks the MD5 and says OK or the flavor's error text. One line per upload on standard
output: "ready" at start, then "done N" (the image, N bytes, is written to --output) or
"failed REASON".

Flavors: esp8266 (MD5 auth, OK only after Update.begin, 'ERR: ...' when begin fails, OK sent
separately after the last ack), esp32 (MD5 auth, OK at once, verdict glued to the last ack,
'Wrong Magic Byte' for an image not starting with 0xE9), esp32-sha256 (as esp32, with the
PBKDF2-SHA256 challenge of 64 hex digits).
Options: --password P; --password-hash md5 (esp32-sha256: the device stored md5(password));
--fail begin|md5; --split-acks (each chunk is read in two parts and acknowledged twice, so acks
arrive glued); --max-size N (a larger image fails Update.begin).
"""
import argparse
import hashlib
import os
import socket
import sys


def say(line):
    print(line, flush=True)


def challenge_ok(flavor, password, password_hash, nonce, cnonce, response):
    if flavor == "esp32-sha256":
        if len(cnonce) != 64 or len(response) != 64:
            return False
        stored = (hashlib.md5 if password_hash == "md5" else hashlib.sha256)(password.encode()).hexdigest()
        dk = hashlib.pbkdf2_hmac("sha256", stored.encode(), f"{nonce}:{cnonce}".encode(), 10000, 32).hex()
        return hashlib.sha256(f"{dk}:{nonce}:{cnonce}".encode()).hexdigest() == response
    if len(cnonce) != 32 or len(response) != 32:
        return False
    stored = hashlib.md5(password.encode()).hexdigest()
    return hashlib.md5(f"{stored}:{nonce}:{cnonce}".encode()).hexdigest() == response


def receive_image(args, host, port, size, md5):
    connection = socket.create_connection((host, port), timeout=5)
    connection.settimeout(1.0)  # the device's idle timeout
    image = bytearray()
    esp32 = args.flavor.startswith("esp32")
    try:
        while len(image) < size:
            try:
                chunk = connection.recv(1460 if esp32 else 4096)
            except socket.timeout:
                return "failed receive timeout"
            if not chunk:
                return "failed the host closed the connection"
            if not image and esp32 and chunk[0] != 0xE9:
                connection.sendall(b"Wrong Magic Byte\r\n")
                return "failed magic"
            parts = [chunk[: len(chunk) // 2], chunk[len(chunk) // 2:]] if args.split_acks and len(chunk) > 1 else [chunk]
            for index, part in enumerate(parts):
                image += part
                last = len(image) >= size and index == len(parts) - 1
                if last:
                    break
                connection.sendall(str(len(part)).encode())
        ack = str(len(parts[-1])).encode()
        calculated = hashlib.md5(image).hexdigest()
        good = calculated == md5 and args.fail != "md5"
        if good:
            # Flashed before the verdict goes out, as Update.end() does.
            with open(args.output, "wb") as handle:
                handle.write(image)
        if esp32:
            connection.sendall(ack + (b"OK" if good else b"MD5 Check Failed\r\n"))
        else:
            connection.sendall(ack)
            if good:
                connection.sendall(b"OK")
            else:
                connection.sendall(f"ERROR[7]: MD5 verification failed: expected: {md5}, calculated: {calculated}\n".encode())
        if not good:
            return "failed md5"
        return f"done {len(image)}"
    finally:
        connection.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ip", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--flavor", choices=["esp8266", "esp32", "esp32-sha256"], required=True)
    parser.add_argument("--password")
    parser.add_argument("--password-hash", choices=["sha256", "md5"], default="sha256")
    parser.add_argument("--fail", choices=["begin", "md5"])
    parser.add_argument("--split-acks", action="store_true")
    parser.add_argument("--max-size", type=int, default=4 << 20)
    parser.add_argument("--output", required=True)
    args = parser.parse_args()

    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind((args.ip, args.port))
    say("ready")
    while True:
        data, peer = udp.recvfrom(1024)
        fields = data.decode(errors="replace").strip().split(" ")
        if len(fields) != 4 or fields[0] not in ("0", "100") or len(fields[3]) != 32:
            continue  # as the device does: no reply
        _, tcp_port, size, md5 = fields
        if args.password is not None:
            nonce = os.urandom(32 if args.flavor == "esp32-sha256" else 16).hex()
            udp.sendto(f"AUTH {nonce}".encode(), peer)
            udp.settimeout(10)
            try:
                answer, peer = udp.recvfrom(1024)
            except socket.timeout:
                udp.settimeout(None)
                continue
            udp.settimeout(None)
            parts = answer.decode(errors="replace").strip().split(" ")
            if len(parts) != 3 or parts[0] != "200":
                continue  # dropped, back to idle
            if not challenge_ok(args.flavor, args.password, args.password_hash, nonce, parts[1], parts[2]):
                udp.sendto(b"Authentication Failed", peer)
                say("failed authentication")
                continue
        if args.fail == "begin" or int(size) > args.max_size:
            if args.flavor == "esp8266":
                udp.sendto(b"ERR: ERROR[4]: Not Enough Space\n", peer)
            else:
                udp.sendto(b"OK", peer)  # an ESP32 says OK first and then never connects
            say("failed begin")
            continue
        udp.sendto(b"OK", peer)
        say(receive_image(args, peer[0], int(tcp_port), int(size), md5))


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(0)

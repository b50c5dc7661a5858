"""Class paths for the Java tools that Debian ships as jars only (OWL API, Apache Jena)."""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import lru_cache

from ctckg.validate.paths import JAVA_SHARE_DIR

__all__ = ["debian_classpath"]

#: SLF4J bindings and bridges that conflict with each other; slf4j-nop (silent) is kept.
_CONFLICTING = re.compile(r"slf4j-(log4j12|jcl|jdk14|simple|migrator)|log4j-over-slf4j|maven3-slf4j-provider")
_VERSIONED = re.compile(r"-[0-9][0-9.]*\.jar$")


def _query(*args: str) -> str:
    return subprocess.run(["dpkg-query", *args], capture_output=True, text=True, check=False).stdout


@lru_cache(maxsize=8)
def debian_classpath(package: str) -> str:
    """The jars of a Debian Java package and of the -java packages it depends on, joined with ':'.

    Versioned duplicates and conflicting SLF4J bindings are left out. Returns '' when dpkg is not available or the
    package is not installed.
    """
    if shutil.which("dpkg-query") is None:
        return ""
    seen: set[str] = set()
    todo = [package]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        depends = _query("-W", "-f", "${Depends}", name)
        for part in filter(None, (p.strip() for p in depends.split(","))):
            dependency = re.split(r"[\s(|]", part, maxsplit=1)[0]
            if dependency.endswith("-java"):
                todo.append(dependency)
    jars = {line for name in seen for line in _query("-L", name).splitlines()
            if line.startswith(f"{JAVA_SHARE_DIR}/") and line.endswith(".jar")
            and not _VERSIONED.search(line) and not _CONFLICTING.search(line)}
    return ":".join(sorted(jars))

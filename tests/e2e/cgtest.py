"""Shared helpers for convgraph's end-to-end tests: run the real binary, compare with goldens.

Each tests/e2e/test_*.py is a unittest module registered as one CTest. Environment:
  CONVGRAPH      path to the convgraph binary (set by CTest)
  CONVGRAPH_SRC  the source tree (set by CTest)
  SHARED_DIR     ../shared when present (optional: tests that need it skip without it)
  UPDATE_GOLDEN=1  rewrite golden files instead of comparing (review the diff!)
"""
import os
import shutil
import subprocess
import tempfile
import unittest

CONVGRAPH = os.environ.get("CONVGRAPH", "convgraph")
SRC = os.environ.get("CONVGRAPH_SRC", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
FIXTURES = os.path.join(SRC, "tests", "fixtures")
GOLDEN = os.path.join(SRC, "tests", "golden")
CORPUS = os.path.join(SRC, "corpus")


def shared_dir():
    """The read-only ../shared material, or None when this machine does not have it."""
    for cand in (os.environ.get("SHARED_DIR"), os.path.join(SRC, "..", "shared")):
        if cand and os.path.isdir(os.path.join(cand, "seeds")):
            return os.path.abspath(cand)
    return None


class Result:
    def __init__(self, proc):
        self.code = proc.returncode
        self.out = proc.stdout.decode("utf-8", "replace")
        self.err = proc.stderr.decode("utf-8", "replace")
        self.out_bytes = proc.stdout

    def __repr__(self):
        return f"exit {self.code}\n--- stdout\n{self.out}\n--- stderr\n{self.err}"


def run(*args, cwd=None, env=None, input=None, timeout=120):
    """Runs convgraph with `args`; colour off unless the test asks for it."""
    e = dict(os.environ)
    e["NO_COLOR"] = "1"
    if env:
        e.update(env)
    proc = subprocess.run([CONVGRAPH, *map(str, args)], cwd=cwd, env=e, input=input,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    return Result(proc)


class TempDirTest(unittest.TestCase):
    """A test with a fresh temporary directory in self.tmp."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="convgraph-e2e-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, rel, text):
        path = os.path.join(self.tmp, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = text.encode("utf-8") if isinstance(text, str) else text
        with open(path, "wb") as f:
            f.write(data)
        return path

    def copy_fixture(self, name, dest="corpus", exclude=("EXPECTED.md",)):
        """Copies tests/fixtures/<name> to self.tmp/<dest>, leaving out expectation files."""
        target = os.path.join(self.tmp, dest)
        shutil.copytree(os.path.join(FIXTURES, name), target,
                        ignore=shutil.ignore_patterns(*exclude))
        return target

    def assertGolden(self, text, name):
        """Compares `text` with tests/golden/<name>; UPDATE_GOLDEN=1 rewrites it."""
        path = os.path.join(GOLDEN, name)
        if os.environ.get("UPDATE_GOLDEN") == "1":
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            return
        with open(path, encoding="utf-8") as f:
            expected = f.read()
        self.maxDiff = None
        self.assertEqual(expected, text, f"output differs from golden {name} (UPDATE_GOLDEN=1 to regenerate)")


def main():
    unittest.main(verbosity=2)

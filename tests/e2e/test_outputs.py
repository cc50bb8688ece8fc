"""End-to-end tests for where output goes: files replaced whole (through a symbolic link, the
file it names), streams (FIFOs, devices) written as they are, nothing half-written, and a lost
write to standard output is exit status 2, never 0."""
import json
import os
import shutil
import stat
import subprocess
import threading
import unittest

import cgtest
from cgtest import run


class Destinations(cgtest.TempDirTest):

    def setUp(self):
        super().setUp()
        shutil.copytree(cgtest.CORPUS, os.path.join(self.tmp, "corpus"))

    def path(self, rel):
        return os.path.join(self.tmp, rel)

    def read_fifo(self, rel):
        """Starts a reader of the FIFO `rel`; returns a function that waits and gives what it read."""
        got = {}

        def reader():
            with open(self.path(rel), "rb") as f:
                got["data"] = f.read()

        t = threading.Thread(target=reader)
        t.start()

        def result():
            t.join(timeout=60)
            return got.get("data")
        return result

    def test_symlink_output_replaces_the_file_it_names(self):
        self.write("real/graph.json", "old")
        os.symlink("real/graph.json", self.path("link.json"))
        r = run("build", "corpus", "-q", "-o", "link.json", cwd=self.tmp)
        self.assertEqual(r.code, 0, r)
        self.assertTrue(os.path.islink(self.path("link.json")))
        with open(self.path("real/graph.json"), encoding="utf-8") as f:
            self.assertEqual(json.load(f)["format"], "convgraph-graph")
        # The twin and the note cache sit beside the name given, and queries find them.
        self.assertTrue(os.path.isfile(self.path("link.bin")))
        q = run("-v", "query", "stats", "-g", "link.json", cwd=self.tmp)
        self.assertEqual(q.code, 0, q)
        self.assertNotIn("stale or damaged", q.err)

    def test_dangling_symlink_output_creates_its_target(self):
        os.symlink("made/here.json", self.path("dangling.json"))
        r = run("build", "corpus", "-q", "-o", "dangling.json", cwd=self.tmp)
        self.assertEqual(r.code, 0, r)
        self.assertTrue(os.path.islink(self.path("dangling.json")))
        self.assertTrue(os.path.isfile(self.path("made/here.json")))

    def test_symlink_report_replaces_the_file_it_names(self):
        self.write("reports/latest.sarif", "old")
        os.symlink("reports/latest.sarif", self.path("report.sarif"))
        r = run("check", "corpus", "--format", "sarif", "--report", "report.sarif", cwd=self.tmp)
        self.assertEqual(r.code, 0, r)
        self.assertTrue(os.path.islink(self.path("report.sarif")))
        with open(self.path("reports/latest.sarif"), encoding="utf-8") as f:
            self.assertEqual(json.load(f)["version"], "2.1.0")

    def test_fifo_report_is_written_into_not_replaced(self):
        os.mkfifo(self.path("pipe"))
        result = self.read_fifo("pipe")
        r = run("check", "corpus", "--format", "json", "--report", "pipe", cwd=self.tmp)
        self.assertEqual(r.code, 0, r)
        self.assertEqual(json.loads(result())["tool"], "convgraph")
        self.assertTrue(stat.S_ISFIFO(os.lstat(self.path("pipe")).st_mode))

    def test_fifo_graph_gets_no_twin_and_no_cache(self):
        os.mkfifo(self.path("graph.fifo"))
        result = self.read_fifo("graph.fifo")
        r = run("build", "corpus", "-q", "-o", "graph.fifo", cwd=self.tmp)
        self.assertEqual(r.code, 0, r)
        self.assertEqual(json.loads(result())["format"], "convgraph-graph")
        self.assertTrue(stat.S_ISFIFO(os.lstat(self.path("graph.fifo")).st_mode))
        self.assertEqual(sorted(os.listdir(self.tmp)), ["corpus", "graph.fifo"])

    def test_max_file_size_must_be_positive(self):
        for value, message in (("0", "must be a positive number of bytes, not 0"),
                               ("-1", "must be a whole number of bytes, not '-1'"),
                               ("12x", "must be a whole number of bytes, not '12x'")):
            r = run("check", "corpus", f"--max-file-size={value}", cwd=self.tmp)
            self.assertEqual(r.code, 2, r)
            self.assertIn(message, r.err)
        r = run("check", "corpus", "-j", "-1", cwd=self.tmp)
        self.assertEqual(r.code, 2, r)
        self.assertIn("--jobs: must be a whole number of threads, not '-1'", r.err)
        self.assertEqual(run("check", "corpus", "--max-file-size", "100000", cwd=self.tmp).code, 0)

    def test_directory_output_is_an_error(self):
        os.mkdir(self.path("out"))
        r = run("build", "corpus", "-q", "-o", "out", cwd=self.tmp)
        self.assertEqual(r.code, 2, r)
        self.assertIn("is a directory", r.err)
        self.assertEqual(os.listdir(self.path("out")), [])

    def test_report_problems_are_refused_before_anything_is_written(self):
        # Machine diagnostics with the graph on stdout and no --report: nothing on stdout.
        r = run("build", "corpus", "-q", "-o", "-", "--format", "sarif", cwd=self.tmp)
        self.assertEqual(r.code, 2, r)
        self.assertEqual(r.out, "")
        # --report with human diagnostics would be ignored: refused instead.
        for cmd in (("check", "corpus"), ("build", "corpus", "-o", "g.json")):
            r = run(*cmd, "--report", "r.txt", cwd=self.tmp)
            self.assertEqual(r.code, 2, r)
            self.assertIn("--report is for the machine formats", r.err)
        self.assertEqual(sorted(os.listdir(self.tmp)), ["corpus"])


@unittest.skipUnless(os.path.exists("/dev/full"), "needs /dev/full")
class LostStandardOutput(cgtest.TempDirTest):
    """Every command that prints its result: a write to a full device is status 2."""

    def run_to_full(self, *args):
        with open("/dev/full", "wb") as full:
            env = dict(os.environ, NO_COLOR="1")
            p = subprocess.run([cgtest.CONVGRAPH, *args], cwd=self.tmp, stdout=full, stderr=subprocess.PIPE, env=env)
        return p.returncode, p.stderr.decode("utf-8", "replace")

    def test_lost_output_is_status_2(self):
        shutil.copytree(cgtest.CORPUS, os.path.join(self.tmp, "corpus"))
        self.assertEqual(run("build", "corpus", "-q", cwd=self.tmp).code, 0)
        note = sorted(n for n in os.listdir(os.path.join(self.tmp, "corpus", "03.3-收敛驱动力")) if n.endswith(".md"))[0]
        for args in (("query", "list"), ("query", "stats", "-f", "json"), ("query", "search", "收敛", "-0"),
                     ("check", "corpus", "--format", "json"), ("check", "corpus", "--format", "sarif"),
                     ("inspect", os.path.join("corpus", "03.3-收敛驱动力", note)), ("completion", "bash"),
                     ("build", "corpus", "-q", "-o", "-"), ("export", "-f", "dot"), ("--help",), ("--version",)):
            code, err = self.run_to_full(*args)
            self.assertEqual(code, 2, (args, err))
            self.assertIn("cannot write to standard output", err, args)


if __name__ == "__main__":
    cgtest.main()

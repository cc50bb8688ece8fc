"""End-to-end tests for the incremental build: the note cache and the binary graph file."""
import os
import shutil

import cgtest
from cgtest import run


class CachedBuild(cgtest.TempDirTest):
    """A cached rebuild writes the same bytes as a clean (--no-cache) build of the same corpus."""

    def setUp(self):
        super().setUp()
        self.corpus = os.path.join(self.tmp, "corpus")
        shutil.copytree(cgtest.CORPUS, self.corpus)
        self.copy_fixture("house", dest="corpus/house")

    def build(self, *extra, out="cached.json"):
        r = run("build", "corpus", "-q", "-o", out, *extra, cwd=self.tmp)
        self.assertIn(r.code, (0, 1), r)
        with open(os.path.join(self.tmp, out), "rb") as f:
            return f.read()

    def assertSameAsClean(self):
        cached = self.build()
        clean = self.build("--no-cache", out="clean.json")
        self.assertEqual(cached, clean)

    def notes(self):
        out = []
        for d, _, files in os.walk(self.corpus):
            out += [os.path.join(d, f) for f in files if f.endswith(".md")]
        return sorted(out)

    def analysed(self, *extra):
        """How many notes a build analysed (the others came from the cache)."""
        r = run("-v", "build", "corpus", "-o", "cached.json", *extra, cwd=self.tmp)
        self.assertIn(r.code, (0, 1), r)
        return sum(1 for line in r.err.splitlines() if "debug: analysed " in line)

    def test_default_cache_location(self):
        self.assertEqual(self.analysed(), len(self.notes()))
        cache = os.path.join(self.tmp, ".convgraph", "cache")
        self.assertEqual(sorted(f for _, _, fs in os.walk(cache) for f in fs), ["last-build", "lock", "notes.log"])
        self.assertEqual(self.analysed(), 0)

    def test_warm_rebuild(self):
        first = self.build()
        self.assertEqual(self.build(), first)
        self.assertSameAsClean()

    def test_edit(self):
        self.build()
        with open(self.notes()[0], "a", encoding="utf-8") as f:
            f.write("\n## 九十、新增驱动力\n\n**核心思想**：新机制，旧机制\n")
        self.assertSameAsClean()

    def test_delete(self):
        self.build()
        os.remove(self.notes()[1])
        self.assertSameAsClean()

    def test_rename(self):
        self.build()
        note = self.notes()[2]
        os.rename(note, os.path.join(self.corpus, "renamed.md"))
        self.assertSameAsClean()

    def test_made_invalid(self):
        self.build()
        notes = self.notes()
        with open(notes[0], "wb") as f:
            f.write(b"# broken\x00\n")
        with open(notes[3], "wb") as f:
            f.write(b"\xff\xfe not utf-8\n| a |\n| - |\n")
        self.assertSameAsClean()

    def test_no_cache_writes_no_cache(self):
        self.build("--no-cache")
        self.assertFalse(os.path.exists(os.path.join(self.tmp, ".convgraph", "cache")))

    def test_cache_dir_option(self):
        first = self.build("--cache-dir", "elsewhere")
        self.assertTrue(os.path.isdir(os.path.join(self.tmp, "elsewhere")))
        self.assertEqual(self.build("--cache-dir", "elsewhere"), first)

    def test_damaged_cache(self):
        first = self.build()
        log = os.path.join(self.tmp, ".convgraph", "cache", "notes.log")
        with open(log, "rb") as f:
            data = f.read()
        record = os.path.join(self.tmp, ".convgraph", "cache", "last-build")
        for damaged in (data[: len(data) // 2], data[:100] + b"\xff" * 64 + data[164:], b"\x00garbage", b""):
            with open(log, "wb") as out:
                out.write(damaged)
            os.remove(record)  # else nothing changed, and the log is not even read (test_rebuild.py)
            self.assertEqual(self.build(), first)
            os.remove(record)
            self.assertEqual(self.analysed(), 0)  # the build stored what it could not read
        self.assertSameAsClean()

    def test_unwritable_cache_dir(self):
        with open(os.path.join(self.tmp, "not-a-dir"), "w") as f:
            f.write("x")
        r = run("build", "corpus", "-q", "-o", "cached.json", "--cache-dir", "not-a-dir", cwd=self.tmp)
        self.assertIn(r.code, (0, 1), r)
        self.assertNotIn("not-a-dir", r.err)  # only speed is lost: nothing to report
        self.assertSameAsClean()


class BinaryTwin(cgtest.TempDirTest):
    """build writes graph.bin beside graph.json; queries read it while it matches the JSON and
    fall back to the JSON (rewriting the twin) when it is missing, stale or damaged."""

    def test_query_same_with_and_without_twin(self):
        r = run("build", cgtest.CORPUS, "-q", "--no-cache", cwd=self.tmp)
        self.assertIn(r.code, (0, 1), r)
        graph = os.path.join(self.tmp, ".convgraph", "graph.json")
        twin = os.path.join(self.tmp, ".convgraph", "graph.bin")
        self.assertTrue(os.path.exists(twin))
        with_twin = run("query", "list", "--format", "tsv", cwd=self.tmp)
        self.assertEqual(with_twin.code, 0, with_twin)
        os.remove(twin)
        without = run("query", "list", "--format", "tsv", cwd=self.tmp)
        self.assertEqual(without.out, with_twin.out)
        self.assertTrue(os.path.exists(twin), "a query rewrites a missing twin")
        # The twin written by build is the one used, whether written alongside the JSON or after it.
        for jobs in ("1", "2"):
            r = run("build", cgtest.CORPUS, "-q", "--no-cache", "-j", jobs, cwd=self.tmp)
            self.assertIn(r.code, (0, 1), r)
            traced = run("-v", "query", "list", "--format", "tsv", cwd=self.tmp)
            self.assertEqual(traced.out, with_twin.out)
            self.assertNotIn("stale or damaged", traced.err)
        with open(twin, "r+b") as f:
            f.seek(100)
            f.write(b"\xff" * 64)
        damaged = run("-v", "query", "list", "--format", "tsv", cwd=self.tmp)
        self.assertEqual(damaged.code, 0, damaged)
        self.assertIn("stale or damaged", damaged.err)
        self.assertEqual(damaged.out, with_twin.out)
        # A JSON changed behind the twin's back (here: one node relabelled) wins over the twin.
        with open(graph, encoding="utf-8") as f:
            text = f.read()
        self.assertIn('"label": "Scaling Law"', text)
        with open(graph, "w", encoding="utf-8") as f:
            f.write(text.replace('"label": "Scaling Law"', '"label": "Scaling Law (edited)"'))
        edited = run("query", "list", "--format", "tsv", cwd=self.tmp)
        self.assertIn("Scaling Law (edited)", edited.out)


def twin_details_block(data):
    """(start, end) of the edge details block in a graph.bin (layout 2, graph_binary.cpp)."""
    pos = 8 + 4 + 4 + 8 + 8

    def num(size):
        nonlocal pos
        v = int.from_bytes(data[pos:pos + size], "little")
        pos += size
        return v

    def skip(n):  # never "pos += num(k)": that reads pos before num() moves it
        nonlocal pos
        pos += n

    def skip_str():
        skip(num(4))

    for _ in range(num(8)):  # documents
        for _ in range(4):
            skip_str()
        pos += 8
    for _ in range(num(8)):  # nodes
        skip_str()
        skip_str()
        skip(1)
        skip(num(1))
        skip_str()
        skip(13 * num(4))
    edges = num(8)
    pos += 9 * edges + 8 * edges
    size = num(8)
    return pos, pos + size


class LazyTwin(cgtest.TempDirTest):
    """Queries read the ends of every edge from the twin and decode only the edges they print:
    their output is the same as from a graph built in memory, and a twin damaged inside those
    details falls back to the JSON for them."""

    def test_printed_edges_are_complete(self):
        r = run("build", cgtest.CORPUS, "-q", "--no-cache", cwd=self.tmp)
        self.assertIn(r.code, (0, 1), r)
        queries = [("show", "Scaling Law", "--format", "json"), ("show", "Scaling Law"),
                   ("downstream", "Scaling Law", "--format", "tsv"), ("upstream", "规模效应", "--format", "tsv"),
                   ("path", "Scaling Law", "规模效应", "--all-shortest", "--format", "tsv")]
        expected = {}
        for q in queries:
            from_corpus = run("query", *q, "--corpus", cgtest.CORPUS, cwd=self.tmp)
            from_twin = run("-v", "query", *q, cwd=self.tmp)
            self.assertEqual(from_twin.code, from_corpus.code, (q, from_twin))
            self.assertEqual(from_twin.out, from_corpus.out, q)
            self.assertNotIn("damaged", from_twin.err)
            self.assertIn(":", from_twin.out)  # places are printed: the details were decoded
            expected[q] = from_corpus.out
        twin = os.path.join(self.tmp, ".convgraph", "graph.bin")
        with open(twin, "rb") as f:
            data = bytearray(f.read())
        start, end = twin_details_block(data)
        self.assertGreater(end, start)
        self.assertLessEqual(end, len(data))
        for i in range(start, end):
            data[i] ^= 0xFF
        with open(twin, "r+b") as f:  # in place: the stamp (size and mtime of the JSON) still matches
            f.write(data)
        for q in queries:
            damaged = run("-v", "query", *q, cwd=self.tmp)
            self.assertEqual(damaged.out, expected[q], q)
            self.assertIn("is damaged; reading the JSON", damaged.err, q)  # found when decoding the edges
            self.assertNotIn("stale or damaged", damaged.err, q)  # not when loading


class QueryAfterRebuild(cgtest.TempDirTest):
    """A query reads the graph file the last build wrote, never an older one."""

    def test_query_sees_the_rebuilt_graph(self):
        r = run("build", cgtest.CORPUS, "-q", "--no-cache", cwd=self.tmp)
        self.assertIn(r.code, (0, 1), r)
        first = run("query", "list", cwd=self.tmp)
        self.assertEqual(first.code, 0, first)
        self.assertNotIn("新因素", first.out)
        with open(os.path.join(self.tmp, "extra.md"), "w", encoding="utf-8") as f:
            f.write("# 99.1-新增驱动力\n\n| 因素 | 作用机制 | 收敛效果 |\n| --- | --- | --- |\n| 新因素 | 新机制 | 新效果 |\n")
        os.makedirs(os.path.join(self.tmp, "c2"))
        shutil.copytree(cgtest.CORPUS, os.path.join(self.tmp, "c2", "corpus"))
        shutil.move(os.path.join(self.tmp, "extra.md"), os.path.join(self.tmp, "c2", "corpus", "extra.md"))
        r = run("build", os.path.join(self.tmp, "c2", "corpus"), "-q", cwd=self.tmp)
        self.assertIn(r.code, (0, 1), r)
        after = run("query", "list", cwd=self.tmp)
        self.assertIn("新因素", after.out)


if __name__ == "__main__":
    cgtest.main()

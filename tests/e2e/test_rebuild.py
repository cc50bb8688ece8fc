"""End-to-end tests for the early cutoff of a cached build (rebuild.hpp): when nothing shaping
the graph changed, the graph file is patched instead of rebuilt. Whatever happens between two
builds, the graph file, its twin and the diagnostics must be those of a clean build."""
import json
import os
import shutil
import time

import cgtest
from cgtest import run

PATCHED = "graph file patched"
FULL = "full build:"


class EarlyCutoff(cgtest.TempDirTest):

    def setUp(self):
        super().setUp()
        self.corpus = os.path.join(self.tmp, "corpus")
        shutil.copytree(cgtest.CORPUS, self.corpus)
        self.copy_fixture("house", dest="corpus/house")
        self.graph = os.path.join(self.tmp, ".convgraph", "graph.json")
        # Notes written just now are "racily clean" (written within the timestamp granularity
        # of the build that reads them) and are always hashed: age them so the stat shortcut
        # is what the tests exercise, as it is for notes checked out a while ago.
        old = time.time() - 3600
        for note in self.notes():
            os.utime(note, (old, old))
        r = self.build()
        self.assertIn(FULL, r.err)

    def notes(self):
        out = []
        for d, _, files in os.walk(self.corpus):
            out += [os.path.join(d, f) for f in files if f.endswith(".md")]
        return sorted(out)

    def build(self, *extra):
        r = run("-v", "build", "corpus", *extra, cwd=self.tmp)
        self.assertIn(r.code, (0, 1), r)
        return r

    def report(self, r):
        """The diagnostics and summary a build printed, without the debug lines."""
        return "\n".join(l for l in r.err.splitlines() if "debug:" not in l)

    def assertSameAsClean(self, r):
        """The graph file, the diagnostics and the exit status of build `r` are a clean build's."""
        with open(self.graph, "rb") as f:
            cached = f.read()
        clean_graph = os.path.join(self.tmp, "clean", "graph.json")
        clean = run("build", "corpus", "--no-cache", "-o", "clean/graph.json", cwd=self.tmp)
        with open(clean_graph, "rb") as f:
            self.assertEqual(cached, f.read())
        self.assertEqual(r.code, clean.code)
        self.assertEqual(self.report(r).replace(".convgraph/graph.json", "G"),
                         "\n".join(l for l in clean.err.splitlines()).replace("clean/graph.json", "G"))
        # The twin answers queries as the JSON does.
        for q in (("list", "--format", "tsv"), ("show", "Scaling Law", "--format", "json")):
            with_twin = run("query", *q, cwd=self.tmp)
            from_json = run("query", *q, "--graph", clean_graph, cwd=self.tmp)
            self.assertEqual(with_twin.out, from_json.out, q)
            self.assertNotIn("stale or damaged", run("-v", "query", *q, cwd=self.tmp).err)

    def append(self, note, text):
        with open(note, "a", encoding="utf-8") as f:
            f.write(text)

    # Patched, or untouched.
    def test_nothing_changed_writes_nothing(self):
        before = os.stat(self.graph)
        r = self.build()
        self.assertNotIn(FULL, r.err)
        self.assertNotIn("analysed", r.err)
        after = os.stat(self.graph)
        self.assertEqual((before.st_ino, before.st_mtime_ns), (after.st_ino, after.st_mtime_ns))
        self.assertSameAsClean(r)

    def test_comment_appended_patches_the_byte_count(self):
        note = self.notes()[0]
        self.append(note, "\n<!-- a comment at the end changes no fact -->\n")
        r = self.build()
        self.assertIn(PATCHED, r.err)
        self.assertIn("analysed", r.err)
        self.assertNotIn(FULL, r.err)
        self.assertSameAsClean(r)
        with open(self.graph, encoding="utf-8") as f:
            docs = {d["path"]: d["bytes"] for d in json.load(f)["documents"]}
        self.assertEqual(docs[os.path.relpath(note, self.corpus)], os.path.getsize(note))
        # Edited again and again: each time the graph of a clean build (the twin copied beside the
        # graph file on a second thread, or after it with -j1).
        for i, jobs in enumerate(("2", "2", "1")):
            self.append(note, f"<!-- {i} -->\n")
            r = self.build("-j", jobs)
            self.assertIn(PATCHED, r.err)
            self.assertSameAsClean(r)

    def test_touched_note_is_hashed_not_analysed(self):
        note = self.notes()[1]
        os.utime(note, None)
        r = self.build()
        self.assertNotIn(FULL, r.err)
        self.assertNotIn("analysed", r.err)
        self.assertSameAsClean(r)

    def test_a_note_read_once_is_trusted_by_its_stat_later(self):
        note = self.notes()[1]
        self.append(note, "")  # written just now: racily clean for the builds that follow
        os.utime(note, None)
        for _ in range(2):
            r = self.build()
            self.assertIn("rebuild: 1 of ", r.err)
        time.sleep(2.2)  # past the racy window of the last recorded build
        self.build()     # reads it once more, and records a start well after its mtime
        r = self.build()
        self.assertIn("rebuild: 0 of ", r.err)
        self.assertSameAsClean(r)

    def test_same_size_rewrite_within_the_timestamp_granularity(self):
        # A note rewritten right after a build, same size, its old mtime put back: its stat is
        # what was recorded, but it was recorded too close to the build to be trusted.
        note = self.notes()[2]
        with open(note, encoding="utf-8") as f:
            text = f.read()
        self.append(note, "")
        os.utime(note, None)
        self.build()  # records a stat taken within the granularity window
        st = os.stat(note)
        changed = text.replace("收敛", "趋同", 1)
        self.assertNotEqual(changed, text)
        self.assertEqual(len(changed.encode()), len(text.encode()))
        with open(note, "w", encoding="utf-8") as f:
            f.write(changed)
        os.utime(note, ns=(st.st_atime_ns, st.st_mtime_ns))
        r = self.build()
        self.assertSameAsClean(r)

    # Full builds.
    def test_changed_fact_is_a_full_build(self):
        note = self.notes()[0]
        self.append(note, "\n## 九十、新增驱动力\n\n**核心思想**：新机制，旧机制\n")
        r = self.build()
        self.assertIn(FULL, r.err)
        # Analysed once, by the cutoff, and taken from the note cache by the full build: the
        # look at the changed note must not cost the cache its other notes.
        self.assertEqual(r.err.count("debug: analysed "), 1, r.err)
        self.assertSameAsClean(r)
        self.append(note, "\n**收敛效果**：\n\n1. **更新**：又一个事实\n")
        r = self.build()
        self.assertEqual(r.err.count("debug: analysed "), 1, r.err)
        self.assertSameAsClean(r)

    def unread(self, r):
        """How many notes the full build `r` took from the note cache without reading them."""
        for line in r.err.splitlines():
            if "notes taken from the note cache unread" in line:
                return int(line.split("debug:")[1].split()[0])
        return None

    def change_fact(self, note):
        self.append(note, "\n## 九十一、又一驱动力\n\n**核心思想**：又一机制，旧机制\n")

    def test_full_build_reads_only_the_notes_that_changed(self):
        notes = self.notes()
        self.change_fact(notes[0])
        r = self.build()
        self.assertIn(FULL, r.err)
        self.assertEqual(self.unread(r), len(notes) - 1, r.err)
        self.assertSameAsClean(r)

    def test_full_build_reads_notes_with_suppressions_or_read_diagnostics(self):
        # Suppression comments and read checks (here a control character) come from a note's
        # text, not from its cache entry: such notes are read by every full build.
        notes = self.notes()
        self.append(notes[1], "\n<!-- convgraph-disable-file -->\n")
        self.append(notes[2], "\n控制\x07字符\n")
        old = time.time() - 3600  # so that their stats are trusted, as the other notes' are
        for note in notes[1:3]:
            os.utime(note, (old, old))
        r = self.build()
        self.assertIn("control-character", r.err)
        self.change_fact(notes[0])
        r = self.build()
        self.assertIn(FULL, r.err)
        self.assertEqual(self.unread(r), len(notes) - 3, r.err)
        self.assertIn("control-character", r.err)
        self.assertSameAsClean(r)

    def test_read_diagnostics_that_leave_the_same_text(self):
        # The reader removes control characters and repairs invalid bytes before the text is
        # hashed: notes that only gain, lose or move such a byte keep their cache key, and must
        # still get the read diagnostics (and exit status) of a clean build.
        note = self.notes()[1]
        with open(note, "rb") as f:
            original = f.read()
        lines = original.split(b"\n")

        def write(data):
            with open(note, "wb") as f:
                f.write(data)

        with_bell_at = lambda i: b"\n".join(l + b"\x07" if n == i else l for n, l in enumerate(lines))
        for text in (with_bell_at(5),  # gained: a control character in a clean note
                     with_bell_at(4),  # moved to another line
                     original,  # lost again
                     original + "\n\ufffd\n".encode(),  # a real U+FFFD …
                     original + b"\n\xff\n",  # … and the invalid byte it stands for
                     original + "\n\ufffd\n".encode()):  # repaired
            write(text)
            r = self.build()
            self.assertSameAsClean(r)
        self.assertNotIn("control-character", r.err)
        self.assertNotIn("invalid-utf8", r.err)

    def test_full_build_without_the_note_cache_reads_every_note(self):
        notes = self.notes()
        os.remove(os.path.join(self.tmp, ".convgraph", "cache", "notes.log"))
        self.change_fact(notes[0])
        r = self.build()
        self.assertIn(FULL, r.err)
        self.assertEqual(self.unread(r), 0, r.err)
        self.assertSameAsClean(r)

    def test_lines_shifted_is_a_full_build(self):
        note = self.notes()[0]
        with open(note, encoding="utf-8") as f:
            text = f.read()
        with open(note, "w", encoding="utf-8") as f:
            f.write("<!-- a comment on top moves every fact down a line -->\n" + text)
        r = self.build()
        self.assertIn(FULL, r.err)
        self.assertSameAsClean(r)

    def test_suppression_added_is_a_full_build(self):
        r = self.build()
        diagnosed = [l for l in self.report(r).splitlines() if ": warning: " in l or ": error: " in l]
        self.assertTrue(diagnosed, r)
        path, line = diagnosed[0].split(":")[:2]
        self.append(os.path.join(self.tmp, path), "\n<!-- convgraph-disable-file -->\n")
        r = self.build()
        self.assertIn(FULL, r.err)
        self.assertSameAsClean(r)

    def test_notes_added_removed_renamed(self):
        notes = self.notes()
        os.rename(notes[3], os.path.join(self.corpus, "renamed.md"))
        r = self.build()
        self.assertIn(FULL, r.err)
        self.assertSameAsClean(r)
        os.remove(notes[4])
        r = self.build()
        self.assertIn(FULL, r.err)
        self.assertSameAsClean(r)
        with open(os.path.join(self.corpus, "new.md"), "w", encoding="utf-8") as f:
            f.write("# 99.1-新增驱动力\n\n| 因素 | 作用机制 | 收敛效果 |\n| --- | --- | --- |\n| 新因素 | 新机制 | 新效果 |\n")
        r = self.build()
        self.assertIn(FULL, r.err)
        self.assertSameAsClean(r)

    def test_linked_file_appearing_is_a_full_build(self):
        with open(os.path.join(self.corpus, "links.md"), "w", encoding="utf-8") as f:
            f.write("# 98.1-链接\n\n[图](figure.png)\n")
        r = self.build()
        self.assertIn("figure.png", r.err)
        with open(os.path.join(self.corpus, "figure.png"), "wb") as f:
            f.write(b"\x89PNG")
        r = self.build()
        self.assertIn(FULL, r.err)
        self.assertNotIn("figure.png", self.report(r))
        self.assertSameAsClean(r)

    def test_configuration_changed_is_a_full_build(self):
        with open(os.path.join(self.corpus, "convgraph.json"), "w", encoding="utf-8") as f:
            json.dump({"checks": {"near-duplicate-concept": "off"}}, f)
        r = self.build()
        self.assertIn(FULL, r.err)
        self.assertSameAsClean(r)

    def test_graph_file_edited_or_twin_removed_is_a_full_build(self):
        with open(self.graph, "a", encoding="utf-8") as f:
            f.write(" ")
        r = self.build()
        self.assertIn(FULL, r.err)
        self.assertSameAsClean(r)
        os.remove(os.path.join(self.tmp, ".convgraph", "graph.bin"))
        r = self.build()
        self.assertIn(FULL, r.err)
        self.assertSameAsClean(r)

    def test_damaged_or_missing_record_is_a_full_build(self):
        record = os.path.join(self.tmp, ".convgraph", "cache", "last-build")
        self.assertTrue(os.path.exists(record))
        with open(record, "r+b") as f:
            f.seek(40)
            f.write(b"\xff" * 8)
        r = self.build()
        self.assertIn(FULL, r.err)
        self.assertSameAsClean(r)
        os.remove(record)
        r = self.build()
        self.assertIn(FULL, r.err)
        self.assertSameAsClean(r)

    def test_other_output_is_a_full_build(self):
        r = run("-v", "build", "corpus", "-o", "other/graph.json", "--cache-dir", ".convgraph/cache", cwd=self.tmp)
        self.assertIn(FULL, r.err)
        with open(os.path.join(self.tmp, "other", "graph.json"), "rb") as a, open(self.graph, "rb") as b:
            self.assertEqual(a.read(), b.read())

    def test_every_report_format_is_the_same(self):
        self.append(self.notes()[0], "\n<!-- edit -->\n")
        for fmt in ("json", "sarif", "github", "junit", "gitlab"):
            with self.subTest(fmt=fmt):
                self.append(self.notes()[0], f"<!-- {fmt} -->\n")
                quick = run("-v", "build", "corpus", "--format", fmt, cwd=self.tmp)
                self.assertIn(PATCHED, quick.err)
                clean = run("build", "corpus", "--format", fmt, "--no-cache", "-o", "clean/graph.json", cwd=self.tmp)
                self.assertEqual(quick.out, clean.out)
                self.assertEqual(quick.code, clean.code)


if __name__ == "__main__":
    import unittest
    unittest.main(verbosity=2)

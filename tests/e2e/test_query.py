"""convgraph query: every subcommand and format over the house fixture (and the shipped corpus for
feedback loops); CJK alignment, ambiguous and unknown names, exit codes, -0, completion scripts."""
import json
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import unicodedata
import unittest

from cgtest import CORPUS, FIXTURES, run, TempDirTest, main


def width(text):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in text)


class QueryTest(TempDirTest):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="convgraph-query-")
        cls.corpus = os.path.join(cls.dir, "corpus")
        shutil.copytree(os.path.join(FIXTURES, "house"), cls.corpus, ignore=shutil.ignore_patterns("EXPECTED.md"))
        cls.graph = os.path.join(cls.dir, "house.json")
        r = run("build", cls.corpus, "-o", cls.graph)
        assert os.path.exists(cls.graph), r
        cls.big = os.path.join(cls.dir, "corpus.json")
        r = run("build", CORPUS, "-o", cls.big)
        assert os.path.exists(cls.big), r

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def q(self, *args, graph=None):
        return run("query", *args, "--graph", graph or self.graph)

    def golden(self, name, *args, code=0, graph=None):
        r = self.q(*args, graph=graph)
        self.assertEqual(r.code, code, r)
        out = r.out
        if name.endswith(".csv"):  # RFC 4180 lines end in CRLF; goldens are stored with LF
            self.assertTrue(out.endswith("\r\n"), out[-20:])
            out = out.replace("\r\n", "\n")
        self.assertGolden(out, "query/" + name)
        return r

    # show
    def test_show_every_format(self):
        for fmt, ext in (("table", "txt"), ("tsv", "tsv"), ("csv", "csv"), ("json", "json"), ("jsonl", "jsonl")):
            with self.subTest(fmt=fmt):
                self.golden("show." + ext, "show", "测试框架统一", "--format", fmt)

    def test_show_lists_roles_edges_and_places(self):
        r = self.q("show", "测试框架统一")
        self.assertIn("roles: driver,effect,case", r.out)
        self.assertIn("acts_through →", r.out)
        self.assertIn("← results_in", r.out)
        self.assertIn("04.1.1-测试收敛驱动力.md:78", r.out)

    # list
    def test_list_filters_compose(self):
        self.golden("list-drivers.txt", "list", "drivers")
        self.golden("list-kind-effect.tsv", "list", "--kind", "effect", "--format", "tsv")
        self.golden("list-from.txt", "list", "--from", "持续集成", "--relation", "acts_through")
        self.golden("list-to.txt", "list", "--to", "迁移成本上升", "--relation", "leads_to")
        self.golden("list-degree.csv", "list", "--sort", "degree", "--limit", "5", "--format", "csv")
        self.golden("list-doc-match.jsonl", "list", "--doc", "04.1.1", "--match", "统一", "--format", "jsonl")
        # The forms `export --doc` takes: the path with the corpus directory, or an absolute one, in front.
        doc = self.q("list", "--doc", "04.1.1", "--format", "tsv").out
        for name in (os.path.join("corpus", "04.1.1-测试收敛驱动力.md"), os.path.join(self.corpus, "04.1.1-测试收敛驱动力.md")):
            self.assertEqual(self.q("list", "--doc", name, "--format", "tsv").out, doc, name)
        r = self.q("list", "--role", "case", "--relation", "exemplified_by", "--kind", "effect", "--format", "tsv")
        names = [line.split("\t")[0] for line in r.out.splitlines()[1:]]
        self.assertEqual(names, ["评审提速", "迁移成本上升"])

    def test_list_sort_kind_and_json(self):
        r = self.q("list", "--sort", "kind", "--format", "json")
        self.assertEqual(r.code, 0, r)
        self.assertTrue(r.out.startswith("[\n  {\n    \"name\": "), r.out[:80])
        kinds = [line.split('"')[3] for line in r.out.splitlines() if line.strip().startswith('"kind"')]
        order = ["driver", "mechanism", "effect", "case", "layer", "aspect", "concept"]
        self.assertEqual(kinds, sorted(kinds, key=order.index))

    def test_list_nothing_matches_exits_1(self):
        r = self.q("list", "--match", "不存在的词")
        self.assertEqual(r.code, 1, r)

    # upstream / downstream
    def test_upstream_downstream(self):
        self.golden("upstream.txt", "upstream", "平台收敛")
        self.golden("downstream-depth.tsv", "downstream", "持续集成", "--depth", "1", "--format", "tsv")
        self.golden("downstream-leads-to.txt", "downstream", "断言规范化", "--relation", "leads_to")
        r = self.q("downstream", "代码提交", "--relation", "leads_to,produces", "--format", "tsv")
        rows = [line.split("\t") for line in r.out.splitlines()[1:]]
        self.assertEqual(rows[0][:4], ["1", "自动触发", "mechanism", "leads_to"])
        self.assertTrue(all(int(a[0]) <= int(b[0]) for a, b in zip(rows, rows[1:])))

    def test_nothing_upstream_exits_1(self):
        r = self.q("upstream", "测试收敛驱动力")
        self.assertEqual(r.code, 1, r)
        self.assertIn("nothing upstream of '测试收敛驱动力'", r.err)

    # path
    def test_path(self):
        self.golden("path.txt", "path", "测试收敛驱动力", "平台收敛")
        self.golden("path-all.tsv", "path", "持续集成", "迁移成本上升", "--all-shortest", "--format", "tsv")
        r = self.q("path", "持续集成", "迁移成本上升", "--all-shortest", "--max", "1", "--format", "tsv")
        self.assertEqual({line.split("\t")[0] for line in r.out.splitlines()[1:]}, {"1"})

    def test_no_path_says_so(self):
        r = self.q("path", "平台收敛", "持续集成")
        self.assertEqual(r.code, 1, r)
        self.assertEqual(r.out, "")
        self.assertIn("no path from '平台收敛' to '持续集成'", r.err)
        self.assertIn("there is one the other way", r.err)
        # Machine formats give the empty result, as the other queries do.
        r = self.q("path", "平台收敛", "持续集成", "--format", "json")
        self.assertEqual((r.code, json.loads(r.out)), (1, []), r)
        r = self.q("path", "平台收敛", "持续集成", "--format", "tsv")
        self.assertEqual(r.out, "path\tstep\tfrom\trelation\tto\tsource\n", r)

    # loops
    def test_loops(self):
        r = self.q("loops")
        self.assertEqual(r.code, 1, r)
        self.assertIn("no feedback loops", r.err)
        self.golden("loops.txt", "loops", graph=self.big)
        self.golden("loops.tsv", "loops", "--format", "tsv", graph=self.big)

    # hubs / stats
    def test_hubs_and_stats(self):
        self.golden("hubs.txt", "hubs")
        self.golden("hubs-betweenness.tsv", "hubs", "--by", "betweenness", "--top", "5", "--format", "tsv")
        self.golden("stats.txt", "stats", "--top", "5")
        self.golden("stats.json", "stats", "--top", "3", "--format", "json")
        self.golden("stats.csv", "stats", "--top", "3", "--format", "csv")

    def test_hub_degrees_follow_the_relations(self):
        # in + out = degree, and --relation narrows all three (mentions are never counted).
        g = json.load(open(self.graph, encoding="utf-8"))
        rows = json.loads(self.q("hubs", "--top", "0", "--format", "json").out)
        self.assertTrue(rows)
        for row in rows:
            self.assertEqual(row["in"] + row["out"], row["degree"], row)
        label = {n["id"]: n["label"] for n in g["nodes"]}
        produced = {}
        for e in g["edges"]:
            if e["kind"] == "produces":
                produced.setdefault(label[e["source"]], [0, 0])[1] += 1
                produced.setdefault(label[e["target"]], [0, 0])[0] += 1
        rows = json.loads(self.q("hubs", "--by", "degree", "--relation", "produces", "--top", "0", "--format", "json").out)
        for row in rows:
            self.assertEqual([row["in"], row["out"]], produced.get(row["name"], [0, 0]), row)
        top = max(sum(v) for v in produced.values())
        self.assertEqual(rows[0]["degree"], top)

    # where
    def test_where_reads_lines_from_the_corpus(self):
        r = run("query", "where", "夹具复用", "--corpus", self.corpus)
        self.assertEqual(r.code, 0, r)
        self.assertGolden(r.out.replace(self.corpus, "CORPUS"), "query/where.txt")
        first = r.out.splitlines()[0]
        path, line = first.split(":")[0], int(first.split(":")[1])
        with open(path, encoding="utf-8") as f:
            self.assertEqual(first.split(": ", 1)[1], f.read().splitlines()[line - 1])
        r2 = self.q("where", "夹具复用", "--root", self.corpus)
        self.assertEqual(r2.out, r.out)
        r3 = run("query", "where", "夹具复用", "--graph", self.graph, cwd=self.corpus)
        self.assertEqual(r3.code, 0, r3)
        self.assertEqual(r3.out.replace("04.1.1", os.path.join(self.corpus, "04.1.1")), r.out)
        r4 = self.q("where", "夹具复用", "--format", "tsv", "--root", self.corpus)
        self.assertGolden(r4.out.replace(self.corpus, "CORPUS"), "query/where.tsv")

    def test_where_warns_when_a_note_changed_since_the_build(self):
        corpus = os.path.join(self.tmp, "edited")
        shutil.copytree(self.corpus, corpus)
        graph = os.path.join(self.tmp, "edited.json")
        self.assertIn(run("build", corpus, "-q", "-o", graph).code, (0, 1))
        r = run("query", "where", "夹具复用", "--graph", graph, "--root", corpus)
        self.assertNotIn("changed since the graph was built", r.err)
        note = os.path.join(corpus, r.out.splitlines()[0].split(":")[0][len(corpus) + 1:])
        with open(note, "r+", encoding="utf-8") as f:
            text = f.read()
            f.seek(0)
            f.write("\n" + text)  # every line one further down
        r = run("query", "where", "夹具复用", "--graph", graph, "--root", corpus)
        self.assertEqual(r.code, 0, r)
        self.assertEqual(r.err.count("changed since the graph was built"), 1, r.err)

    def test_where_shows_lines_as_the_build_read_them(self):
        # A BOM is no part of line 1's text (it is none of the note's bytes either).
        self.write("bom/01-Bo.md", b"\xef\xbb\xbf# 01-Bo\n\n## 1. D\n\n| Driver | Mechanism | Effect |\n| - | - | - |\n| A | b | c |\n")
        r = run("query", "where", "bo", "-c", os.path.join(self.tmp, "bom"), "--format", "jsonl")
        self.assertEqual(r.code, 0, r)
        self.assertEqual(json.loads(r.out.splitlines()[0])["text"], "# 01-Bo")

    def test_where_without_the_corpus_warns(self):
        r = run("query", "where", "夹具复用", "--graph", self.graph, cwd=self.tmp)
        self.assertEqual(r.code, 0, r)
        self.assertIn("pass --root DIR", r.err)

    def test_corpus_option_reads_the_corpus_configuration(self):
        # --corpus builds in memory the graph `build` writes: convgraph.json applies.
        corpus = os.path.join(self.tmp, "configured")
        shutil.copytree(self.corpus, corpus)
        with open(os.path.join(corpus, "convgraph.json"), "w", encoding="utf-8") as f:
            json.dump({"aliases": {"fixture reuse": "夹具复用"}}, f)
        built = os.path.join(self.tmp, "configured.json")
        self.assertIn(run("build", corpus, "-q", "-o", built).code, (0, 1))
        for args in (("show", "fixture reuse"), ("stats",)):
            from_file = run("query", *args, "--graph", built)
            in_memory = run("query", *args, "--corpus", corpus)
            self.assertEqual(from_file.code, 0, from_file)
            self.assertEqual(in_memory.out, from_file.out, args)
        exported = run("export", "-f", "json", "--corpus", corpus)
        self.assertEqual(exported.out, run("export", "-f", "json", "--graph", built).out)
        # One source of the graph, never a silent choice between two.
        both = run("query", "stats", "--graph", built, "--corpus", corpus)
        self.assertEqual(both.code, 2, both)
        self.assertIn("excludes", both.err)

    # search
    def test_search(self):
        self.golden("search-cjk.txt", "search", "统一")
        self.golden("search-fuzzy.tsv", "search", "pytest 夹具模", "--format", "tsv")
        r = self.q("search", "xunit", "--format", "tsv")
        self.assertEqual(r.out.splitlines()[1].split("\t")[:3], ["xUnit 风格普及", "case", "prefix"])
        r = self.q("search", "迁移成本上生", "--format", "tsv")
        self.assertIn("迁移成本上升\teffect\tfuzzy", r.out)
        r = self.q("search", "zzzz")
        self.assertEqual(r.code, 1, r)

    def test_configured_alias_names_its_concept(self):
        corpus = self.copy_fixture("house")
        with open(os.path.join(corpus, "convgraph.json"), "w", encoding="utf-8") as f:
            f.write('{"aliases": {"CI 统一": "测试框架统一"}}')
        graph = os.path.join(self.tmp, "g.json")
        r = run("build", corpus, "-o", graph)
        self.assertTrue(os.path.exists(graph), r)
        r = self.q("show", "ＣＩ  统一", graph=graph)  # width, case and spacing normalised
        self.assertEqual(r.code, 0, r)
        self.assertTrue(r.out.startswith("测试框架统一\n"), r.out[:80])
        self.assertIn("  alias: ci 统一\n", r.out)
        r = self.q("search", "CI 统", "--format", "tsv", graph=graph)
        self.assertEqual(r.out.splitlines()[1].split("\t")[:3], ["测试框架统一", "driver", "prefix"], r.out)
        r = self.q("upstream", "CI 统一", "--format", "tsv", graph=graph)
        self.assertEqual(r.code, 0, r)
        # The graph without the configuration knows no such name.
        self.assertEqual(self.q("show", "CI 统一").code, 1)

    # names
    def test_ambiguous_name_lists_candidates_exit_2(self):
        for cmd in (["show", "测试"], ["upstream", "测试"], ["path", "测试", "平台收敛"], ["where", "测试"]):
            with self.subTest(cmd=cmd):
                r = self.q(*cmd)
                self.assertEqual(r.code, 2, r)
                self.assertIn("'测试' is ambiguous; it matches:", r.err)
                self.assertIn("  测试框架统一  (driver)", r.err)

    def test_unknown_name_suggests_exit_1(self):
        r = self.q("show", "持续继成")
        self.assertEqual(r.code, 1, r)
        self.assertIn("no concept named '持续继成'; did you mean '持续集成'?", r.err)
        r = self.q("list", "--from", "nope-nothing")
        self.assertEqual(r.code, 1, r)
        r = self.q("list", "--doc", "no-such-note")
        self.assertEqual(r.code, 1, r)
        self.assertIn("no note named", r.err)

    def test_prefix_and_normalised_names_resolve(self):
        self.assertEqual(self.q("show", "XUNIT 风格").code, 0)
        self.assertEqual(self.q("show", "**持续集成**").code, 0)

    # output plumbing
    def test_cjk_alignment(self):
        r = self.q("list")
        lines = r.out.splitlines()
        header = lines[0]
        starts = [width(header[:header.index(col)]) for col in ("kind", "roles", "degree", "source")]
        for line in lines[2:]:
            cells = [c for c in re.split(r" {2,}", line) if c]
            pos, cols = 0, []
            rest = line
            for cell in cells:
                i = rest.index(cell)
                pos += width(rest[:i])
                cols.append(pos)
                pos += width(cell)
                rest = rest[i + len(cell):]
            self.assertEqual(cols[1:5], starts, line)

    def test_nul_separated_names(self):
        r = self.q("list", "drivers", "-0")
        tsv = self.q("list", "drivers", "--format", "tsv").out.splitlines()[1:]
        self.assertEqual(r.out_bytes.split(b"\0")[:-1], [line.split("\t")[0].encode() for line in tsv])
        self.assertEqual(len(tsv), 5)
        self.assertTrue(r.out_bytes.endswith(b"\0"))
        for cmd in (["upstream", "平台收敛"], ["search", "统一"], ["hubs"], ["path", "持续集成", "平台收敛"]):
            with self.subTest(cmd=cmd):
                r = self.q(*cmd, "-0")
                self.assertEqual(r.code, 0, r)
                self.assertNotIn(b"\n", r.out_bytes)
                self.assertTrue(r.out_bytes.endswith(b"\0"))

    def test_no_colour_when_piped(self):
        r = run("query", "show", "持续集成", "--graph", self.graph, env={"NO_COLOR": ""})
        self.assertNotIn("\033", r.out)
        r = run("--color", "always", "query", "show", "持续集成", "--graph", self.graph)
        self.assertIn("\033[1m持续集成\033[0m", r.out)

    def test_stable_order(self):
        a = self.q("stats", "--format", "json").out
        b = run("query", "stats", "--format", "json", "--corpus", self.corpus).out
        self.assertEqual(a, b)

    def test_bad_usage_exits_2(self):
        self.assertEqual(self.q("list", "--format", "xml").code, 2)
        r = self.q("upstream", "平台收敛", "--relation", "produce")
        self.assertEqual(r.code, 2, r)
        self.assertIn("did you mean 'produces'", r.err)
        self.assertEqual(self.q("list", "--kind", "widget").code, 2)
        self.assertEqual(run("query").code, 2)

    def test_counts_are_whole_numbers(self):
        # CLI11 alone would read "-1" into a size_t as 2^64 - 1: "no limit" by accident.
        for args, what in [(("list", "--limit", "-1"), "--limit: must be a whole number of concepts, not '-1'"),
                           (("loops", "-n", "5x"), "--limit: must be a whole number of loops, not '5x'"),
                           (("hubs", "--top", "+3"), "--top: must be a whole number of concepts, not '+3'"),
                           (("downstream", "持续集成", "--depth", "-1"), "--depth: must be a whole number of steps"),
                           (("downstream", "持续集成", "--depth", "0"), "--depth: 0 steps reach nothing"),
                           (("path", "持续集成", "迁移成本上升", "-a", "--max", "0"), "--max 0 would show no path")]:
            r = self.q(*args)
            self.assertEqual(r.code, 2, (args, r))
            self.assertIn(what, r.err)
        self.assertEqual(self.q("downstream", "持续集成", "--depth", "1").code, 0)
        everything = self.q("list", "--format", "tsv").out
        self.assertEqual(self.q("list", "--limit", "0", "--format", "tsv").out, everything)
        self.assertEqual(len(self.q("list", "--limit", "2", "--format", "tsv").out.splitlines()), 3)

    def test_walks_refuse_relations_between_notes(self):
        # `upstream X --relation mentions` answered with documents.
        for args in (("upstream", "平台收敛"), ("downstream", "持续集成"), ("path", "持续集成", "平台收敛"), ("loops",),
                     ("hubs",), ("stats",)):
            for relation in ("mentions", "links_to"):
                r = self.q(*args, "--relation", relation)
                self.assertEqual(r.code, 2, (args, relation, r))
                self.assertIn(f"--relation {relation}: this command follows relations between concepts", r.err)
        self.assertEqual(self.q("list", "--relation", "mentions").code, 0)

    def test_a_file_name_that_is_not_utf8_reads_the_same_from_the_twin(self):
        # The graph file repaired it to U+FFFD but the twin kept the raw bytes, so queries that
        # loaded the twin printed invalid UTF-8 (found by fuzzing).
        corpus = os.path.join(self.tmp, "c")
        os.makedirs(corpus)
        with open(os.path.join(os.fsencode(corpus), b"\xff\xfe.md"), "w") as f:
            f.write("# t\n")
        graph = os.path.join(self.tmp, "g.json")
        run("build", corpus, "-q", "--no-cache", "-o", graph)
        from_twin = run("query", "list", "--documents", "-g", graph, "--format", "tsv")
        from_twin.out_bytes.decode("utf-8")  # strict
        self.assertIn("\ufffd\ufffd.md", from_twin.out)
        os.remove(os.path.join(self.tmp, "g.bin"))
        from_json = run("query", "list", "--documents", "-g", graph, "--format", "tsv")
        self.assertEqual(from_twin.out_bytes, from_json.out_bytes)

    def test_empty_names_are_usage_errors(self):
        # A script's unset variable: `--from ""` matched every concept.
        for option in ("--from", "--to", "--doc", "--match"):
            r = self.q("list", option, "")
            self.assertEqual(r.code, 2, (option, r))
            self.assertIn(f"{option}: must not be empty", r.err)

    def test_hidden_names(self):
        r = self.q("names")
        self.assertEqual(r.code, 0, r)
        self.assertIn("xUnit 风格普及", r.out.splitlines())
        self.assertNotIn("names", run("query", "--help").out.split("Subcommands:")[1])


class CompletionTest(TempDirTest):
    def test_scripts(self):
        for shell in ("bash", "zsh", "fish"):
            with self.subTest(shell=shell):
                r = run("completion", shell)
                self.assertEqual(r.code, 0, r)
                for word in ("query", "upstream", "--all-shortest", "--relation", "acts_through", "query names"):
                    self.assertIn(word, r.out)
                exe = shutil.which(shell)
                if exe:
                    path = self.write("c." + shell, r.out)
                    check = subprocess.run([exe, "-n", path], capture_output=True)
                    self.assertEqual(check.returncode, 0, check.stderr)
        self.assertEqual(run("completion", "tcsh").code, 2)

    def test_bash_completes_names(self):
        if not shutil.which("bash"):
            self.skipTest("no bash")
        corpus = self.copy_fixture("house")
        graph = os.path.join(self.tmp, "g.json")
        run("build", corpus, "-o", graph)
        script = self.write("c.bash", run("completion", "bash").out)
        exe = os.environ.get("CONVGRAPH", "convgraph")

        def complete(*words):
            line = " ".join(words)
            prog = (f'source {script}\nCOMP_WORDS=({line})\nCOMP_CWORD={len(words) - 1}\n_convgraph\n'
                    'printf "%s\\n" "${COMPREPLY[@]}"\n')
            out = subprocess.run(["bash", "-c", prog], capture_output=True, text=True)
            return out.stdout.split()

        self.assertIn("query", complete(exe, "qu"))
        self.assertIn("downstream", complete(exe, "query", "d"))
        self.assertIn("--all-shortest", complete(exe, "query", "path", "--a"))
        self.assertIn("acts_through", complete(exe, "query", "upstream", "--relation", "a"))
        self.assertEqual(complete(exe, "query", "show", "--graph", graph, "持续"), ["持续集成"])

        self.assertEqual(complete(exe, "-v", "query", "sh"), ["show"])  # -v takes no value
        self.assertEqual(complete(exe, "export", "--format", "gr"), ["graphml"])
        self.assertIn("jsonl", complete(exe, "query", "list", "--format", "j"))

    def test_fish_completes(self):
        # fish answers `complete -C LINE` with what it would offer, one "word<TAB>description" per line.
        fish = shutil.which("fish")
        if not fish:
            self.skipTest("fish is not installed (scripts/install-deps installs it)")
        corpus = self.copy_fixture("house")
        graph = os.path.join(self.tmp, "g.json")
        run("build", corpus, "-o", graph)
        script = self.write("c.fish", run("completion", "fish").out)
        bindir = os.path.dirname(os.path.abspath(os.environ.get("CONVGRAPH", shutil.which("convgraph") or "convgraph")))

        def complete(line):
            env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""))
            out = subprocess.run([fish, "--no-config", "-c", f"source {script}; complete -C {shlex.quote(line)}"],
                                 capture_output=True, text=True, env=env)
            self.assertEqual(out.returncode, 0, out.stderr)
            return [l.split("\t")[0] for l in out.stdout.splitlines()]

        self.assertIn("query", complete("convgraph qu"))
        self.assertEqual(complete("convgraph query d"), ["downstream"])
        self.assertEqual(complete("convgraph -v query sh"), ["show"])
        self.assertIn("--all-shortest", complete("convgraph query path --a"))
        self.assertEqual(complete("convgraph query upstream --relation a"), ["acts_through"])
        self.assertEqual(complete("convgraph export --format gr"), ["graphml"])
        self.assertEqual(complete(f"convgraph query show --graph {graph} 持续"), ["持续集成"])

    def test_zsh_completes(self):
        # zsh's completion widgets need a terminal; instead the generated function runs with
        # `words` and `CURRENT` set as compsys sets them, and compadd/_files stubbed to print
        # what would be offered (unfiltered: compsys filters by prefix itself).
        zsh = shutil.which("zsh")
        if not zsh:
            self.skipTest("zsh is not installed (scripts/install-deps installs it)")
        corpus = self.copy_fixture("house")
        graph = os.path.join(self.tmp, "g.json")
        run("build", corpus, "-o", graph)
        script = self.write("c.zsh", run("completion", "zsh").out)
        exe = os.environ.get("CONVGRAPH", "convgraph")
        registered = subprocess.run([zsh, "-f", "-c", f"autoload -U compinit; compinit -u -d {self.tmp}/zcd; "
                                     f"source {script}; print -r -- $_comps[convgraph]"], capture_output=True, text=True)
        self.assertEqual(registered.stdout.strip(), "_convgraph", registered.stderr)

        def offered(*words):
            prog = ("compadd() { if [[ $1 == -a ]]; then print -rl -- ${(P)2}; return; fi;"
                    " [[ $1 == -- ]] && shift; print -rl -- \"$@\" }\n"
                    "_files() { print -r -- FILES }\n"
                    f"source {script}\n"
                    f"words=({' '.join(shlex.quote(w) for w in words)})\nCURRENT={len(words)}\n_convgraph\n")
            out = subprocess.run([zsh, "-f", "-c", prog], capture_output=True, text=True)
            self.assertEqual(out.returncode, 0, out.stderr)
            return out.stdout.split()

        self.assertIn("query", offered(exe, ""))
        self.assertIn("downstream", offered(exe, "query", ""))
        self.assertIn("show", offered(exe, "-v", "query", ""))
        self.assertIn("--all-shortest", offered(exe, "query", "path", "--a"))
        self.assertIn("acts_through", offered(exe, "query", "upstream", "--relation", ""))
        export_formats = offered(exe, "export", "--format", "")
        self.assertIn("graphml", export_formats)
        self.assertNotIn("tsv", export_formats)
        self.assertIn("tsv", offered(exe, "query", "list", "--format", ""))
        self.assertEqual(offered(exe, "build", ""), ["FILES"])
        self.assertIn("持续集成", offered(exe, "query", "show", "--graph", graph, "持续"))


if __name__ == "__main__":
    main()

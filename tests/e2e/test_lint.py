"""End-to-end tests for CI mode: `convgraph check` / `build` diagnostics, formats, config, suppression."""
import json
import os
import shutil
import subprocess
import xml.dom.minidom

import cgtest
from cgtest import run

LINT = os.path.join(cgtest.FIXTURES, "lint")


def diag_lines(err):
    """The one-line diagnostics of a human report (without excerpts, hints and the summary)."""
    return [l for l in err.splitlines() if not l.startswith(" ") and not l.startswith("convgraph:")]


class CheckPerFixture(cgtest.TempDirTest):
    """One fixture corpus per group of checks; the exact diagnostics and places are asserted."""

    def check(self, name, *extra):
        root = os.path.join(self.tmp, name)
        shutil.copytree(os.path.join(LINT, name), root)
        r = run("check", name, *extra, cwd=self.tmp)
        return r

    def test_links(self):
        r = self.check("links")
        self.assertEqual(r.code, 1, r)
        self.assertEqual(diag_lines(r.err), [
            "links/a.md:3:1: warning: table of contents has no entry for '二、关系' (line 15) [toc-mismatch]",
            "links/a.md:8:5: error: no heading in this note has the anchor '#二关系x' [broken-anchor]",
            "links/a.md:13:13: error: link target 'c.md' does not exist in the corpus [broken-link]",
            "links/a.md:13:40: error: no heading in 'b.md' has the anchor '#二不存在' [broken-anchor]",
            "links/a.md:17:37: warning: link target '../../outside.md' is outside the corpus root and cannot be checked [link-outside-corpus]",
            "links/a.md:22:3: error: link target 'img/missing.png' does not exist in the corpus [broken-link]",
            "links/sub/d.md:5:20: error: link target 'e.md' does not exist in the corpus [broken-link]",
        ])
        self.assertIn("= hint: did you mean '#二关系'?", r.err)
        self.assertIn("convgraph: 5 errors, 2 warnings, 0 notes in 3 files", r.err)

    def test_structure(self):
        r = self.check("structure")
        self.assertEqual(r.code, 1, r)
        self.assertEqual(diag_lines(r.err), [
            "structure/01.1-结构.md:1:1: warning: title series number '01.2' differs from the file name's '01.1' [title-number-mismatch]",
            "structure/01.1-结构.md:3:1: warning: table of contents has no entry for '三、第三又一次' (line 19) [toc-mismatch]",
            "structure/01.1-结构.md:3:1: warning: table of contents has no entry for '五、跳过了四' (line 21) [toc-mismatch]",
            "structure/01.1-结构.md:7:3: warning: table of contents lists '二、第二' after '三、第三', but the headings are in the other order [toc-mismatch]",
            "structure/01.1-结构.md:13:1: warning: section 2.2 is under section 一 [section-number-mismatch]",
            "structure/01.1-结构.md:19:1: error: section number 三 is used twice (first at line 17) [duplicate-section-number]",
            "structure/01.1-结构.md:21:1: warning: section 五 follows 三; 四 is missing [skipped-section-number]",
            "structure/untitled.md:1:1: warning: note has no H1 title [missing-title]",
        ])
        self.assertIn("= hint: number it 1.2", r.err)

    def test_mermaid(self):
        r = self.check("mermaid")
        self.assertEqual(r.code, 1, r)
        lines = diag_lines(r.err)
        self.assertEqual(len([l for l in lines if "[mermaid-syntax]" in l]), 1, r)
        self.assertIn("mermaid/m.md:8:10: error: expected a node id after '-->', found end of line [mermaid-syntax]", lines)
        self.assertIn("mermaid/m.md:13:1: note: sequenceDiagram is not a flowchart; skipped [mermaid-unsupported-diagram]", lines)
        self.assertTrue(any(l.startswith("mermaid/m.md:18:1: warning:") and "[mermaid-unknown-diagram]" in l for l in lines), r)
        # An arrow to a subgraph gives no edge, and says so.
        self.assertIn("mermaid/m.md:23:11: note: the arrow to subgraph 'G' gives no edge: a subgraph is a group of "
                      "concepts, not one [mermaid-subgraph-edge]", lines)
        # The rest of the chart after the bad line is still read.
        g = run("build", "mermaid", "-o", "g.json", cwd=self.tmp)
        with open(os.path.join(self.tmp, "g.json"), encoding="utf-8") as f:
            ids = {n["id"] for n in json.load(f)["nodes"]}
        self.assertTrue({"另一个", "结束", "起点", "终点"} <= ids, g)

    def test_tables(self):
        r = self.check("tables")
        self.assertEqual(r.code, 0, r)  # warnings only
        self.assertEqual(diag_lines(r.err), [
            "tables/t.md:5:23: warning: column header '备注' of a driver table is not a known header [table-unknown-header]",
            "tables/t.md:8:26: warning: empty mechanism cell in a driver table [table-empty-cell]",
            "tables/t.md:9:3: warning: table row has 4 cells but the header has 3 [table-ragged-row]",
            "tables/t.md:10:3: warning: table row has 1 cells but the header has 3 [table-ragged-row]",
        ])
        self.assertEqual(run("check", "tables", "--strict", cwd=self.tmp).code, 1)

    def test_graph_consistency(self):
        r = self.check("graph")
        lines = diag_lines(r.err)
        self.assertEqual(lines, [
            "graph/convgraph.json:5: warning: alias '无名' points at '不存在的概念', which is no concept in the corpus [alias-target-missing]",
            "graph/empty.md:1:1: warning: note yields no concepts (no driver table, flowchart, driver section or layer section) [note-without-facts]",
            "graph/g.md:8:11: warning: driver '乙因素' is in the overview flowchart but not in the driver table [overview-table-mismatch]",
            "graph/g.md:14:3: warning: driver '丙因素' is in the driver table but not in the overview flowchart [overview-table-mismatch]",
            "graph/g.md:22:4: warning: 'TransformerStack' and 'Transformer Stack' (g.md:14:15) look like one concept spelt two ways [near-duplicate-concept]",
            "graph/g.md:24:1: warning: section '三、丁因素驱动力' is about a driver that no table or overview lists [unlisted-driver-section]",
        ])
        self.assertEqual(r.code, 0, r)
        self.assertEqual(run("check", "graph", "--strict", cwd=self.tmp).code, 1)
        # The alias joins 甲 into 甲因素 and the node keeps the alias target's spelling.
        run("build", "graph", "-o", "g.json", cwd=self.tmp)
        with open(os.path.join(self.tmp, "g.json"), encoding="utf-8") as f:
            labels = {n["id"]: n["label"] for n in json.load(f)["nodes"]}
        self.assertNotIn("甲", labels)
        self.assertEqual(labels["甲因素"], "甲因素")


class SeveralRoots(cgtest.TempDirTest):
    def test_a_link_out_of_every_root_leaves_the_corpus(self):
        # It was a broken-link error with a second root (the link resolved below the current
        # directory), so adding a root turned a passing job into a failing one.
        self.write("A/a.md", "# 01-甲\n\n[o](../x.md)\n[b](../B/b.md)\n[gone](../B/gone.md)\n")
        self.write("B/b.md", "# 02-乙\n")
        self.write("x.md", "# x\n")
        r = run("check", "A", "B", cwd=self.tmp)
        self.assertEqual(r.code, 1, r)
        lines = [l for l in diag_lines(r.err) if "link" in l]
        self.assertEqual(lines, [
            "A/a.md:3:1: warning: link target '../x.md' is outside the corpus root and cannot be checked [link-outside-corpus]",
            "A/a.md:5:1: error: link target 'B/gone.md' does not exist in the corpus [broken-link]",
        ])


class Formats(cgtest.TempDirTest):
    def setUp(self):
        super().setUp()
        shutil.copytree(os.path.join(LINT, "links"), os.path.join(self.tmp, "links"))

    def fmt(self, name):
        r = run("check", "links", "--format", name, cwd=self.tmp)
        self.assertEqual(r.code, 1, r)
        return r

    def test_human_excerpt_and_caret(self):
        r = run("check", "links", cwd=self.tmp)
        lines = r.err.splitlines()
        i = lines.index("links/sub/d.md:5:20: error: link target 'e.md' does not exist in the corpus [broken-link]")
        self.assertEqual(lines[i + 1], "    回到 [甲](../a.md)，以及 [不存在的](../e.md)。")
        # 19 characters before the link: 回到 (4 columns) + " [甲](../a.md)" (14) + "，以及 " (7) = 25 columns
        self.assertEqual(lines[i + 2], "    " + " " * 25 + "^")
        self.assertNotIn("\033[", r.err)

    def test_color_only_when_asked(self):
        r = run("--color", "always", "check", "links", cwd=self.tmp)
        self.assertIn("\033[1;31merror:", r.err)
        r = run("--color", "always", "check", "links", cwd=self.tmp, env={"NO_COLOR": ""})
        self.assertIn("\033[", r.err)

    def test_github(self):
        r = self.fmt("github")
        self.assertIn("::error file=links/sub/d.md,line=5,col=20,title=convgraph broken-link::link target 'e.md' does not exist in the corpus", r.out)
        self.assertIn("::warning file=links/a.md,line=17,col=37,title=convgraph link-outside-corpus::", r.out)
        self.assertIn("%0Ahint: did you mean '#二关系'?", r.out)

    def test_json(self):
        r = self.fmt("json")
        doc = json.loads(r.out)
        self.assertEqual(doc["summary"], {"files": 3, "errors": 5, "warnings": 2, "notes": 0})
        first = doc["diagnostics"][1]
        self.assertEqual(first, {"file": "links/a.md", "line": 8, "column": 5, "severity": "error",
                                 "code": "broken-anchor", "message": "no heading in this note has the anchor '#二关系x'",
                                 "hint": "did you mean '#二关系'?"})

    def test_sarif(self):
        r = self.fmt("sarif")
        doc = json.loads(r.out)
        self.assertEqual(doc["version"], "2.1.0")
        self.assertIn("$schema", doc)
        run0 = doc["runs"][0]
        self.assertEqual(run0["tool"]["driver"]["name"], "convgraph")
        rules = run0["tool"]["driver"]["rules"]
        for rule in rules:
            for key in ("id", "shortDescription", "fullDescription", "help"):
                self.assertIn(key, rule)
        self.assertEqual(run0["columnKind"], "unicodeCodePoints")
        self.assertEqual(len(run0["results"]), 7)
        for res in run0["results"]:
            self.assertIn("text", res["message"])
            self.assertEqual(rules[res["ruleIndex"]]["id"], res["ruleId"])
            loc = res["locations"][0]["physicalLocation"]
            self.assertNotRegex(loc["artifactLocation"]["uri"], r"[^A-Za-z0-9/%._~-]")
            self.assertGreaterEqual(loc["region"]["startLine"], 1)

    def test_junit(self):
        r = self.fmt("junit")
        dom = xml.dom.minidom.parseString(r.out.encode("utf-8"))
        suites = dom.getElementsByTagName("testsuite")
        self.assertEqual(suites[0].getAttribute("failures"), "7")
        cases = dom.getElementsByTagName("testcase")
        self.assertEqual(len(cases), 7)
        names = {(c.getAttribute("classname"), c.getAttribute("name")) for c in cases}
        self.assertEqual(len(names), 7)

    def test_junit_clean_has_one_passing_case(self):
        shutil.copytree(os.path.join(LINT, "clean"), os.path.join(self.tmp, "clean"))
        r = run("check", "clean", "--format", "junit", cwd=self.tmp)
        self.assertEqual(r.code, 0, r)
        dom = xml.dom.minidom.parseString(r.out.encode("utf-8"))
        self.assertEqual(len(dom.getElementsByTagName("testcase")), 1)
        self.assertEqual(len(dom.getElementsByTagName("failure")), 0)

    def test_quoted_bytes_keep_every_format_valid_and_one_line(self):
        # A link target decodes to a raw Latin-1 byte, a newline and an escape sequence: JUnit was
        # not UTF-8, and the human line was split in two with the terminal's cursor moved.
        self.write("q/a.md", "# 01-甲\n\n[旧页](caf%E9.md)\n[b](x%0Aq/a.md:9:1:%20error:%20forged.md)\n[c](y%1B[2Kz.md)\n")
        report = os.path.join(self.tmp, "q.xml")
        r = run("check", "q", "--format", "junit", "--report", report, cwd=self.tmp)
        self.assertEqual(r.code, 1, r)
        with open(report, "rb") as f:
            dom = xml.dom.minidom.parseString(f.read())
        messages = [c.getAttribute("message") for c in dom.getElementsByTagName("failure")]
        self.assertIn("link target 'caf\ufffd.md' does not exist in the corpus", messages)
        r = run("check", "q", cwd=self.tmp)
        errors = [line for line in r.err.splitlines() if ": error: " in line]
        self.assertEqual(len(errors), 3, r.err)
        self.assertIn("link target 'x\\nq/a.md:9:1: error: forged.md' does not exist", r.err)
        self.assertIn("link target 'y\\x1b[2Kz.md' does not exist", r.err)
        self.assertNotIn("\x1b", r.err)

    def test_identical_findings_get_their_own_fingerprints(self):
        # Two broken links to one target on a line, a third below: GitLab showed the first two as
        # one issue, SARIF all three as one alert.
        self.write("fp/d.md", "# 01-甲\n\n[a](gone.md) and [b](gone.md)\n\n[c](gone.md)\n")
        gitlab = json.loads(run("check", "fp", "--format", "gitlab", cwd=self.tmp).out)
        prints = [d["fingerprint"] for d in gitlab if d["check_name"] == "broken-link"]
        self.assertEqual(len(prints), 3)
        self.assertEqual(len(set(prints)), 3)
        sarif = json.loads(run("check", "fp", "--format", "sarif", cwd=self.tmp).out)
        prints = [r["partialFingerprints"]["convgraph/v1"] for r in sarif["runs"][0]["results"] if r["ruleId"] == "broken-link"]
        self.assertEqual(len(set(prints)), 3)
        again = json.loads(run("check", "fp", "--format", "sarif", cwd=self.tmp).out)
        self.assertEqual(prints, [r["partialFingerprints"]["convgraph/v1"] for r in again["runs"][0]["results"]
                                  if r["ruleId"] == "broken-link"])

    def test_gitlab(self):
        doc = json.loads(self.fmt("gitlab").out)
        self.assertEqual(len(doc), 7)
        self.assertEqual(len({d["fingerprint"] for d in doc}), 7)
        self.assertEqual({d["severity"] for d in doc}, {"major", "minor"})

    def test_golden_outputs(self):
        """Every format's exact output for the links fixture (UPDATE_GOLDEN=1 regenerates)."""
        for name in ("human", "github", "json", "sarif", "junit", "gitlab"):
            with self.subTest(format=name):
                r = run("check", "links", "--format", name, cwd=self.tmp)
                text = r.err if name == "human" else r.out
                self.assertGolden(text, "lint/links." + name)

    def test_report_file(self):
        r = run("check", "links", "--format", "sarif", "--report", "out/report.sarif", cwd=self.tmp)
        self.assertEqual(r.out, "")
        with open(os.path.join(self.tmp, "out", "report.sarif"), encoding="utf-8") as f:
            json.load(f)

    def test_build_graph_on_stdout_needs_report_file(self):
        r = run("build", "links", "-o", "-", "--format", "json", cwd=self.tmp)
        self.assertEqual(r.code, 2, r)
        self.assertIn("--report FILE", r.err)


class ConfigAndSuppression(cgtest.TempDirTest):
    def copy(self, name):
        shutil.copytree(os.path.join(LINT, name), os.path.join(self.tmp, name))

    def test_suppression_comments(self):
        self.copy("suppress")
        r = run("check", "suppress", cwd=self.tmp)
        self.assertEqual(diag_lines(r.err), [
            "suppress/s.md:8:6: error: link target 'missing-two.md' does not exist in the corpus [broken-link]",
        ])

    def test_config_severity_off_and_ignore_and_conventions(self):
        self.copy("config")
        r = run("check", "config", cwd=self.tmp)
        self.assertEqual(r.code, 0, r)
        self.assertEqual(diag_lines(r.err), [
            "config/c.md:5:26: warning: link target 'missing.md' does not exist in the corpus [broken-link]",
        ])
        self.assertIn("in 1 file", r.err)  # drafts/ ignored
        r = run("build", "config", "-o", "g.json", cwd=self.tmp)
        with open(os.path.join(self.tmp, "g.json"), encoding="utf-8") as f:
            kinds = {(e["kind"], e["source"], e["target"]) for e in json.load(f)["edges"]}
        self.assertIn(("acts_through", "甲", "机制甲"), kinds)
        self.assertIn(("produces", "机制甲", "效果甲"), kinds)

    def test_explicit_config_file(self):
        self.copy("links")
        self.write("strict.json", '{"checks": {"note-without-facts": "off", "broken-link": "off", "broken-anchor": "off", "link-outside-corpus": "error"}}')
        r = run("check", "links", "--config", "strict.json", cwd=self.tmp)
        self.assertEqual(diag_lines(r.err), [
            "links/a.md:3:1: warning: table of contents has no entry for '二、关系' (line 15) [toc-mismatch]",
            "links/a.md:17:37: error: link target '../../outside.md' is outside the corpus root and cannot be checked [link-outside-corpus]",
        ])

    def test_config_outside_the_root_is_reported_at_its_own_path(self):
        # The root was put in front of it: notes/convgraph.json, notes//abs/convgraph.json.
        self.write("notes/a.md", "# 01-甲\n")
        config = self.write("convgraph.json", '{"aliases": {"x": "不存在"}}\n')
        for given in ("convgraph.json", config):
            r = run("check", "notes", "--config", given, cwd=self.tmp)
            self.assertIn("convgraph.json:1: warning: alias 'x' points at '不存在'", r.err)
            self.assertTrue(any(line.startswith("convgraph.json:1: ") for line in diag_lines(r.err)), r.err)
            sarif = json.loads(run("check", "notes", "--config", given, "--format", "sarif", cwd=self.tmp).out)
            uris = {res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for res in sarif["runs"][0]["results"]}
            self.assertEqual(uris, {"convgraph.json", "notes/a.md"})

    def test_config_errors_name_the_key(self):
        self.copy("clean")
        cases = [
            ('{"colour": 1}', 'unknown key "colour"'),
            ('{"checks": {"no-such-check": "error"}}', 'unknown check "checks.no-such-check"'),
            ('{"checks": {"broken-link": "fatal"}}', '"checks.broken-link" must be'),
            ('{"checks": {"broken-link": "info"}}', '"checks.broken-link" must be "error", "warning", "note" or "off", not "info"'),
            ('{"aliases": {"x": 3}}', '"aliases.x" must be a string'),
            ('{"aliases": {"gamma": "x\\u0001y"}}', 'alias "gamma": "x\\u0001y" contains a control character'),
            ('{"aliases": {"a\\tb": "ab"}}', 'alias "a\\tb": "a\\tb" contains a control character'),
            ('{"conventions": {"delimiters": ","}}', '"conventions.delimiters" must be an array of strings'),
            ('{"conventions": {"colour": []}}', 'unknown key "conventions.colour"'),
            ('{"ignore": "x"', "not valid JSON"),
        ]
        for text, expected in cases:
            with self.subTest(text=text):
                self.write("clean/convgraph.json", text)
                r = run("check", "clean", cwd=self.tmp)
                self.assertEqual(r.code, 2, r)
                self.assertIn(expected, r.err)
                self.assertIn("clean/convgraph.json", r.err)


class FileProblems(cgtest.TempDirTest):
    def test_bad_files_get_diagnostics_not_crashes(self):
        self.write("c/ok.md", "# 01-好\n\n## 一、概述\n")
        self.write("c/bad-utf8.md", b"# 02-\xe6\x8a\x80\n\nline two \xff\xfe here\n")
        self.write("c/binary.md", b"# x\n\x00\x01\x02")
        self.write("c/ctrl.md", "# 03-控制\n\nbell \x07 here\n")
        self.write("c/big.md", "# 04-大\n\n" + "x" * 5000 + "\n")
        os.symlink("..", os.path.join(self.tmp, "c", "loop"))
        os.symlink("/etc", os.path.join(self.tmp, "c", "outside"))
        r = run("check", "c", "--max-file-size", "4000", cwd=self.tmp)
        self.assertEqual(r.code, 1, r)
        lines = diag_lines(r.err)
        self.assertIn("c/bad-utf8.md:3:10: error: invalid UTF-8 at byte offset 19; invalid bytes are read as U+FFFD [invalid-utf8]", lines)
        self.assertIn("c/big.md: error: file is 5011 bytes, over the limit of 4000; skipped [file-too-large]", lines)
        self.assertIn("c/binary.md:2: error: file contains a NUL byte at offset 4; not a text note, skipped [binary-file]", lines)
        self.assertIn("c/ctrl.md:3: warning: control character U+0007 removed [control-character]", lines)
        self.assertIn("c/outside: warning: symbolic link points outside the corpus root; not followed [symlink-escapes-corpus]", lines)
        self.assertTrue(any("[symlink-escapes-corpus]" in l and l.startswith("c/loop") for l in lines) or
                        any("[symlink-loop]" in l for l in lines), r)

    def test_missing_corpus_is_usage_error(self):
        r = run("check", "nope", cwd=self.tmp)
        self.assertEqual(r.code, 2, r)

    def test_inspect_finds_the_configuration_beside_a_bare_file_name(self):
        # `inspect a.md` run in the note's folder reads the same convgraph.json as `inspect dir/a.md`.
        note = "# 01.1-Note\n\n| 因素 | 作用机制 | 收敛效果 |\n|---|---|---|\n| **甲** | 机制一/机制二 | 效果 |\n"
        self.write("notes/a.md", note)
        self.write("notes/convgraph.json", json.dumps({"conventions": {"delimiters": ["/"]}}))
        facts = []
        for cwd, path in ((self.tmp, "notes/a.md"), (os.path.join(self.tmp, "notes"), "a.md")):
            r = run("inspect", path, "--json", cwd=cwd)
            self.assertEqual(r.code, 0, r)
            relations = json.loads(r.out)["facts"]["relations"]
            facts.append(sorted((f["relation"], f["to"]) for f in relations if f["relation"] == "acts_through"))
        self.assertEqual(facts[0], [("acts_through", "机制一"), ("acts_through", "机制二")])
        self.assertEqual(facts[1], facts[0])

    def test_check_with_an_output_points_to_build(self):
        r = run("check", cgtest.CORPUS, "-o", "g.json", cwd=self.tmp)
        self.assertEqual(r.code, 2, r)
        self.assertIn("check writes no graph file; 'convgraph build CORPUS -o g.json' builds one", r.err)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "g.json")))

    def test_unknown_command_suggests_the_nearest(self):
        for args, message in ((("bulid", "corpus"), "unknown command 'convgraph bulid'; did you mean 'convgraph build'?"),
                              (("--color", "never", "qeury", "list"), "did you mean 'convgraph query'?"),
                              (("query", "shwo", "x"), "did you mean 'convgraph query show'?"),
                              (("frobnicate",), "(commands: build, check, query, export, inspect, completion)")):
            r = run(*args, cwd=self.tmp)
            self.assertEqual(r.code, 2, r)
            self.assertIn(message, r.err)


class ShippedCorpus(cgtest.TempDirTest):
    def test_corpus_is_clean_under_strict(self):
        r = run("check", cgtest.CORPUS, "--strict")
        self.assertEqual(r.code, 0, r)
        self.assertIn("0 errors, 0 warnings", r.err)

    def test_graph_file_is_byte_identical_across_runs_and_jobs(self):
        outputs = []
        for i, jobs in enumerate(("1", "2", "2")):
            out = os.path.join(self.tmp, f"g{i}.json")
            r = run("build", cgtest.CORPUS, "-q", "--no-cache", "-j", jobs, "-o", out)
            self.assertEqual(r.code, 0, r)
            with open(out, "rb") as f:
                outputs.append(f.read())
        self.assertEqual(outputs[0], outputs[1])
        self.assertEqual(outputs[1], outputs[2])

    def test_seed_diagnostics(self):
        shared = cgtest.shared_dir()
        if not shared:
            self.skipTest("../shared not present: seed test skipped")
        os.makedirs(os.path.join(self.tmp, "seed"))
        shutil.copy(os.path.join(shared, "seeds", "000_f8ff3c6eaff9137b.txt"),
                    os.path.join(self.tmp, "seed", "03.3.1-技术收敛驱动力.md"))
        r = run("check", "seed", cwd=self.tmp)
        self.assertEqual(r.code, 1, r)
        self.assertEqual(diag_lines(r.err), [
            "seed/03.3.1-技术收敛驱动力.md:266:1: error: section number 八 is used twice (first at line 257) [duplicate-section-number]",
            "seed/03.3.1-技术收敛驱动力.md:268:3: error: link target '03.3.2-市场收敛驱动力.md' does not exist in the corpus [broken-link]",
            "seed/03.3.1-技术收敛驱动力.md:269:3: error: link target '03.3.3-标准收敛驱动力.md' does not exist in the corpus [broken-link]",
            "seed/03.3.1-技术收敛驱动力.md:270:3: error: link target '03.3.4-反收敛力量.md' does not exist in the corpus [broken-link]",
            "seed/03.3.1-技术收敛驱动力.md:276:3: warning: link target '../../view/ai_scale_view.md' is outside the corpus root and cannot be checked [link-outside-corpus]",
        ])


if __name__ == "__main__":
    cgtest.main()

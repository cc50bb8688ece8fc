"""Mutations for tests/fuzz/run: damaged notes and odd corpus layouts.

A note is mutated as a list of byte lines by a few operators drawn at random (bit flips, invalid
UTF-8, control characters, deep nesting, huge lines, broken tables, Mermaid blocks and arrows,
duplicate headings, broken links and anchors, suppression comments, line endings, splices from
other notes). A corpus is a list of `Entry` values (regular notes, binary files, symbolic links
that loop or leave the corpus, FIFOs, directories named like notes, unreadable files) that
`materialise()` writes under a directory. Everything is drawn from the `random.Random` passed in,
so the same generator state gives the same corpus.
"""
import os
import stat
from dataclasses import dataclass

# Inline fragments: Markdown and Mermaid punctuation, house-convention markers, CJK, combining
# marks, bidi controls, invalid UTF-8 (surrogates, overlong, beyond U+10FFFF, truncated), NUL and
# other control characters, numeric edge cases.
FRAGMENTS = [
    b"-->|x|", b"-->", b"---", b"-.->", b"==>", b"--o", b"--x", b"<-->", b"-- text -->",
    b"subgraph", b"subgraph S1 [title]", b"end", b":::", b":::cls", b"classDef a fill:#f00",
    b"[[", b"]]", b"((", b"))", b"{{", b"}}", b"[(", b")]", b">", b"[/", b"/]", b"[\\", b"\\]",
    b'"', b'""', b"`", b"```", b"```mermaid", b"&", b" & ", b"%%", b"%% comment", b"%%{init: {}}%%",
    b"|", b"||", b"| --- |", b"|:---:|", b"**", "**因素**".encode(), "：".encode(), "、".encode(),
    "中文".encode(), "驱动力".encode(), "\u0301".encode(), "\u0301\u0302\u0303".encode(),
    "\u200f".encode(), "\u202e".encode(), "שלום".encode(), "\ufffd".encode(), "😀".encode(),
    b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xc0\x80", b"\xf4\x90\x80\x80", b"\xff", b"\xfe", b"\x80",
    b"\xe4\xb8", b"\x00", b"\r", b"\r\n", b"\t", b"\x0b", b"\x0c", b"\x1b[31m", b"\x7f", b"\xc2\x85",
    b"\xef\xbb\xbf", b"\xef\xbf\xbe", "\u2028".encode(),
    b"[a](b.md#c)", b"[a](#c)", b"[](", b"](", b"[x](../../../etc/passwd)", b"[x](/abs.md)",
    b"[x](<a b.md>)", b"[x](a.md#)", b"[x](#)", b"[x](%E4%B8%AD.md)", b'[x](a.md "title")',
    b"![img](x.png)", b"[ref]: a.md", b"[x](../outside/o.md)", b"[x](file:///etc/passwd)",
    b"<!-- convgraph-disable -->", b"<!-- convgraph-enable -->", b"<!-- convgraph-disable broken-link -->",
    b"<!-- convgraph-disable-next-line -->", b"<!-- convgraph-disable-line broken-link -->", b"<!--", b"-->",
    b"#", b"######", b"####### ", b"# ", "## 一、".encode(), b"### 1.1 ", "## 十一、".encode(),
    b"flowchart TD", b"graph LR", b"flowchart", b"A-->B", b"A[x]-->B((y))", b"A --> B & C",
    b"click A call", b"style A fill:#fff", b"linkStyle 0 stroke:#f00", b"A@{ shape: rect }",
    b'A-- "q" -->B', b"\\", b"\\|", b"&#124;", b"&amp;", b"&#x4e2d;", b"&#99999999;", b"&#0;",
    "\u200b".encode(), "\u00a0".encode(), b"99999999999999999999", b"-1", b"0.0.0.0.0", b"1.", b"1)",
    b"- ", b"* ", b"+ ", b"> ", b"    ",
]

# Whole lines that open, close or break the structures convgraph reads.
STRUCT_LINES = [
    b"```mermaid", b"```", b"~~~", b"~~~mermaid", b"flowchart TD", b"graph LR", b"subgraph S", b"end",
    "    A[因素] -->|x| B[机制]".encode(), "| **因素** | **作用机制** | **收敛效果** |".encode(),
    b"|---|---|---|", b"| a | b | c |", b"| a | b", b"|", b"||||||||", b"| a \\| b | c |",
    "## 二、测试驱动力".encode(), "### 2.1 作用机制".encode(), "1. **甲**：说明".encode(), b"- **A**: b",
    b"- [a](b.md#c)", b"<!-- convgraph-disable broken-link -->", b"<!-- convgraph-enable broken-link -->",
    b"<!-- convgraph-disable-next-line -->", b"---", b"***", b"", "# 01.1-标题".encode(), "## 目录".encode(),
    b"  - [x](#x)", b"> > > quote", b"$$", b"<details>", b"</details>",
]

LINK_TARGETS = [b"b.md", b"a.md", b"../x.md", b"", b"#", b"sub/d.md", b".md", b"%", b"a.md#",
                "中.md".encode(), b"../outside/o.md", b"../../outside/o.md", b"/etc/passwd",
                b"loop/loop/loop/a.md", b"./././a.md", b"sub/../../corpus/a.md"]
LINK_ANCHORS = [b"", b"#c", "#一概述".encode(), b"###", b"#-", b"#%20", b"#%E4%B8%80", b"#\xff"]
LIST_MARKERS = [b"  ", b"> ", b"- ", b"    - ", b"1. ", b">", b"+ ", b"* > "]
MERMAID_IDS = [b"A", b"B", b"C", "甲".encode(), b"1", b"end", b"subgraph", b"A:::c", b"id with space"]
MERMAID_SHAPES = [b"", b"[x]", b"((y))", b"{z}", b"{{w}}", b"[[v]]", b"(u)", b">t]", b'["q&quot;"]',
                  b"[`md`]", b"[", b'("', b"[a|b]", b"@{ shape: diamond }", b"@{ oops }"]
MERMAID_ARROWS = [b"-->", b"-->|x|", b"---", b"-.->", b"==>", b" & ", b"--", b"--|", b"-->|",
                  b"<-->", b"~~~", b"", b"--o", b"x--x"]
MERMAID_TARGETS = [b"B", "C[效果]".encode(), b"D((d))", b"", b"E & F", b"S"]
MERMAID_EXTRA = [b"subgraph S", b"end", b"subgraph", b"%% c", b"classDef c fill:#f9f", b"direction LR"]
SUPPRESS_VERBS = [b"<!-- convgraph-disable ", b"<!-- convgraph-enable ",
                  b"<!-- convgraph-disable-next-line ", b"<!-- convgraph-disable-line "]
SUPPRESS_CODES = [b"", b"broken-link", b"all", b"*", b"broken-link,toc-mismatch", b"nonexistent-code", b"-->"]

MAX_NOTE_BYTES = 4_000_000


def _join(lines):
    return b"\n".join(lines)


def _split(data):
    return data.split(b"\n")


def _insert_at(rng, line, piece):
    k = rng.randint(0, len(line))
    return line[:k] + piece + line[k:]


def flip_bits(lines, i, rng, donors):
    data = bytearray(_join(lines))
    for _ in range(rng.randint(1, 8)):
        if data:
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    return _split(bytes(data))


def set_bytes(lines, i, rng, donors):
    data = bytearray(_join(lines))
    for _ in range(rng.randint(1, 4)):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    return _split(bytes(data))


def delete_lines(lines, i, rng, donors):
    del lines[i:i + rng.randint(1, 10)]
    return lines


def duplicate_lines(lines, i, rng, donors):
    lines[i:i] = lines[i:i + rng.randint(1, 10)] * rng.randint(1, 3)
    return lines


def duplicate_heading(lines, i, rng, donors):
    headings = [line for line in lines if line.startswith(b"#")]
    if headings:
        lines.insert(i, rng.choice(headings))
    return lines


def splice_donor_lines(lines, i, rng, donors):
    other = _split(rng.choice(donors))
    j = rng.randrange(len(other))
    lines[i:i] = other[j:j + rng.randint(1, 30)]
    return lines


def splice_donor_tail(lines, i, rng, donors):
    other = _split(rng.choice(donors))
    return lines[:i] + other[rng.randrange(len(other)):]


def insert_fragment(lines, i, rng, donors):
    lines[i] = _insert_at(rng, lines[i], rng.choice(FRAGMENTS) * rng.choice([1, 1, 1, 2, 5]))
    return lines


def insert_structural_line(lines, i, rng, donors):
    lines.insert(i, rng.choice(STRUCT_LINES))
    return lines


def control_characters(lines, i, rng, donors):
    chars = [bytes([c]) for c in list(range(0, 32)) + [127]] + [b"\xc2\x80", b"\xc2\x9f"]
    for _ in range(rng.randint(1, 6)):
        lines[i] = _insert_at(rng, lines[i], rng.choice(chars))
    return lines


def truncate_line(lines, i, rng, donors):
    """Cuts a line anywhere, often inside a UTF-8 sequence."""
    if lines[i]:
        lines[i] = lines[i][:rng.randrange(len(lines[i]))]
    return lines


def huge_line(lines, i, rng, donors):
    piece = rng.choice(FRAGMENTS + [b"a", "中".encode(), b"A-->B ", b"| x ", b"[x](a.md)"])
    n = rng.choice([1000, 10000, 100000, 300000])
    lines.insert(i, (piece * (n // len(piece) + 1))[:n])
    return lines


def deep_nesting(lines, i, rng, donors):
    depth = rng.choice([10, 100, 1000, 5000, 50000])
    lines.insert(i, rng.choice(LIST_MARKERS) * depth + b"**x**: y")
    return lines


def break_table_pipes(lines, i, rng, donors):
    line = lines[i]
    pipes = [k for k in range(len(line)) if line[k:k + 1] == b"|"]
    if not pipes:
        lines[i] = b"|" + line
    else:
        k = rng.choice(pipes)
        lines[i] = line[:k] + rng.choice([b"", b"||", b"\\|", b"| x |"]) + line[k + 1:]
    return lines


def many_headings(lines, i, rng, donors):
    deepest = rng.randint(1, 8)
    numbers = [b"", "一、".encode(), b"1.1 ", b"01.1-", b"2.1.1.1.1 ", "十一、".encode()]
    lines[i:i] = [b"#" * rng.randint(1, deepest) + b" " + rng.choice(numbers) + str(k).encode()
                  for k in range(rng.choice([5, 50, 500, 2000]))]
    return lines


def link_or_anchor(lines, i, rng, donors):
    text = rng.choice([b"a", b"", b"[", "甲".encode(), b"![i]"])
    link = b"[" + text + b"](" + rng.choice(LINK_TARGETS) + rng.choice(LINK_ANCHORS) + b")"
    lines[i] = _insert_at(rng, lines[i], link * rng.choice([1, 1, 3, 200]))
    return lines


def suppression_comment(lines, i, rng, donors):
    comment = rng.choice(SUPPRESS_VERBS) + rng.choice(SUPPRESS_CODES) + rng.choice([b" -->", b"", b"-->-->"])
    lines.insert(i, comment)
    return lines


def swap_lines(lines, i, rng, donors):
    j = rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return lines


def mermaid_block(lines, i, rng, donors):
    block = [rng.choice([b"```mermaid", b"~~~mermaid", b"```Mermaid"]),
             rng.choice([b"flowchart TD", b"graph LR", b"flowchart", b"graph", b"flowchart RL", b"sequenceDiagram"])]
    for _ in range(rng.randint(1, 15)):
        block.append(b"    " + rng.choice(MERMAID_IDS) + rng.choice(MERMAID_SHAPES) + b" "
                     + rng.choice(MERMAID_ARROWS) + b" " + rng.choice(MERMAID_TARGETS))
        if rng.random() < 0.15:
            block.append(rng.choice(MERMAID_EXTRA))
    if rng.random() < 0.85:
        block.append(block[0][:3])
    lines[i:i] = block
    return lines


def break_mermaid(lines, i, rng, donors):
    """Damages a line of an existing Mermaid block: a lost fence, arrow, bracket or quote."""
    inside, candidates = False, []
    for k, line in enumerate(lines):
        if line.strip().startswith((b"```", b"~~~")):
            inside = line.strip().lower().endswith(b"mermaid")
            candidates.append(k)
        elif inside:
            candidates.append(k)
    if not candidates:
        return mermaid_block(lines, i, rng, donors)
    k = rng.choice(candidates)
    victim = rng.choice([b"```", b"-->", b"]", b"[", b"|", b'"', b")", b"end"])
    if victim in lines[k]:
        lines[k] = lines[k].replace(victim, rng.choice([b"", b"-", b"[[", b"&"]), 1)
    else:
        lines[k] = _insert_at(rng, lines[k], victim)
    return lines


def reindent(lines, i, rng, donors):
    lines[i] = rng.choice([b"    ", b"\t", b"   ", b" ", b"", b"\xe3\x80\x80"]) + lines[i].lstrip()
    return lines


def line_endings(lines, i, rng, donors):
    ending = rng.choice([b"\r\n", b"\r", b"\n\n", b"\x0b"])
    return _split(_join(lines).replace(b"\n", ending))


OPERATORS = [flip_bits, set_bytes, delete_lines, duplicate_lines, duplicate_heading, splice_donor_lines,
             splice_donor_tail, insert_fragment, insert_fragment, insert_fragment, insert_structural_line,
             control_characters, truncate_line, huge_line, deep_nesting, break_table_pipes, many_headings,
             link_or_anchor, link_or_anchor, suppression_comment, swap_lines, mermaid_block, break_mermaid,
             reindent, line_endings]


def mutate_note(data, donors, rng):
    """Returns `data` after 1 to 20 operators (often few, sometimes many)."""
    lines = _split(data)
    for _ in range(rng.choice([1, 1, 2, 3, 4, 6, 10, 20])):
        if not lines:
            lines = [b""]
        lines = rng.choice(OPERATORS)(lines, rng.randrange(len(lines)), rng, donors)
    return _join(lines)[:MAX_NOTE_BYTES]


def binary_blob(rng):
    """A file that is not text: random bytes, a PNG header, UTF-16, NULs, or nothing."""
    kind = rng.randrange(5)
    if kind == 0:
        return bytes(rng.randrange(256) for _ in range(rng.choice([1, 100, 5000])))
    if kind == 1:
        return b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(200))
    if kind == 2:
        return "\ufeff# 标题\n\n正文\n".encode("utf-16-le")
    if kind == 3:
        return b"\x00" * rng.choice([1, 7, 4096])
    return b""


def mutate_config(data, rng):
    """Damages a convgraph.json: a byte, a truncation, a wrong type or a huge value."""
    kind = rng.randrange(4)
    if kind == 0 and data:
        k = rng.randrange(len(data))
        return data[:k] + bytes([rng.randrange(256)]) + data[k + 1:]
    if kind == 1:
        return data[:rng.randrange(len(data) + 1)]
    if kind == 2:
        return rng.choice([b"[]", b"null", b'{"checks": 1}', b'{"ignore": [1, null]}', b'{"aliases": {"a": "a"}}',
                           b'{"ignore": ["[", "**/**/**/**", ""]}', b'{"checks": {"broken-link": "fatal"}}'])
    aliases = ",".join(f'"a{k}": "a{k + 1}"' for k in range(rng.choice([10, 2000])))
    return ('{"aliases": {' + aliases + "}}").encode()


@dataclass
class Entry:
    """One thing in a mutant corpus, at `path` relative to the work directory.

    kind: "file" (data), "symlink" (target), "fifo", "dir", "file000" (data, mode 000: unreadable
    unless run as root).
    """
    path: str
    kind: str
    data: bytes = b""
    target: str = ""


# Odd entries, each a function (rng, corpus_dir) -> [Entry].
def symlink_loop(rng, root):
    return [Entry(f"{root}/{rng.choice(['', 'sub/'])}loop", "symlink", target=rng.choice([".", ".."]))]


def self_symlink(rng, root):
    return [Entry(f"{root}/self.md", "symlink", target="self.md")]


def dangling_symlink(rng, root):
    return [Entry(f"{root}/gone.md", "symlink", target="nowhere/gone.md")]


def escaping_symlink(rng, root):
    return rng.choice([[Entry(f"{root}/out.md", "symlink", target="../outside/o.md")],
                       [Entry(f"{root}/outdir", "symlink", target="../outside")],
                       [Entry(f"{root}/abs.md", "symlink", target="/etc/hostname")],
                       [Entry(f"{root}/dir.md", "symlink", target=".")]])


def fifo_note(rng, root):
    return [Entry(f"{root}/pipe.md", "fifo")]


def directory_named_note(rng, root):
    return [Entry(f"{root}/folder.md", "dir")]


def unreadable_note(rng, root):
    return [Entry(f"{root}/secret.md", "file000", data="# 秘密\n".encode())]


def binary_note(rng, root):
    return [Entry(f"{root}/{rng.choice(['bin.md', 'image.md', 'empty.md'])}", "file", data=binary_blob(rng))]


def odd_name(rng, root):
    name = rng.choice(["with space.md", "-dash.md", "new\nline.md", "tab\there.md", "\udcff\udcfe.md",
                       "a" * 250 + ".md", ".hidden.md", "UPPER.MD", "x.md.md", "#hash#.md", "中文名.md"])
    return [Entry(f"{root}/{name}", "file", data=b"# title\n\n[a](a.md)\n")]


def deep_directory(rng, root):
    depth = rng.choice([20, 60])
    return [Entry(f"{root}/{'/'.join(['d'] * depth)}/deep.md", "file", data="# 深\n".encode())]


ODD_ENTRIES = [symlink_loop, self_symlink, dangling_symlink, escaping_symlink, fifo_note,
               directory_named_note, unreadable_note, binary_note, odd_name, deep_directory]


def materialise(entries, base):
    """Writes `entries` under the directory `base`; parent directories are created."""
    for entry in entries:
        path = os.path.join(base, entry.path)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if os.path.lexists(path):
            continue  # the first entry of a name wins
        if entry.kind in ("file", "file000"):
            with open(path, "wb") as f:
                f.write(entry.data)
            if entry.kind == "file000":
                os.chmod(path, 0)
        elif entry.kind == "symlink":
            os.symlink(entry.target, path)
        elif entry.kind == "fifo":
            os.mkfifo(path)
        elif entry.kind == "dir":
            os.makedirs(path, exist_ok=True)


def make_writable(base):
    """Gives back read and write permission below `base`, so that it can be copied or removed."""
    for dirpath, dirnames, filenames in os.walk(base):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            if not os.path.islink(path) and stat.S_ISREG(os.lstat(path).st_mode):
                os.chmod(path, 0o644)


def note_path(rng, root, seed_path, taken):
    """Where a note goes: its seed's own folder, the root, or a sub-folder; never a taken name."""
    folder = rng.choice(["", "", "sub/", "a/b/", os.path.dirname(seed_path) + "/"]).lstrip("/")
    path = f"{root}/{folder}{os.path.basename(seed_path)}"
    while path in taken:
        path = path[:-3] + "_.md"
    taken.add(path)
    return path


def mutant_corpus(rng, seeds, configs, root="corpus", outside="outside"):
    """Draws a corpus of 1 to 8 notes, most of them mutated, maybe odd entries and a configuration.

    `seeds` is a list of (path, bytes), `configs` a list of convgraph.json texts. Returns the
    entries and the paths of the notes among them. A note outside the corpus, `outside/o.md`, is
    there for links and symbolic links that leave the corpus.
    """
    donors = [data for _, data in seeds]
    entries, notes, taken = [Entry(f"{outside}/o.md", "file", data="# 外\n\n## 一、概述\n".encode())], [], set()
    for k in range(rng.choice([1, 1, 2, 3, 5, 8])):
        seed_path, data = rng.choice(seeds)
        if k == 0 or rng.random() < 0.7:
            for _ in range(rng.choice([1, 1, 1, 2, 3])):
                data = mutate_note(data, donors, rng)
        path = note_path(rng, root, seed_path, taken)
        entries.append(Entry(path, "file", data=data))
        notes.append(path)
    if rng.random() < 0.3:
        for _ in range(rng.randint(1, 2)):
            entries += rng.choice(ODD_ENTRIES)(rng, root)
    if configs and rng.random() < 0.25:
        config = rng.choice(configs)
        if rng.random() < 0.3:
            config = mutate_config(config, rng)
        entries.append(Entry(f"{root}/convgraph.json", "file", data=config))
    return entries, notes

// Check codes: the one table of diagnostics.
#include "convgraph/check_codes.hpp"

#include <array>

namespace convgraph {

namespace {

using S = Severity;
using G = CheckGroup;

constexpr std::array k_checks = std::to_array<CheckInfo>({
    // Files
    {"unreadable-file", G::files, S::error, "A note or directory cannot be read",
     "Check the file's permissions, or exclude it with \"ignore\" in convgraph.json."},
    {"file-too-large", G::files, S::error, "A note is larger than the size limit",
     "Split the note, raise --max-file-size / \"max_file_size\", or exclude it with \"ignore\"."},
    {"binary-file", G::files, S::error, "A .md file contains NUL bytes and is not text",
     "Remove the file or exclude it with \"ignore\" in convgraph.json."},
    {"nesting-too-deep", G::files, S::error, "A line is nested over 100 block quotes and list items deep",
     "Flatten the nesting; a note is skipped until then (parsing such nesting takes time quadratic in its depth)."},
    {"invalid-utf8", G::files, S::error, "A note is not valid UTF-8",
     "Re-save the note as UTF-8; the invalid bytes are read as U+FFFD until then."},
    {"control-character", G::files, S::warning, "A note contains control characters",
     "Delete the invisible control characters (other than tab and newline)."},
    {"symlink-loop", G::files, S::warning, "A directory is reached twice through symbolic links",
     "Remove the symbolic link that points back into the corpus."},
    {"symlink-escapes-corpus", G::files, S::warning, "A symbolic link points outside the corpus",
     "Move the target into the corpus, or build from a root that contains it."},
    // Links
    {"broken-link", G::links, S::error, "A relative link points to a file that does not exist",
     "Fix the path (it is relative to the note), or create the missing note."},
    {"broken-anchor", G::links, S::error, "A link's #fragment matches no heading of the target note",
     "Use the heading's GitHub anchor: lower-case, punctuation removed, spaces as '-', CJK kept."},
    {"link-outside-corpus", G::links, S::warning, "A relative link leaves the corpus root",
     "Link only to notes inside the corpus, or build from a root that contains the target."},
    {"toc-mismatch", G::links, S::warning, "The table of contents does not match the headings",
     "Add, remove or reorder TOC entries so that they list the headings in order."},
    // Structure
    {"duplicate-section-number", G::structure, S::error, "Two sibling sections have the same number",
     "Renumber the sections so that each number is used once."},
    {"skipped-section-number", G::structure, S::warning, "Section numbers skip a number",
     "Renumber the sections consecutively."},
    {"section-number-mismatch", G::structure, S::warning, "A sub-section's number does not belong to its section",
     "Number sub-sections after their section: 3.1, 3.2 under 三."},
    {"missing-title", G::structure, S::warning, "A note has no H1 title",
     "Start the note with '# <series number>-<subject>'."},
    {"title-number-mismatch", G::structure, S::warning, "The title's series number differs from the file name's",
     "Make the H1's series number and the file name's prefix the same."},
    // Mermaid
    {"mermaid-syntax", G::mermaid, S::error, "A Mermaid flowchart has a syntax error",
     "Fix the chart at the given place; Mermaid would refuse to render it."},
    {"mermaid-unknown-diagram", G::mermaid, S::warning, "A mermaid block is empty or of an unknown diagram type",
     "Start the block with 'graph TD', 'flowchart LR' or another Mermaid diagram keyword."},
    {"mermaid-unsupported-diagram", G::mermaid, S::note, "A Mermaid diagram that is not a flowchart is skipped",
     "Nothing to fix: only flowcharts become graph facts."},
    {"mermaid-subgraph-edge", G::mermaid, S::note, "An arrow to or from a subgraph gives no edge in the graph",
     "Draw the arrow to the nodes inside the subgraph, or give the subgraph a label (S[...]) to make it a concept."},
    // Tables
    {"table-unknown-header", G::tables, S::warning, "A driver table has a column header convgraph does not know",
     "Use 因素 | 作用机制 | 收敛效果 (or Driver | Mechanism | Effect), or add the header to \"conventions\"."},
    {"table-ragged-row", G::tables, S::warning, "A table row has more or fewer cells than the header",
     "Give every row as many cells as the header; GFM pads or drops the difference silently."},
    {"table-empty-cell", G::tables, S::warning, "A driver, mechanism or effect cell is empty",
     "Fill the cell, or delete the row."},
    // Graph consistency
    {"overview-table-mismatch", G::graph, S::warning, "The overview flowchart and the driver table list different drivers",
     "List the same drivers in the overview chart and in the driver table."},
    {"unlisted-driver-section", G::graph, S::warning, "A driver section names a driver that no table or overview lists",
     "Add the driver to the driver table, or rename the section."},
    {"near-duplicate-concept", G::graph, S::warning, "One concept seems to be spelt two ways",
     "Use one spelling, or join them with an alias in convgraph.json (\"aliases\": {\"variant\": \"name\"})."},
    {"reserved-concept-name", G::graph, S::warning, "A concept is named like a note's id (doc:PATH)",
     "Rename the concept: ids that start with doc: name notes, so convgraph gives it the id doc：… instead."},
    {"alias-target-missing", G::graph, S::warning, "An alias in the configuration points at no concept",
     "Fix the alias target's spelling or remove the alias."},
    {"note-without-facts", G::graph, S::warning, "A note yields no concepts at all",
     "Check that the note follows the house conventions (see docs/conventions.md), or exclude it."},
});

}  // namespace

std::span<const CheckInfo> all_checks() { return k_checks; }

const CheckInfo* find_check(std::string_view code) {
    for (const auto& c : k_checks)
        if (c.code == code) return &c;
    return nullptr;
}

std::string_view to_string(CheckGroup g) {
    switch (g) {
    case CheckGroup::files: return "files";
    case CheckGroup::links: return "links";
    case CheckGroup::structure: return "structure";
    case CheckGroup::mermaid: return "mermaid";
    case CheckGroup::tables: return "tables";
    case CheckGroup::graph: return "graph";
    }
    return "graph";
}

}  // namespace convgraph

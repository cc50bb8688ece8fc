// Checks: diagnostics about notes beyond what parsing reports — structure, links, tables and
// the consistency of the facts. Codes and default severities: check_codes.hpp.
#pragma once

#include "convgraph/conventions.hpp"
#include "convgraph/diagnostics.hpp"
#include "convgraph/document.hpp"
#include "convgraph/extract.hpp"
#include "convgraph/graph.hpp"
#include "convgraph/note_links.hpp"

#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace convgraph {

// Within one note: section numbers (duplicate, skipped, not under their parent), the title
// (missing, series number differing from the file name), the table of contents, in-page anchors.
void check_structure(const Document& doc, const Conventions& conv, DiagnosticSink& diags);

// Driver tables: unknown headers, ragged rows, empty driver/mechanism/effect cells.
void check_tables(const Document& doc, const Conventions& conv, DiagnosticSink& diags);

// A note's facts against its own structure: overview vs table drivers, driver sections for
// drivers nobody lists, notes without facts.
void check_note_facts(const Document& doc, const NoteFacts& facts, const Conventions& conv, DiagnosticSink& diags);

// How a link destination is classified.
struct LinkTarget {
    enum class Kind { external, in_page, relative, outside_corpus } kind = Kind::external;
    std::string path;      // for relative: the target's path relative to the corpus root
    std::string fragment;  // percent-decoded, without '#'
};

// Classifies a destination written in the note at `from_path` (relative to the corpus root).
LinkTarget classify_link(std::string_view from_path, std::string_view destination);

// Looks up a note by corpus-relative path; nullptr when the corpus has no such note.
using NoteLookup = std::function<const NoteLinks*(const std::string& path)>;
// Whether a non-note file exists at a corpus-relative path.
using FileExists = std::function<bool(const std::string& path)>;

// The corpus's note paths, indexed once for the hint of every broken link.
class NotePaths {
public:
    explicit NotePaths(const std::vector<std::string>& paths);
    // The note a link from `from` to the missing `target` probably meant, or "": the only other
    // note with the same file name, else the nearest other note in the target's folder within
    // two edits. Looks at one folder, never at the whole corpus.
    std::string suggest(const std::string& target, const std::string& from) const;

private:
    std::unordered_map<std::string, std::vector<std::string>> m_by_name;
    std::unordered_map<std::string, std::vector<std::string>> m_by_folder;
};

// Relative links: missing target (with a likely note as a hint), missing anchor in the
// target, link leaving the corpus. With several corpus roots, note paths start with their
// root's prefix ("A/", in `root_prefixes`): a link that lands under none of them leaves the
// corpus. Returns the note-to-note links that resolve, with the path of their target.
std::vector<std::pair<std::string, const LinkRef*>> check_links(const NoteLinks& note, const NoteLookup& lookup,
                                                                const NotePaths& note_paths,
                                                                const FileExists& file_exists, DiagnosticSink& diags,
                                                                const std::vector<std::string>& root_prefixes = {});

// Across the graph: concepts spelt two ways (case, spacing, width, punctuation, one edit).
void check_near_duplicates(const Graph& g, DiagnosticSink& diags);

// Aliases whose target is no concept. `config_path` and `config_text` place the diagnostic.
void check_aliases(const Graph& g, const std::vector<std::pair<std::string, std::string>>& alias_spellings,
                   const std::string& config_path, std::string_view config_text, DiagnosticSink& diags);

// The nearest of `candidates` to `word` within `max_distance` edits (default: a third of its
// length, at least 2), or "".
std::string nearest(std::string_view word, const std::vector<std::string>& candidates, std::size_t max_distance = 0);

}  // namespace convgraph

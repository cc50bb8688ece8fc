// Normalize: the identity of a concept name, and splitting of cells into atomic phrases.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace convgraph {

// The normalised form that decides concept identity: Markdown emphasis and code marks
// stripped, whitespace trimmed and collapsed to one space, NFKC (folds full-width and
// half-width forms), Latin case-folded. "**Scaling  Law**" and "scaling law" are equal.
std::string normalize_name(std::string_view name);

// `name` as a display label: emphasis and code marks stripped, whitespace trimmed and
// collapsed, but case and width kept.
std::string clean_label(std::string_view name);

// Splits a table cell or core-idea text into phrases on the given delimiters (default
// `，` `,` `、` `;` `；`), trimmed, empty pieces dropped.
std::vector<std::string> split_phrases(std::string_view text, const std::vector<std::string>& delimiters);

// Trims ASCII and Unicode white space (including U+3000) at both ends.
std::string_view trim(std::string_view text);

// Maps normalised names to normalised canonical names (from configuration).
class AliasTable {
public:
    // Both sides are normalised on insertion.
    void add(std::string_view alias, std::string_view target);
    // The canonical normalised name for a normalised name (itself when no alias applies).
    const std::string& resolve(const std::string& normalized) const;
    // The target as written in the configuration, for a canonical name that is an alias target;
    // nullptr otherwise.
    const std::string* display(const std::string& canonical) const;
    bool empty() const { return m_map.empty(); }
    const std::map<std::string, std::string>& entries() const { return m_map; }

private:
    std::map<std::string, std::string> m_map;
    std::map<std::string, std::string> m_display;  // canonical → target spelling
};

}  // namespace convgraph

// NoteLinks: what the corpus-wide link checks keep of a note once it has been analysed.
#pragma once

#include "convgraph/document.hpp"
#include "convgraph/source_loc.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace convgraph {

// A link as the link checks need it: where it points and where it is written (in the note).
struct LinkRef {
    std::string destination;  // as written
    int line = 0;
    int column = 0;
};

// Every note's anchors and links stay in memory until the whole corpus is read (a link may
// point at a note read later); the rest of its document model is dropped as soon as the note
// is merged. This is a few dozen bytes per heading and link, where a Heading and a Link with
// their SourceLoc path copies were a few hundred.
struct NoteLinks {
    std::string path;                  // relative to the corpus root
    std::vector<std::string> anchors;  // heading anchors, in document order
    std::vector<LinkRef> links;        // in document order

    static NoteLinks of(const Document& doc);
    bool has_anchor(std::string_view anchor) const;
    SourceLoc loc(const LinkRef& link) const { return SourceLoc{path, link.line, link.column}; }
};

}  // namespace convgraph

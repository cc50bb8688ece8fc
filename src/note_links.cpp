// NoteLinks: a note's anchors and links, cut out of its document model.
#include "convgraph/note_links.hpp"

#include <algorithm>

namespace convgraph {

NoteLinks NoteLinks::of(const Document& doc) {
    NoteLinks out;
    out.path = doc.path;
    out.anchors.reserve(doc.headings.size());
    for (const Heading& h : doc.headings) out.anchors.push_back(h.anchor);
    out.links.reserve(doc.links.size());
    for (const Link& l : doc.links) out.links.push_back(LinkRef{l.destination, l.loc.line, l.loc.column});
    return out;
}

bool NoteLinks::has_anchor(std::string_view anchor) const {
    return std::find(anchors.begin(), anchors.end(), anchor) != anchors.end();
}

}  // namespace convgraph

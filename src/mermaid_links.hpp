// Mermaid links: reads one link (arrow) of a flowchart statement, with its text and edge id.
#pragma once

#include "convgraph/mermaid.hpp"
#include "mermaid_cursor.hpp"

#include <string>

namespace convgraph::mermaid_detail {

struct SyntaxError {
    SourceLoc loc;
    std::string message;
};

struct Link {
    Stroke stroke = Stroke::normal;
    ArrowHead head_start = ArrowHead::none;
    ArrowHead head_end = ArrowHead::arrow;
    int length = 1;
    std::string label;
    std::string edge_id;
    std::string token;  // the arrow as written (the closing part for "-- text -->"), for messages
    SourceLoc loc;      // the first character of the arrow
};

enum class LinkStatus { none, ok, error };

// Reads `[edge_id@]arrow[|text|]` at the cursor. `none`: there is no link here and the cursor is
// unchanged; `error`: a link started but is malformed (`error` says why and where).
LinkStatus read_link(Cursor& cursor, Link& link, SyntaxError& error);

// Reads a "…" string at the cursor (which is on the opening quote); the string may span lines.
// On success the cursor is past the closing quote and `content` is the text between the quotes.
bool read_quoted(Cursor& cursor, std::string_view& content, SyntaxError& error);

}  // namespace convgraph::mermaid_detail

// Markdown: reads a note with cmark-gfm (GFM tables, source positions) into a Document.
// The only part of convgraph that includes cmark-gfm headers.
#pragma once

#include "convgraph/diagnostics.hpp"
#include "convgraph/document.hpp"

#include <string_view>

namespace convgraph {

// Parses `text` (valid UTF-8) of the note at `path` (relative to the corpus root). Headings
// get numbers and unique anchors, ```mermaid blocks are parsed into charts (their syntax
// errors go to `diags`). Never fails: any input yields a Document.
Document parse_markdown(std::string_view path, std::string_view text, DiagnosticSink& diags);

}  // namespace convgraph

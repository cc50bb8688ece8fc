// XML: escaping for the XML-based export formats.
#pragma once

#include <string>
#include <string_view>

namespace convgraph {

// Escapes `& < > "` and drops characters XML 1.0 forbids. Tabs and newlines in attribute
// values are written as character references so parsers keep them.
std::string xml_escape_attr(std::string_view text);

// Element text: CDATA when the text holds '&', '<' or '>' (some readers, Gephi's among them,
// mangle entity-escaped text), escaped text otherwise.
std::string xml_text(std::string_view text);

}  // namespace convgraph

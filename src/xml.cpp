// XML escaping.
#include "convgraph/xml.hpp"

#include "convgraph/unicode.hpp"

namespace convgraph {

std::string xml_escape_attr(std::string_view text) {
    std::string clean = strip_xml_invalid(repair_utf8(text));  // a message may quote raw bytes
    std::string out;
    out.reserve(clean.size());
    for (char c : clean) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\t': out += "&#9;"; break;
        case '\n': out += "&#10;"; break;
        case '\r': out += "&#13;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string xml_text(std::string_view text) {
    std::string clean = strip_xml_invalid(repair_utf8(text));  // a message may quote raw bytes
    if (clean.find_first_of("&<>") == std::string::npos) return clean;
    std::string out = "<![CDATA[";
    std::size_t start = 0;
    for (std::size_t p = clean.find("]]>"); p != std::string::npos; p = clean.find("]]>", start)) {
        out.append(clean, start, p + 2 - start);
        out += "]]><![CDATA[";
        start = p + 2;
    }
    out.append(clean, start, std::string::npos);
    return out + "]]>";
}

}  // namespace convgraph

// Anchor: GitHub's heading anchors (the github-slugger algorithm) and URL fragment decoding.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace convgraph {

// The slug of a heading's plain text: lower-cased, punctuation, symbols, controls and
// separators other than ' ' and '-' removed, each space turned into '-'. CJK is kept.
std::string github_slug(std::string_view heading_text);

// Gives each heading of one document its unique anchor, in document order:
// repeats get "-1", "-2", … and suffixed results are registered too (as GitHub does).
class Slugger {
public:
    std::string slug(std::string_view heading_text);

private:
    std::map<std::string, int> m_occurrences;
};

// Percent-decodes a URL fragment or path (%E4%B8%AD → 中); malformed escapes stay as written.
std::string percent_decode(std::string_view text);

}  // namespace convgraph

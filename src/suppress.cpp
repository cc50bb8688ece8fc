// Suppress: parsing convgraph-disable comments.
#include "convgraph/suppress.hpp"

#include <climits>
#include <map>

namespace convgraph {

namespace {

std::vector<std::string> words(std::string_view s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == ',')) ++i;
        std::size_t start = i;
        while (i < s.size() && s[i] != ' ' && s[i] != '\t' && s[i] != ',') ++i;
        if (i > start) out.emplace_back(s.substr(start, i - start));
    }
    return out;
}

}  // namespace

Suppressions Suppressions::scan(std::string_view text) {
    Suppressions s;
    if (text.find("convgraph-") == std::string_view::npos) return s;
    std::map<std::string, int> open;  // code → first line of an open disable
    int line = 1;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t end = text.find('\n', pos);
        std::string_view l = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        for (std::size_t at = l.find("<!--"); at != std::string_view::npos; at = l.find("<!--", at + 4)) {
            std::size_t close = l.find("-->", at + 4);
            if (close == std::string_view::npos) break;
            auto w = words(l.substr(at + 4, close - at - 4));
            if (w.empty()) continue;
            std::string directive = w.front();
            std::vector<std::string> codes(w.begin() + 1, w.end());
            if (codes.empty()) codes.push_back("");
            for (const auto& code : codes) {
                if (directive == "convgraph-disable") {
                    open.emplace(code, line);
                } else if (directive == "convgraph-enable") {
                    auto it = open.find(code);
                    if (it != open.end()) {
                        s.m_ranges.push_back({code, it->second, line});
                        open.erase(it);
                    }
                } else if (directive == "convgraph-disable-next-line") {
                    s.m_ranges.push_back({code, line + 1, line + 1});
                } else if (directive == "convgraph-disable-line") {
                    s.m_ranges.push_back({code, line, line});
                } else if (directive == "convgraph-disable-file") {
                    s.m_ranges.push_back({code, 0, INT_MAX});
                }
            }
        }
        if (end == std::string_view::npos) break;
        pos = end + 1;
        ++line;
    }
    for (const auto& [code, first] : open) s.m_ranges.push_back({code, first, INT_MAX});
    return s;
}

bool Suppressions::suppressed(int line, std::string_view code) const {
    for (const auto& r : m_ranges) {
        if (!r.code.empty() && r.code != code) continue;
        if (line == 0 ? r.first == 0 : (line >= r.first && line <= r.last)) return true;
    }
    return false;
}

std::string Suppressions::fingerprint() const {
    std::string out;
    for (const auto& r : m_ranges) {
        out += r.code;
        out += '\0';
        out += std::to_string(r.first);
        out += ',';
        out += std::to_string(r.last);
        out += '\n';
    }
    return out;
}

}  // namespace convgraph

// Suppress: parsing convgraph-disable comments.
#include "convgraph/suppress.hpp"

#include <algorithm>
#include <climits>
#include <map>
#include <utility>

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

// A fenced code block's opening or closing line: up to three spaces, then three or more
// backticks or tildes. Returns the fence ('`' or '~') and its length; {0, 0} for other lines.
std::pair<char, std::size_t> fence_of(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && i < 3 && line[i] == ' ') ++i;
    if (i >= line.size() || (line[i] != '`' && line[i] != '~')) return {0, 0};
    const char c = line[i];
    std::size_t n = 0;
    while (i + n < line.size() && line[i + n] == c) ++n;
    if (n < 3) return {0, 0};
    // An opening backtick fence has no backtick in its info string.
    if (c == '`' && line.find('`', i + n) != std::string_view::npos) return {0, 0};
    return {c, n};
}

// The text of each comment (<!-- text -->) on `line` outside code spans (`…`, ``…``): a comment
// quoted in inline code is text, visible when rendered. An unclosed comment ends the line.
std::vector<std::string_view> comment_bodies(std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < line.size()) {
        if (line[i] == '`') {
            std::size_t n = 0;
            while (i + n < line.size() && line[i + n] == '`') ++n;
            // The span ends at the next run of exactly n backticks; without one, the run is text.
            std::size_t j = i + n;
            bool closed = false;
            while ((j = line.find('`', j)) != std::string_view::npos) {
                std::size_t m = 0;
                while (j + m < line.size() && line[j + m] == '`') ++m;
                if (m == n) {
                    closed = true;
                    break;
                }
                j += m;
            }
            i = closed ? j + n : i + n;
            continue;
        }
        if (line.compare(i, 4, "<!--") == 0) {
            std::size_t close = line.find("-->", i + 4);
            if (close == std::string_view::npos) break;
            out.push_back(line.substr(i + 4, close - i - 4));
            i = close + 3;
            continue;
        }
        ++i;
    }
    return out;
}

}  // namespace

Suppressions Suppressions::scan(std::string_view text) {
    Suppressions s;
    if (text.find("convgraph-") == std::string_view::npos) return s;
    // code → (first line, codes excepted) of an open disable; "" = every code
    std::map<std::string, std::pair<int, std::vector<std::string>>> open;
    auto close = [&](std::map<std::string, std::pair<int, std::vector<std::string>>>::iterator it, int line) {
        s.m_ranges.push_back({it->first, it->second.first, line, std::move(it->second.second)});
        return open.erase(it);
    };
    int line = 1;
    std::size_t pos = 0;
    std::pair<char, std::size_t> fence{0, 0};  // the open code fence, if any
    while (pos <= text.size()) {
        std::size_t end = text.find('\n', pos);
        std::string_view l = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
        // A comment inside a fenced code block is code on show, not a directive.
        const auto f = fence_of(l);
        if (fence.first) {
            if (f.first == fence.first && f.second >= fence.second &&
                l.find_first_not_of(" \t", l.find_last_of(f.first) + 1) == std::string_view::npos)
                fence = {0, 0};
        } else if (f.first) {
            fence = f;
        }
        const auto comments = fence.first || f.first ? std::vector<std::string_view>{} : comment_bodies(l);
        for (std::string_view comment : comments) {
            auto w = words(comment);
            if (w.empty()) continue;
            std::string directive = w.front();
            std::vector<std::string> codes(w.begin() + 1, w.end());
            if (codes.empty()) codes.push_back("");
            for (const auto& code : codes) {
                if (directive == "convgraph-disable") {
                    open.emplace(code, std::pair<int, std::vector<std::string>>{line, {}});
                } else if (directive == "convgraph-enable") {
                    if (code.empty()) {
                        // A bare enable ends every disable, with codes or without.
                        for (auto it = open.begin(); it != open.end();) it = close(it, line);
                    } else if (auto it = open.find(code); it != open.end()) {
                        close(it, line);
                    } else if (auto all = open.find(""); all != open.end()) {
                        // Within a disable of every code: from here on, all but this one.
                        auto excepted = all->second.second;
                        close(all, line);
                        excepted.push_back(code);
                        open.emplace("", std::pair<int, std::vector<std::string>>{line + 1, std::move(excepted)});
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
    for (auto& [code, at] : open) s.m_ranges.push_back({code, at.first, INT_MAX, std::move(at.second)});
    return s;
}

bool Suppressions::suppressed(int line, std::string_view code) const {
    for (const auto& r : m_ranges) {
        if (!r.code.empty() && r.code != code) continue;
        if (std::find(r.except.begin(), r.except.end(), code) != r.except.end()) continue;
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
        for (const auto& e : r.except) {
            out += '-';
            out += e;
        }
        out += '\n';
    }
    return out;
}

}  // namespace convgraph

// convgraph query where: every place a concept is stated, with the text of the line.
#include "query_common.hpp"

#include "commands.hpp"

#include "convgraph/corpus.hpp"
#include "convgraph/diagnostics.hpp"
#include "convgraph/error.hpp"
#include "convgraph/io.hpp"

#include <cstdint>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>

namespace convgraph::cli::queries {

namespace {

std::string where_root(const QueryArgs& args) {
    if (!args.root.empty()) return args.root;
    if (args.source.corpus.size() == 1) return args.source.corpus.front();
    return ".";
}

}  // namespace

int run_where(const QueryArgs& args) {
    TableFormat format = table_format(args);
    BuildResult r = args.source.load(true);
    const Graph& g = r.graph;
    int status = k_exit_ok;
    auto found = resolve_or_report(g, args.name, status);
    if (!found) return status;
    std::filesystem::path root = where_root(args);
    std::map<std::string, std::vector<std::string>> files;
    std::map<std::string, std::uint64_t> bytes;  // what the graph says each note held
    for (const auto& d : r.documents) bytes.emplace(d.path, d.bytes);
    auto line_text = [&](const std::string& path, int line) -> std::string {
        auto it = files.find(path);
        if (it == files.end()) {
            std::vector<std::string> lines;
            try {
                std::string text = read_file(root / path);
                // The same checks and repairs as the build's (BOM, control characters): a note
                // whose text is not the size the graph recorded changed since the graph was built.
                DiagnosticSink ignored;
                auto checked = check_note_text(path, text, CorpusLimits{}, ignored);
                auto recorded = bytes.find(path);
                if (checked && recorded != bytes.end() && recorded->second != checked->size())
                    std::cerr << "convgraph: warning: '" << (root / path).string()
                              << "' changed since the graph was built; its lines may not be those stated (run convgraph build)\n";
                // The lines as the build read them (no BOM, no control characters), so the
                // columns stated point into the text shown.
                std::istringstream in(checked ? std::move(*checked) : std::move(text));
                for (std::string l; std::getline(in, l);) {
                    if (!l.empty() && l.back() == '\r') l.pop_back();
                    lines.push_back(std::move(l));
                }
            } catch (const Error&) {
                std::cerr << "convgraph: warning: cannot read '" << (root / path).string()
                          << "'; pass --root DIR, the corpus directory the graph was built from\n";
            }
            it = files.emplace(path, std::move(lines)).first;
        }
        return line >= 1 && std::size_t(line) <= it->second.size() ? it->second[std::size_t(line) - 1] : std::string();
    };
    const Node& n = g.node(*found);
    std::string prefix = root == "." ? "" : root.string() + (root.string().back() == '/' ? "" : "/");
    TextTable t{{"file", "line", "column", "role", "text"}, {}, {"line", "column"}};
    for (std::size_t i = 0; i < n.provenance.size(); ++i) {
        const Mention& m = n.provenance[i];
        // One row per place; a place stated in several roles lists them all.
        if (i > 0 && n.provenance[i - 1].place == m.place) {
            t.rows.back()[3] += "," + std::string(to_string(m.role));
            continue;
        }
        const std::string& path = g.file(m.place);
        t.rows.push_back({prefix + path, std::to_string(m.place.line), std::to_string(m.place.column),
                          std::string(to_string(m.role)), line_text(path, m.place.line)});
    }
    if (format == TableFormat::table) {
        for (const auto& row : t.rows)
            std::cout << paint(args, row[0], "35") << ":" << paint(args, row[1], "32") << ":" << row[2] << ": " << row[4] << "\n";
    } else {
        std::cout << render_table(t, format);
    }
    return t.rows.empty() ? k_exit_findings : k_exit_ok;
}

}  // namespace convgraph::cli::queries

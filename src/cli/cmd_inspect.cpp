// convgraph inspect: the document model and facts of one note, for seeing why the graph is so.
#include "commands.hpp"
#include "output.hpp"

#include "convgraph/config.hpp"
#include "convgraph/corpus.hpp"
#include "convgraph/error.hpp"
#include "convgraph/pipeline.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

namespace convgraph::cli {

namespace {

using Json = nlohmann::ordered_json;

struct InspectArgs {
    std::string file;
    std::string config;
    bool json = false;
};

Json loc_json(const SourceLoc& loc) { return Json{{"line", loc.line}, {"column", loc.column}}; }

Json chart_json(const MermaidChart& c) {
    Json j;
    j["type"] = c.diagram_type;
    j["direction"] = c.direction;
    j["nodes"] = Json::array();
    for (const auto& n : c.nodes)
        j["nodes"].push_back(Json{{"id", n.id}, {"label", n.label}, {"shape", to_string(n.shape)},
                                  {"subgraph", n.subgraph}, {"line", n.loc.line}});
    j["edges"] = Json::array();
    for (const auto& e : c.edges)
        j["edges"].push_back(Json{{"from", e.from}, {"to", e.to}, {"label", e.label},
                                  {"stroke", to_string(e.stroke)}, {"arrow", to_string(e.head_end)},
                                  {"line", e.loc.line}});
    j["subgraphs"] = Json::array();
    for (const auto& s : c.subgraphs)
        j["subgraphs"].push_back(Json{{"id", s.id}, {"title", s.title}, {"parent", s.parent}, {"line", s.loc.line}});
    return j;
}

Json labeled_json(const LabeledText& t) {
    Json j = loc_json(t.loc);
    j["label"] = t.label;
    j["text"] = t.text;
    return j;
}

Json analysis_json(const NoteAnalysis& a) {
    const Document& d = a.document;
    Json j;
    j["path"] = d.path;
    j["headings"] = Json::array();
    for (const auto& h : d.headings)
        j["headings"].push_back(Json{{"level", h.level}, {"number", h.number}, {"title", h.title},
                                     {"anchor", h.anchor}, {"line", h.loc.line}});
    j["blocks"] = Json::array();
    for (const auto& b : d.blocks) {
        Json jb;
        jb["section"] = b.heading >= 0 ? d.headings[static_cast<std::size_t>(b.heading)].text : "";
        if (auto* p = std::get_if<Paragraph>(&b.content)) {
            if (p->content.label.empty()) continue;  // plain prose carries no facts
            jb["type"] = "paragraph";
            jb["content"] = labeled_json(p->content);
        } else if (auto* l = std::get_if<ListBlock>(&b.content)) {
            jb["type"] = "list";
            jb["ordered"] = l->ordered;
            jb["depth"] = l->depth;
            jb["line"] = l->loc.line;
            jb["items"] = Json::array();
            for (const auto& item : l->items) jb["items"].push_back(labeled_json(item));
        } else if (auto* t = std::get_if<Table>(&b.content)) {
            jb["type"] = "table";
            jb["line"] = t->loc.line;
            jb["header"] = Json::array();
            for (const auto& c : t->header) jb["header"].push_back(c.text);
            jb["rows"] = Json::array();
            for (const auto& row : t->rows) {
                Json r = Json::array();
                for (const auto& c : row) r.push_back(c.text);
                jb["rows"].push_back(std::move(r));
            }
        } else if (auto* c = std::get_if<CodeBlock>(&b.content)) {
            jb["type"] = "code";
            jb["info"] = c->info;
            jb["line"] = c->loc.line;
            if (c->chart) jb["chart"] = chart_json(*c->chart);
        }
        j["blocks"].push_back(std::move(jb));
    }
    j["links"] = Json::array();
    for (const auto& l : d.links)
        j["links"].push_back(Json{{"destination", l.destination}, {"text", l.text}, {"line", l.loc.line}, {"column", l.loc.column}});
    Json facts;
    facts["title"] = a.facts.title;
    facts["series"] = a.facts.series;
    facts["subject"] = a.facts.subject;
    facts["concepts"] = Json::array();
    for (const auto& m : a.facts.mentions)
        facts["concepts"].push_back(Json{{"name", m.name}, {"role", to_string(m.role)}, {"line", m.loc.line}, {"column", m.loc.column}});
    facts["relations"] = Json::array();
    for (const auto& r : a.facts.relations) {
        Json jr{{"relation", to_string(r.relation)}, {"from", r.from}, {"to", r.to}, {"line", r.loc.line}};
        if (!r.label.empty()) jr["label"] = r.label;
        facts["relations"].push_back(std::move(jr));
    }
    j["facts"] = std::move(facts);
    return j;
}

void print_human(const NoteAnalysis& a) {
    const Document& d = a.document;
    std::ostringstream out;
    out << d.path << "\n";
    if (!a.facts.subject.empty())
        out << "  series " << (a.facts.series.empty() ? "-" : a.facts.series) << ", subject " << a.facts.subject << "\n";
    out << "\nheadings\n";
    TextTable ht{{"line", "level", "number", "title", "anchor"}, {}, {"line", "level"}};
    for (const auto& h : d.headings)
        ht.rows.push_back({"  " + std::to_string(h.loc.line), "H" + std::to_string(h.level), h.number, h.title, "#" + h.anchor});
    out << render_table(ht, TableFormat::table, false);
    for (const auto& b : d.blocks) {
        if (auto* t = std::get_if<Table>(&b.content)) {
            out << "\ntable at line " << t->loc.line << "\n";
            TextTable tt;
            for (const auto& c : t->header) tt.columns.push_back("  " + c.text);
            for (const auto& row : t->rows) {
                std::vector<std::string> cells;
                for (const auto& c : row) cells.push_back("  " + c.text);
                tt.rows.push_back(std::move(cells));
            }
            out << render_table(tt, TableFormat::table);
        } else if (auto* c = std::get_if<CodeBlock>(&b.content)) {
            if (!c->chart) continue;
            const MermaidChart& ch = *c->chart;
            out << "\nmermaid " << ch.diagram_type << (ch.direction.empty() ? "" : " " + ch.direction) << " at line "
                << c->loc.line << ": " << ch.nodes.size() << " nodes, " << ch.edges.size() << " edges\n";
            for (const auto& n : ch.nodes)
                out << "  " << n.id << " [" << to_string(n.shape) << "] " << n.label
                    << (n.subgraph.empty() ? "" : "  (in " + n.subgraph + ")") << "\n";
            for (const auto& e : ch.edges) {
                out << "  " << e.from << " -" << to_string(e.stroke) << "/" << to_string(e.head_end) << "-> " << e.to;
                if (!e.label.empty()) out << "  |" << e.label << "|";
                out << "\n";
            }
        } else if (auto* l = std::get_if<ListBlock>(&b.content)) {
            bool labeled = std::any_of(l->items.begin(), l->items.end(), [](const LabeledText& item) { return !item.label.empty(); });
            if (!labeled) continue;
            out << "\nlist at line " << l->loc.line << "\n";
            for (const auto& item : l->items) out << "  **" << item.label << "**: " << item.text << "\n";
        } else if (auto* p = std::get_if<Paragraph>(&b.content)) {
            if (p->content.label.empty()) continue;
            out << "\nlabel at line " << p->content.loc.line << ": **" << p->content.label << "**"
                << (p->content.text.empty() ? "" : ": " + p->content.text) << "\n";
        }
    }
    out << "\nlinks\n";
    for (const auto& l : d.links) out << "  " << l.loc.line << ":" << l.loc.column << "  " << l.destination << "\n";
    out << "\nfacts\n";
    TextTable ft{{"relation", "from", "to", "line"}, {}, {"line"}};
    for (const auto& r : a.facts.relations)
        ft.rows.push_back({"  " + std::string(to_string(r.relation)), r.from, r.to, std::to_string(r.loc.line)});
    out << render_table(ft, TableFormat::table, false);
    std::cout << out.str();
}

int run_inspect(const InspectArgs& args, const GlobalOptions& global) {
    DiagnosticSink sink;
    CorpusFile file{args.file, args.file};
    auto text = read_note(file, CorpusLimits{}, sink);
    if (!text) {
        print_diagnostics(sink.all(), "", global);
        return k_exit_findings;
    }
    std::optional<std::filesystem::path> config_path;
    if (!args.config.empty())
        config_path = args.config;
    else
        config_path = find_config_upwards(std::filesystem::path(args.file).parent_path());
    BuildOptions options = config_path ? options_from_config(load_config(config_path, {})) : BuildOptions{};
    NoteAnalysis a = analyze_note(args.file, *text, options);
    if (args.json)
        std::cout << analysis_json(a).dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
    else
        print_human(a);
    auto diags = sink.take();
    diags.insert(diags.end(), a.diagnostics.begin(), a.diagnostics.end());
    sort_diagnostics(diags);
    print_diagnostics(diags, "", global);
    return k_exit_ok;
}

}  // namespace

Runner setup_inspect(CLI::App& app, const GlobalOptions& global) {
    auto args = std::make_shared<InspectArgs>();
    app.add_option("file", args->file, "The note (.md) to inspect")->required()->check(CLI::ExistingFile);
    app.add_flag("--json", args->json, "Print the document model and facts as JSON");
    app.add_option("--config", args->config,
                   "Configuration file (default: the nearest convgraph.json in the note's folder or above)")
        ->check(CLI::ExistingFile);
    return [args, &global] { return run_inspect(*args, global); };
}

}  // namespace convgraph::cli
